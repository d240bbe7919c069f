<?xml version="1.0" encoding="UTF-8"?>
<!--
  Character devices: Xen's paravirtual console (hvc0/xvc0 in the guest) becomes
  a serial console (ttyS0); Xen's channels become virtio-serial channels.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Whether a console's or channel's target is on Xen's PV console ring; the rules
       and their reports use it. -->
  <xsl:function name="x2k:is-on-xen-console" as="xs:boolean">
    <xsl:param name="target" as="element(target)?"/>
    <xsl:sequence select="$target/@type = 'xen'"/>
  </xsl:function>

  <!-- Step 2.7: console target type xen becomes serial; the port is kept. -->
  <xsl:template match="/domain/devices/console/target[x2k:is-on-xen-console(.)]/@type">
    <xsl:attribute name="type">serial</xsl:attribute>
  </xsl:template>

  <!-- A channel on Xen's PV console ring (the QEMU guest agent, say) becomes a virtio
       channel with the same name. -->
  <xsl:template match="/domain/devices/channel/target[x2k:is-on-xen-console(.)]/@type">
    <xsl:attribute name="type">virtio</xsl:attribute>
  </xsl:template>
  <!-- Report: the console moves from hvc0/xvc0 to ttyS0. -->
  <xsl:template match="/domain/devices/console[x2k:is-on-xen-console(target)]" mode="x2k:report">
    <change code="console">console on Xen's PV console → serial port (ttyS0 in the guest)</change>
    <action code="guest-console" severity="recommended">Inside the guest, move the getty from hvc0/xvc0 to ttyS0 (/etc/inittab, or serial-getty@ttyS0 with systemd), add ttyS0 to /etc/securetty, and use console=ttyS0 on GRUB's kernel command line.</action>
  </xsl:template>

  <xsl:template match="/domain/devices/channel/target[x2k:is-on-xen-console(.)]" mode="x2k:report">
    <change code="channel">channel {@name} on Xen's console ring → virtio-serial</change>
  </xsl:template>
</xsl:stylesheet>
