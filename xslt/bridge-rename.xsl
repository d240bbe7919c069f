<?xml version="1.0" encoding="UTF-8"?>
<!--
  bridge-rename.xsl: moves domains' interfaces from old bridges to new bridges
  or to libvirt networks.

  Specification: Univention, "Extended virtualization documentation",
  chapter 3, procedure 3.1 and the hook stylesheet of section 3.1: after the
  move from Xen's renamed-interface bridging (eth0 as the bridge) to a real
  bridge (br0), every definition still names the old bridge: domains,
  snapshots (domainsnapshot/domain, steps 3.x) and saved images (step 4).
  Generalised to any number of OLD=NEW pairs, to every <domain> wherever it
  sits in the document, to bridged libvirt networks (<network> with
  forward mode='bridge'), and to seed 004's move of a bridged NIC onto a
  libvirt network.

  Any XSLT 3.0 processor runs it, for example with Saxon:
    ... -xsl:xslt/bridge-rename.xsl -s:vm.xml '?bridges=map{"eth0":"br0"}'
  or, as the seed's hook calls it, with one pair:
    ... -xsl:xslt/bridge-rename.xsl -s:vm.xml src_bridge=eth0 dst_bridge=br0
  Its report (what it renamed): -im:{urn:x2k:xslt}report
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="common/output.xsl"/>
  <xsl:include href="common/with-report.xsl"/>
  <xsl:include href="common/names.xsl"/>
  <xsl:include href="common/bridges.xsl"/>

  <!-- The seed hook's single pair, kept so its xsltproc call line works unchanged;
       empty means none. -->
  <xsl:param name="src_bridge" as="xs:string" select="''"/>
  <xsl:param name="dst_bridge" as="xs:string" select="''"/>

  <xsl:variable name="renames" as="map(xs:string, xs:string)"
      select="if ($src_bridge) then map:put($bridges, $src_bridge, $dst_bridge) else $bridges"/>

  <xsl:mode on-no-match="shallow-copy" on-multiple-match="fail" warning-on-multiple-match="yes"/>

  <!-- Guard: only documents that hold domain definitions, or a libvirt network. -->
  <xsl:template match="document-node()">
    <xsl:if test="not(domain or domainsnapshot or network)">
      <xsl:sequence select="x2k:fail('not-a-domain', 'root element is &lt;' || name(*[1])
          || '&gt;, expected &lt;domain&gt;, &lt;domainsnapshot&gt; or &lt;network&gt;')"/>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <!-- Procedure 3.1, step 2.2 (and 3.2 for snapshots): a bridged interface's
       source/@bridge named in $renames takes the new name; every other attribute
       stays. -->
  <xsl:template match="domain/devices/interface[@type = 'bridge']/source/@bridge[map:contains($renames, string(.))][not(map:contains($networks, string(.)))]">
    <xsl:attribute name="bridge" select="$renames(string(.))"/>
  </xsl:template>

  <!-- Seed 004: a NIC on a bridge named in $networks moves to that libvirt network;
       its MAC, model and everything else stay. -->
  <xsl:template match="domain/devices/interface[@type = 'bridge'][map:contains($networks, string(source/@bridge))]">
    <xsl:copy>
      <xsl:attribute name="type">network</xsl:attribute>
      <xsl:apply-templates select="@* except @type, node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="domain/devices/interface[@type = 'bridge'][map:contains($networks, string(source/@bridge))]/source">
    <source network="{$networks(string(@bridge))}">
      <xsl:apply-templates select="@* except @bridge"/>
    </source>
  </xsl:template>

  <!-- A libvirt network that forwards onto an existing host bridge names it too. -->
  <xsl:template match="/network[forward/@mode = 'bridge']/bridge/@name[map:contains($renames, string(.))]">
    <xsl:attribute name="name" select="$renames(string(.))"/>
  </xsl:template>

  <!-- Report: each interface moved, as one line, with its MAC. -->
  <xsl:mode name="x2k:report" on-no-match="deep-skip"/>

  <xsl:template match="document-node()" mode="x2k:report">
    <report>
      <xsl:apply-templates select="//interface[@type = 'bridge'] | /network/bridge" mode="x2k:report"/>
    </report>
  </xsl:template>

  <xsl:template match="interface[map:contains($networks, string(source/@bridge))]" mode="x2k:report" priority="1">
    <change code="bridge-to-network">{x2k:where(.)}interface {mac/@address} moved from bridge {source/@bridge} to network {$networks(string(source/@bridge))}</change>
  </xsl:template>

  <xsl:template match="interface[map:contains($renames, string(source/@bridge))]" mode="x2k:report">
    <change code="bridge-renamed">{x2k:where(.)}interface {mac/@address} moved from bridge {source/@bridge} to {$renames(string(source/@bridge))}</change>
  </xsl:template>

  <xsl:template match="/network[forward/@mode = 'bridge']/bridge[map:contains($renames, string(@name))]" mode="x2k:report">
    <change code="bridge-renamed">network {../name}: bridge {@name} → {$renames(string(@name))}</change>
  </xsl:template>

  <!-- "snapshot NAME: " for a domain inside a snapshot, nothing for a plain domain. -->
  <xsl:function name="x2k:where" as="xs:string">
    <xsl:param name="interface" as="element(interface)"/>
    <xsl:variable name="snapshot" as="element()?" select="$interface/ancestor::domainsnapshot[1]"/>
    <xsl:sequence select="if ($snapshot) then 'snapshot ' || $snapshot/name || ': ' else ''"/>
  </xsl:function>
</xsl:stylesheet>
