<?xml version="1.0" encoding="UTF-8"?>
<!--
  Hypervisor features: what an HVM guest's virtual platform offers (pae, acpi,
  apic, hap, viridian) and Xen's own switches (e820_host, passthrough).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:features" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:features-reads" as="xs:string*"
      select="'pae', 'acpi', 'apic', 'hap', 'viridian', 'e820_host', 'passthrough'"/>

  <!-- HVM: acpi, apic and pae are on unless set to 0; hap (hardware-assisted
       paging) is only written when off; viridian (Hyper-V enlightenments) when on.
       PV: e820_host exposes the host's memory map. passthrough (xl) prepares PCI
       passthrough: enabled, disabled, sync_pt or share_pt. -->
  <xsl:template match="xen-config" mode="x2k:features">
    <xsl:variable name="hvm" select="x2k:os-type(.) = 'hvm'"/>
    <xsl:variable name="features" as="element()*">
      <xsl:if test="$hvm">
        <xsl:if test="x2k:boolean(., 'acpi', true())"><acpi/></xsl:if>
        <xsl:if test="x2k:boolean(., 'apic', true())"><apic/></xsl:if>
        <xsl:if test="x2k:boolean(., 'pae', true())"><pae/></xsl:if>
        <xsl:if test="not(x2k:boolean(., 'hap', true()))"><hap state="off"/></xsl:if>
        <xsl:if test="x2k:boolean(., 'viridian', false())"><viridian/></xsl:if>
      </xsl:if>
      <xsl:variable name="xen" as="element()*">
        <xsl:if test="not($hvm) and x2k:boolean(., 'e820_host', false())">
          <e820_host state="on"/>
        </xsl:if>
        <xsl:apply-templates select="x2k:setting(., 'passthrough')" mode="x2k:features"/>
      </xsl:variable>
      <xsl:if test="exists($xen)">
        <xen>
          <xsl:sequence select="$xen"/>
        </xen>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="exists($features)">
      <features>
        <xsl:sequence select="$features"/>
      </features>
    </xsl:if>
  </xsl:template>

  <xsl:template match="setting[@name = 'passthrough']" mode="x2k:features">
    <xsl:variable name="mode" select="string(*)"/>
    <xsl:choose>
      <xsl:when test="$mode = 'disabled'"><passthrough state="off"/></xsl:when>
      <xsl:when test="$mode = 'enabled'"><passthrough state="on"/></xsl:when>
      <xsl:when test="$mode = ('sync_pt', 'share_pt')"><passthrough state="on" mode="{$mode}"/></xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="x2k:malformed(., 'enabled, disabled, sync_pt or share_pt')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
