<?xml version="1.0" encoding="UTF-8"?>
<!--
  Host devices passed through: the host address stays, Xen's pciback options go.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- driver name='xen' means pciback; without a driver KVM uses VFIO. -->
  <xsl:template match="/domain/devices/*[self::hostdev or self::interface[@type = 'hostdev']]/driver[@name = 'xen']"/>

  <!-- Write filtering of the PCI configuration space is pciback's (permissive mode);
       QEMU's VFIO always filters. -->
  <xsl:template match="/domain/devices/hostdev/source/@writeFiltering"/>
  <!-- Report: passed-through host devices need VFIO on the KVM host. -->
  <xsl:template match="/domain/devices/*[self::hostdev or self::interface[@type = 'hostdev']][source/address]" mode="x2k:report">
    <xsl:variable name="address" as="xs:string" select="x2k:host-address(source/address)"/>
    <change code="hostdev">host device {$address} kept{if (driver/@name = 'xen' or source/@writeFiltering) then '; pciback options dropped (KVM uses VFIO)' else ''}</change>
    <action code="host-passthrough" severity="required">Host device {$address} is passed through: on the KVM host enable the IOMMU (intel_iommu=on or amd_iommu=on){if (@managed = 'yes') then '' else ' and bind it to vfio-pci yourself (managed=''no'')'}, and release it from Xen's pciback.</action>
  </xsl:template>

  <xsl:function name="x2k:host-address" as="xs:string">
    <xsl:param name="address" as="element(address)"/>
    <xsl:sequence select="if ($address/@slot)
        then string-join(($address/@domain, $address/@bus, $address/@slot) ! replace(., '^0x', ''), ':') || '.' || replace($address/@function, '^0x', '')
        else 'USB ' || $address/@bus || ':' || $address/@device"/>
  </xsl:function>
</xsl:stylesheet>
