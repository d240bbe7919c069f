<?xml version="1.0" encoding="UTF-8"?>
<!--
  The guest CPU: nested virtualisation and CPUID policy (xl) and the virtual
  NUMA topology (vnuma, xl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:cpu" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:cpu-reads" as="xs:string*" select="'nestedhvm', 'cpuid', 'vnuma'"/>

  <!-- libxl's CPUID flag names where libvirt's differ (xen_xl.c's translation table). -->
  <xsl:variable name="x2k:libxl-cpu-features" as="map(xs:string, xs:string)" select="map{
      'cmpxchg16': 'cx16', 'cntxid': 'cid', 'dscpl': 'ds_cpl', 'pclmulqdq': 'pclmuldq',
      'sse3': 'pni', 'htt': 'ht', 'psn': 'pn', 'clfsh': 'clflush', 'sysenter': 'sep',
      'cmpxchg8': 'cx8', 'nodeid': 'nodeid_msr', 'altmovcr8': 'cr8legacy', 'lahfsahf': 'lahf_lm',
      'cmplegacy': 'cmp_legacy', 'ffxsr': 'fxsr_opt', 'page1gb': 'pdpe1gb', 'ibrsb': 'spec-ctrl'}"/>

  <!-- nestedhvm (HVM): the host CPU is passed through, with vmx disabled when 0.
       cpuid = "host,flag=1|0|x|k|s,...": libxl's CPUID policy as forced, disabled
       or optional features. vnuma: one cell per [pnode, size (MiB), vcpus,
       vdistances] list. -->
  <xsl:template match="xen-config" mode="x2k:cpu">
    <xsl:variable name="nested" select="if (x2k:os-type(.) = 'hvm') then x2k:boolean(., 'nestedhvm', ()) else ()"/>
    <xsl:variable name="features" as="element(feature)*">
      <xsl:if test="$nested = false()">
        <feature policy="disable" name="vmx"/>
      </xsl:if>
      <xsl:apply-templates select="x2k:setting(., 'cpuid')[string]" mode="x2k:cpu"/>
    </xsl:variable>
    <xsl:variable name="numa" as="element(numa)?">
      <xsl:apply-templates select="x2k:setting(., 'vnuma')[list/list]" mode="x2k:cpu"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($nested) or exists(x2k:setting(., 'cpuid')[string])">
        <cpu mode="host-passthrough">
          <xsl:sequence select="$features, $numa"/>
        </cpu>
      </xsl:when>
      <xsl:when test="exists($numa)">
        <cpu>
          <xsl:sequence select="$numa"/>
        </cpu>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="setting[@name = 'cpuid']" mode="x2k:cpu">
    <xsl:variable name="setting" select="."/>
    <xsl:variable name="items" select="tokenize(string(string), ',')"/>
    <xsl:if test="$items[1] ne 'host'">
      <xsl:sequence select="x2k:malformed(., 'libxl''s format, &quot;host,flag=value,...&quot; (the old xend format is not read)')"/>
    </xsl:if>
    <xsl:for-each select="$items[position() gt 1]">
      <xsl:variable name="flag" select="substring-before(., '=')"/>
      <xsl:variable name="value" select="substring-after(., '=')"/>
      <xsl:variable name="policy" select="
          if ($value = '1') then 'force' else if ($value = '0') then 'disable'
          else if ($value = ('x', 'k', 's')) then 'optional'
          else x2k:bad-item($setting, ., 'a flag must be 1, 0, x, k or s')"/>
      <feature policy="{$policy}" name="{($x2k:libxl-cpu-features($flag), $flag)[1]}"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="setting[@name = 'vnuma']" mode="x2k:cpu">
    <xsl:variable name="setting" select="."/>
    <numa>
      <xsl:for-each select="list/list">
        <xsl:variable name="node" select="map:merge(string ! map:entry(normalize-space(substring-before(., '=')), normalize-space(substring-after(., '='))))"/>
        <xsl:for-each select="'pnode', 'size', 'vcpus'">
          <xsl:if test="not(map:contains($node, .))">
            <xsl:sequence select="x2k:bad-item($setting, string-join($node?*, ','), 'vnode ' || position() || ' has no ' || .)"/>
          </xsl:if>
        </xsl:for-each>
        <xsl:variable name="id" select="position() - 1"/>
        <cell id="{$id}" cpus="{$node?vcpus}" memory="{xs:integer($node?size) * 1024}" unit="KiB">
          <xsl:if test="map:contains($node, 'vdistances')">
            <distances>
              <xsl:for-each select="tokenize($node?vdistances, ',')">
                <sibling id="{position() - 1}" value="{normalize-space(.)}"/>
              </xsl:for-each>
            </distances>
          </xsl:if>
        </cell>
      </xsl:for-each>
    </numa>
  </xsl:template>
</xsl:stylesheet>
