<?xml version="1.0" encoding="UTF-8"?>
<!--
  Character devices: Xen's paravirtual console (hvc0/xvc0 in the guest) becomes
  a serial console (ttyS0); Xen's channels become virtio-serial channels.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Step 2.7: console target type xen becomes serial; the port is kept. -->
  <xsl:template match="/domain/devices/console/target/@type[. = 'xen']">
    <xsl:attribute name="type">serial</xsl:attribute>
  </xsl:template>

  <!-- A channel on Xen's PV console ring (the QEMU guest agent, say) becomes a virtio
       channel with the same name. -->
  <xsl:template match="/domain/devices/channel/target/@type[. = 'xen']">
    <xsl:attribute name="type">virtio</xsl:attribute>
  </xsl:template>
</xsl:stylesheet>
