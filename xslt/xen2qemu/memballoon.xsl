<?xml version="1.0" encoding="UTF-8"?>
<!--
  Memory balloon: Xen's balloon driver becomes virtio's.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- memballoon model xen becomes virtio, so currentMemory below memory still works. -->
  <xsl:template match="/domain/devices/memballoon/@model[. = 'xen']">
    <xsl:attribute name="model">virtio</xsl:attribute>
  </xsl:template>
  <!-- Report: the balloon. -->
  <xsl:template match="/domain/devices/memballoon/@model[. = 'xen']" mode="x2k:report">
    <change code="memballoon">memory balloon xen → virtio</change>
  </xsl:template>
</xsl:stylesheet>
