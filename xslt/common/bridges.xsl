<?xml version="1.0" encoding="UTF-8"?>
<!--
  Bridge renaming shared by bridge-rename.xsl (which renames) and xen2qemu.xsl's
  report (which lists the bridges and networks the KVM host must have after it).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <!-- Old bridge name to new bridge name (chapter 3 of seed 000: eth0 to br0). -->
  <xsl:param name="bridges" as="map(xs:string, xs:string)" select="map{}"/>

  <!-- Old bridge name to the libvirt network that replaces it (seed 004: xenbr1 to
       the host-only network 'hostonly'). Wins over $bridges for the same name. -->
  <xsl:param name="networks" as="map(xs:string, xs:string)" select="map{}"/>

  <!-- Where an interface bridged to $bridge ends up: 'bridge NAME' or 'network NAME'. -->
  <xsl:function name="x2k:bridge-destination" as="xs:string">
    <xsl:param name="bridge" as="xs:string"/>
    <xsl:sequence select="
        if (map:contains($networks, $bridge)) then 'network ' || $networks($bridge)
        else 'bridge ' || ($bridges($bridge), $bridge)[1]"/>
  </xsl:function>
</xsl:stylesheet>
