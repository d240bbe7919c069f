<?xml version="1.0" encoding="UTF-8"?>
<!--
  Host devices passed through: the host address stays, Xen's pciback options go.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- driver name='xen' means pciback; without a driver KVM uses VFIO. -->
  <xsl:template match="/domain/devices/*[self::hostdev or self::interface[@type = 'hostdev']]/driver[@name = 'xen']"/>

  <!-- Write filtering of the PCI configuration space is pciback's (permissive mode);
       QEMU's VFIO always filters. -->
  <xsl:template match="/domain/devices/hostdev/source/@writeFiltering"/>
</xsl:stylesheet>
