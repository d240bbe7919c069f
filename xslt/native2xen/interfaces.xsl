<?xml version="1.0" encoding="UTF-8"?>
<!--
  Network interfaces: vif entries (xl-network-configuration, xmdomain.cfg).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:interfaces" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:interfaces-reads" as="xs:string*" select="'vif'"/>

  <!-- The vif keys x2k reads; the others (accel, gatewaydev, devid, ...) are
       reported by report.xsl. -->
  <xsl:variable name="x2k:vif-keys" as="xs:string+"
      select="'mac', 'bridge', 'script', 'model', 'type', 'ip', 'vifname', 'rate', 'backend', 'mtu'"/>

  <!-- vif = ["mac=...,bridge=...,..."]: a bridged NIC when a bridge is named or
       the script is a bridging one (vif-bridge, vif-vnic, vif-openvswitch) or none,
       else one on a script of its own (ethernet: vif-route, vif-nat). A vif that
       names no bridge joined the toolstack's default bridge (xl.cfg(5): xenbr0;
       xend: the one its network-bridge script made), which the Xen domain leaves
       unnamed as libvirt's Xen driver does; xen2qemu's repairs name it. bridge=BR.TAG and bridge=BR:TAG:TAG are Open vSwitch VLANs.
       model names the emulated NIC; without one, type=vif (xl) or type=netfront
       (xm) means the PV NIC only. ip: addresses the guest uses (vif-route and
       anti-spoofing); vifname: the backend interface's name; rate: an outbound
       limit in bytes or bits per second; backend: the driver domain; mtu. -->
  <xsl:template match="xen-config" mode="x2k:interfaces">
    <xsl:variable name="setting" select="x2k:setting(., 'vif')"/>
    <xsl:for-each select="x2k:strings(., 'vif')">
      <xsl:variable name="options" select="x2k:options(.)"/>
      <xsl:variable name="spec" select="."/>
      <xsl:if test="$options?mac and not(matches($options?mac, '^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$'))">
        <xsl:sequence select="x2k:bad-item($setting, ., 'malformed MAC address ' || $options?mac)"/>
      </xsl:if>
      <xsl:variable name="bridged" select="$options?bridge or x2k:bridging-script($options?script)"/>
      <xsl:variable name="vlans" select="if ($options?bridge) then tokenize($options?bridge, '[.:]')[position() gt 1] else ()"/>
      <interface type="{if ($bridged) then 'bridge' else 'ethernet'}">
        <xsl:if test="$options?mac">
          <mac address="{string-join(tokenize(lower-case($options?mac), ':') ! (if (string-length(.) = 1) then '0' || . else .), ':')}"/>
        </xsl:if>
        <xsl:if test="$options?bridge">
          <source bridge="{tokenize($options?bridge, '[.:]')[1]}"/>
        </xsl:if>
        <xsl:if test="exists($vlans)">
          <xsl:if test="some $tag in $vlans satisfies not($tag castable as xs:unsignedShort)">
            <xsl:sequence select="x2k:bad-item($setting, $spec, 'malformed VLAN tag in bridge=' || $options?bridge)"/>
          </xsl:if>
          <vlan>
            <xsl:if test="contains($options?bridge, ':')">
              <xsl:attribute name="trunk">yes</xsl:attribute>
            </xsl:if>
            <xsl:for-each select="$vlans">
              <tag id="{.}"/>
            </xsl:for-each>
          </vlan>
          <virtualport type="openvswitch"/>
        </xsl:if>
        <xsl:for-each select="tokenize($options?ip)">
          <ip address="{substring-before(. || '/', '/')}" family="{if (contains(., ':')) then 'ipv6' else 'ipv4'}">
            <xsl:if test="contains(., '/')">
              <xsl:attribute name="prefix" select="substring-after(., '/')"/>
            </xsl:if>
          </ip>
        </xsl:for-each>
        <xsl:if test="$options?rate">
          <bandwidth>
            <outbound average="{x2k:vif-rate($setting, $spec, $options?rate)}"/>
          </bandwidth>
        </xsl:if>
        <xsl:if test="$options?script">
          <script path="{$options?script}"/>
        </xsl:if>
        <xsl:if test="$options?backend">
          <backenddomain name="{$options?backend}"/>
        </xsl:if>
        <xsl:if test="$options?vifname">
          <target dev="{$options?vifname}"/>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$options?model">
            <model type="{$options?model}"/>
          </xsl:when>
          <xsl:when test="$options?type = ('vif', 'netfront')">
            <model type="netfront"/>
          </xsl:when>
        </xsl:choose>
        <xsl:if test="$options?mtu">
          <mtu size="{$options?mtu}"/>
        </xsl:if>
      </interface>
    </xsl:for-each>
  </xsl:template>

  <!-- Whether a vif's script (a name, or a path to it) connects it to a bridge: no
       script means vif-bridge, the toolstacks' default (xl-network-configuration(5)). -->
  <xsl:function name="x2k:bridging-script" as="xs:boolean">
    <xsl:param name="script" as="xs:string?"/>
    <xsl:sequence select="empty($script) or tokenize($script, '/')[last()] = ('vif-bridge', 'vif-vnic', 'vif-openvswitch')"/>
  </xsl:function>

  <!-- rate=N[K|M|G]B/s or .../b/s, optionally @interval: libvirt's average in KiB/s. -->
  <xsl:function name="x2k:vif-rate" as="xs:integer">
    <xsl:param name="setting" as="element(setting)"/>
    <xsl:param name="spec" as="xs:string"/>
    <xsl:param name="rate" as="xs:string"/>
    <xsl:variable name="parts" select="analyze-string(substring-before($rate || '@', '@'), '^([0-9]+)([GMK]?)([Bb])/s$')/*:match/*:group"/>
    <xsl:if test="empty($parts)">
      <xsl:sequence select="x2k:bad-item($setting, $spec, 'rate ' || $rate || ' is not like 10MB/s or 100Mb/s')"/>
    </xsl:if>
    <xsl:variable name="kilobytes" select="xs:integer($parts[@nr = 1]) *
        (if ($parts[@nr = 2] = 'G') then 1024 * 1024 else if ($parts[@nr = 2] = 'M') then 1024 else 1)"/>
    <xsl:sequence select="if ($parts[@nr = 3] = 'b') then $kilobytes idiv 8 else $kilobytes"/>
  </xsl:function>
</xsl:stylesheet>
