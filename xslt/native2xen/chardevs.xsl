<?xml version="1.0" encoding="UTF-8"?>
<!--
  Character devices: an HVM guest's serial ports and parallel port (QEMU's
  character device syntax), the PV console, and xl's channels.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:chardevs" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:chardevs-reads" as="xs:string*" select="'serial', 'parallel', 'channel'"/>

  <!-- HVM: serial (one string, or xl's list, "none" skipping a port) and parallel;
       the first serial port is also the console, as libvirt shows it. PV and PVH
       guests have Xen's console only. channel = ["connection=pty|socket,
       path=...,name=..."] (xl): named channels to the guest. -->
  <xsl:template match="xen-config" mode="x2k:chardevs">
    <xsl:variable name="serials" as="element(serial)*">
      <xsl:if test="x2k:os-type(.) = 'hvm'">
        <xsl:variable name="setting" select="x2k:setting(., 'serial')"/>
        <xsl:if test="$setting/list and @format = 'xm' and count($setting/list/string) gt 1">
          <xsl:sequence select="x2k:malformed($setting, 'one string: xm has a single serial port')"/>
        </xsl:if>
        <xsl:for-each select="x2k:strings(., 'serial')">
          <xsl:if test=". ne 'none'">
            <xsl:sequence select="x2k:chardev('serial', ., position() - 1, $setting)"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="$serials"/>
    <xsl:if test="x2k:os-type(.) = 'hvm'">
      <xsl:variable name="setting" select="x2k:setting(., 'parallel')"/>
      <xsl:for-each select="x2k:text(., 'parallel')[. ne 'none']">
        <xsl:sequence select="x2k:chardev('parallel', ., 0, $setting)"/>
      </xsl:for-each>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="x2k:os-type(.) ne 'hvm'">
        <console type="pty">
          <target type="xen" port="0"/>
        </console>
      </xsl:when>
      <xsl:when test="$serials[target/@port = '0']">
        <console>
          <xsl:sequence select="$serials[target/@port = '0']/@*"/>
          <xsl:sequence select="$serials[target/@port = '0']/(* except target)"/>
          <target type="serial" port="0"/>
        </console>
      </xsl:when>
    </xsl:choose>
    <xsl:variable name="channel" select="x2k:setting(., 'channel')"/>
    <xsl:for-each select="x2k:strings(., 'channel')">
      <xsl:variable name="options" select="x2k:options(.)"/>
      <xsl:choose>
        <xsl:when test="starts-with($options?connection, 'socket')">
          <channel type="unix">
            <source mode="bind" path="{$options?path}"/>
            <target type="xen" name="{$options?name}"/>
          </channel>
        </xsl:when>
        <xsl:when test="starts-with($options?connection, 'pty')">
          <channel type="pty">
            <target type="xen" name="{$options?name}"/>
          </channel>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="x2k:bad-item($channel, ., 'connection must be pty or socket')"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- QEMU's character device syntax as xend and libxl pass it on: /dev/PATH, pty,
       null, stdio, vc, file:PATH, pipe:PATH, tcp:[HOST]:PORT[,server],
       telnet:[HOST]:PORT[,server], udp:[HOST]:PORT[@[BINDHOST]:BINDPORT],
       unix:PATH[,server]. -->
  <xsl:function name="x2k:chardev" as="element()">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="port" as="xs:integer"/>
    <xsl:param name="setting" as="element(setting)"/>
    <xsl:variable name="type" select="
        if (starts-with($value, '/')) then 'dev'
        else if (starts-with($value, 'telnet')) then 'tcp'
        else substring-before($value || ':', ':')"/>
    <xsl:variable name="rest" select="substring-after($value, ':')"/>
    <xsl:variable name="server" select="contains($rest, ',server')"/>
    <xsl:variable name="address" select="substring-before($rest || ',', ',')"/>
    <xsl:element name="{$kind}">
      <xsl:attribute name="type" select="$type"/>
      <xsl:choose>
        <xsl:when test="$type = 'dev'">
          <source path="{$value}"/>
        </xsl:when>
        <xsl:when test="$type = ('pty', 'null', 'stdio', 'vc')"/>
        <xsl:when test="$type = ('file', 'pipe') and $rest">
          <source path="{$rest}"/>
        </xsl:when>
        <xsl:when test="$type = 'tcp' and contains($address, ':')">
          <source mode="{if ($server) then 'bind' else 'connect'}" service="{substring-after($address, ':')}">
            <xsl:if test="substring-before($address, ':')">
              <xsl:attribute name="host" select="substring-before($address, ':')"/>
            </xsl:if>
          </source>
          <protocol type="{if (starts-with($value, 'telnet')) then 'telnet' else 'raw'}"/>
        </xsl:when>
        <xsl:when test="$type = 'udp' and contains($rest, ':')">
          <xsl:variable name="connect" select="substring-before($rest || '@', '@')"/>
          <xsl:variable name="bind" select="substring-after($rest, '@')"/>
          <xsl:if test="$bind">
            <source mode="bind" service="{substring-after($bind, ':')}">
              <xsl:if test="substring-before($bind, ':')">
                <xsl:attribute name="host" select="substring-before($bind, ':')"/>
              </xsl:if>
            </source>
          </xsl:if>
          <source mode="connect" service="{substring-after($connect, ':')}">
            <xsl:if test="substring-before($connect, ':')">
              <xsl:attribute name="host" select="substring-before($connect, ':')"/>
            </xsl:if>
          </source>
        </xsl:when>
        <xsl:when test="$type = 'unix' and $address">
          <source mode="{if ($server) then 'bind' else 'connect'}" path="{$address}"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="x2k:bad-item($setting, $value, 'not a character device libvirt knows (pty, file:PATH, tcp:HOST:PORT, ...)')"/>
        </xsl:otherwise>
      </xsl:choose>
      <target port="{$port}"/>
    </xsl:element>
  </xsl:function>
</xsl:stylesheet>
