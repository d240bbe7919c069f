<?xml version="1.0" encoding="UTF-8"?>
<!--
  Consoles: Xen's paravirtual console (hvc0/xvc0 in the guest) becomes a
  serial console (ttyS0).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Step 2.7: console target type xen becomes serial; the port is kept. -->
  <xsl:template match="/domain/devices/console/target/@type[. = 'xen']">
    <xsl:attribute name="type">serial</xsl:attribute>
  </xsl:template>
</xsl:stylesheet>
