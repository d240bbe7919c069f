<?xml version="1.0" encoding="UTF-8"?>
<!--
  Display: Xen's paravirtual framebuffer (vfb) becomes an emulated VGA card;
  remote displays keep what a default KVM host can serve.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Video model xen (the vfb a PV guest drew on) becomes vga, which every guest
       kernel drives. -->
  <xsl:template match="/domain/devices/video/model/@type[. = 'xen']">
    <xsl:attribute name="type">vga</xsl:attribute>
  </xsl:template>

  <!-- A SPICE TLS port needs certificates and spice_tls=1 in the KVM host's qemu.conf,
       which a default host has not: libvirt refuses the domain. The plain port stays.
       (With autoport, the port is runtime state, which runtime.xsl drops.) -->
  <xsl:template match="/domain/devices/graphics[@type = 'spice'][not(@autoport = 'yes')]/@tlsPort"/>
  <!-- Report: display. -->
  <xsl:template match="/domain/devices/video/model[@type = 'xen']" mode="x2k:report">
    <change code="video">video xen (PV framebuffer) → vga</change>
  </xsl:template>

  <xsl:template match="/domain/devices/graphics[@type = 'spice']/@tlsPort" mode="x2k:report">
    <change code="spice-tls-dropped">SPICE TLS port {.} dropped</change>
    <action code="spice-tls" severity="recommended">SPICE ran with TLS on port {.}: to keep it, set spice_tls=1 and the certificate directory in the KVM host's qemu.conf, then add tlsPort back.</action>
  </xsl:template>
</xsl:stylesheet>
