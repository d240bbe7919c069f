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

  <!-- A guest that boots from its disk (pygrub, PV-GRUB, boot=disk) starts GRUB from the
       BIOS, and GRUB draws its menu on a display: a distribution's GRUB that sets up a
       framebuffer (Debian's gfxterm) stops after "Welcome to GRUB!" when the domain has no
       video device, which libvirt does not add by itself. A PV guest without Xen's vfb had
       none, so it gets a VGA; its console stays the serial port. -->
  <xsl:template match="/domain/devices[x2k:needs-video(..)]">
    <xsl:copy>
      <xsl:apply-templates select="@*, node()"/>
      <video>
        <model type='vga'/>
      </video>
    </xsl:copy>
  </xsl:template>

  <xsl:function name="x2k:needs-video" as="xs:boolean">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="x2k:boots-from-disk($domain) and $guest-kernel = ''
                          and empty($domain/devices/(video, graphics))"/>
  </xsl:function>

  <!-- A SPICE TLS port needs certificates and spice_tls=1 in the KVM host's qemu.conf,
       which a default host has not: libvirt refuses the domain. The plain port stays.
       (With autoport, the port is runtime state, which runtime.xsl drops.) -->
  <xsl:template match="/domain/devices/graphics[@type = 'spice'][not(@autoport = 'yes')]/@tlsPort"/>
  <!-- Report: display. -->
  <xsl:template match="/domain/devices/video/model[@type = 'xen']" mode="x2k:report">
    <change code="video">video xen (PV framebuffer) → vga</change>
  </xsl:template>

  <xsl:template match="/domain/devices[x2k:needs-video(..)]" mode="x2k:report">
    <change code="video-added">a VGA added: the guest boots from its disk, and GRUB draws its menu on a display (without one, a GRUB that sets up a framebuffer stops before the kernel)</change>
  </xsl:template>

  <xsl:template match="/domain/devices/graphics[@type = 'spice']/@tlsPort" mode="x2k:report">
    <change code="spice-tls-dropped">SPICE TLS port {.} dropped</change>
    <action code="spice-tls" severity="recommended">SPICE ran with TLS on port {.}: to keep it, set spice_tls=1 and the certificate directory in the KVM host's qemu.conf, then add tlsPort back.</action>
  </xsl:template>
</xsl:stylesheet>
