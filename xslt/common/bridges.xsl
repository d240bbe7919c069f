<?xml version="1.0" encoding="UTF-8"?>
<!--
  Bridge renaming shared by bridge-rename.xsl (which renames) and xen2qemu.xsl's
  report (which lists the bridges the KVM host must have after renaming).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <!-- Old bridge name to new bridge name (chapter 3 of the seed: eth0 to br0). -->
  <xsl:param name="bridges" as="map(xs:string, xs:string)" select="map{}"/>

  <!-- The name bridge $name has after renaming. -->
  <xsl:function name="x2k:renamed-bridge" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="($bridges($name), $name)[1]"/>
  </xsl:function>
</xsl:stylesheet>
