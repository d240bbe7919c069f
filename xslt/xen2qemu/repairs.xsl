<?xml version="1.0" encoding="UTF-8"?>
<!--
  Old syntax with a clear meaning: what libvirt's Xen driver wrote or took in
  the xend years (libvirt 0.x, Xen 3.x and 4.0/4.1) and libvirt 9 no longer
  takes, rewritten into today's form before the conversion proper, so that
  every conversion rule sees one syntax. Each repair is reported (code
  old-syntax). Sources: libvirt's formatdomain documentation and the history
  of its xend driver's tests (sexpr2xml, xml2sexpr).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:repair" on-no-match="shallow-copy" on-multiple-match="fail" warning-on-multiple-match="yes"/>

  <!-- The domain as the conversion sees it: confined, repaired, as a document of its own.
       Cached (a memo function, keyed on the domain node): the report and the
       conversion of one run (common/with-report.xsl) share one copy. -->
  <xsl:function name="x2k:repaired" as="document-node()" cache="yes">
    <xsl:param name="input" as="element()"/>
    <!-- the conversion sees no host resource of the old host (host-resources.xsl) -->
    <xsl:variable name="domain" as="element()" select="x2k:confined($input)"/>
    <xsl:document>
      <domain>
        <xsl:copy-of select="$domain/namespace::*"/>
        <xsl:apply-templates select="$domain/@*" mode="x2k:repair"/>
        <xsl:sequence select="x2k:in-libvirt-order(x2k:repaired-children($domain))"/>
      </domain>
    </xsl:document>
  </xsl:function>

  <!-- The domain's children, repaired. xend printed a PV guest that its bootloader
       (pygrub, pypxeboot) started without any <os>: its OS type was linux, which
       libvirt's Xen driver implies and libvirt's QEMU driver needs written out. -->
  <xsl:function name="x2k:repaired-children" as="node()*">
    <xsl:param name="domain" as="element()"/>
    <xsl:apply-templates select="$domain/node()" mode="x2k:repair"/>
    <xsl:if test="not($domain/os)">
      <os>
        <type>linux</type>
      </os>
    </xsl:if>
  </xsl:function>

  <!-- The order in which libvirt writes a domain's elements (virDomainDefFormat).
       Inputs written by hand or by xend put <os> or <devices> first, or <uuid>
       after <memory>: libvirt reads them, but libxml2's validator, and so
       virt-xml-validate, refuses some such orders. A comment stays with the element
       after it; elements of one name keep their order; unknown ones go last,
       before the namespaced extensions libvirt writes at the end. -->
  <xsl:variable name="x2k:libvirt-order" as="xs:string*" select="
      'name', 'uuid', 'genid', 'title', 'description', 'metadata', 'maxMemory', 'memory',
      'currentMemory', 'blkiotune', 'memtune', 'memoryBacking', 'vcpu', 'vcpus', 'iothreads',
      'iothreadids', 'defaultiothread', 'cputune', 'numatune', 'resource', 'sysinfo',
      'bootloader', 'bootloader_args', 'os', 'idmap', 'features', 'cpu', 'clock',
      'on_poweroff', 'on_reboot', 'on_crash', 'on_lockfailure', 'pm', 'perf', 'devices',
      'seclabel', 'keywrap', 'launchSecurity'"/>

  <xsl:function name="x2k:libvirt-rank" as="xs:integer">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="
        if (not($node instance of element())) then 1002
        else if (namespace-uri($node)) then 1001
        else (index-of($x2k:libvirt-order, local-name($node)), 1000)[1]"/>
  </xsl:function>

  <xsl:function name="x2k:in-libvirt-order" as="node()*">
    <xsl:param name="children" as="node()*"/>
    <xsl:for-each-group select="$children" group-ending-with="*">
      <xsl:sort select="x2k:libvirt-rank(current-group()[last()])"/>
      <xsl:sequence select="current-group()"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The elements that come after one libvirt writes after them. -->
  <xsl:function name="x2k:out-of-order" as="element()*">
    <xsl:param name="domain" as="element()"/>
    <!-- one pass, carrying the highest rank seen so far: comparing each element with all
         that precede it would take quadratic time on a domain of many elements -->
    <xsl:iterate select="$domain/*">
      <xsl:param name="highest" as="xs:integer" select="0"/>
      <xsl:variable name="rank" as="xs:integer" select="x2k:libvirt-rank(.)"/>
      <xsl:if test="$highest gt $rank">
        <xsl:sequence select="."/>
      </xsl:if>
      <xsl:next-iteration>
        <xsl:with-param name="highest" select="max(($highest, $rank))"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- libvirt before 0.5 wrote the clock's offset as sync='localtime' or 'utc';
       dropped, the guest's clock would silently become UTC. -->
  <xsl:template match="clock/@sync" mode="x2k:repair">
    <xsl:if test="not(../@offset)">
      <xsl:attribute name="offset" select="."/>
    </xsl:if>
  </xsl:template>

  <!-- xend's disk targets carried the device model and the device type in the
       name: ioemu:hda (emulated by qemu-dm), hdc:cdrom, hda:disk. -->
  <xsl:template match="devices/disk/target/@dev[x2k:old-target(.) ne string(.)]" mode="x2k:repair">
    <xsl:attribute name="dev" select="x2k:old-target(.)"/>
  </xsl:template>

  <xsl:function name="x2k:old-target" as="xs:string">
    <xsl:param name="dev" as="xs:string"/>
    <xsl:sequence select="replace(replace($dev, '^ioemu:', ''), ':(cdrom|disk)$', '')"/>
  </xsl:function>

  <!-- hdc:cdrom on a disk that names no device: the suffix was its device type. -->
  <xsl:template match="devices/disk[not(@device)][ends-with(target/@dev, ':cdrom')]" mode="x2k:repair">
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="#current"/>
      <xsl:attribute name="device">cdrom</xsl:attribute>
      <xsl:apply-templates select="node()" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- The wire mode of a TCP character device was an attribute of its source
       (wiremode='raw', 'telnet'); libvirt now writes <protocol type='...'/>. -->
  <xsl:template match="devices/*/source/@wiremode" mode="x2k:repair"/>
  <xsl:template match="devices/*[not(protocol)]/source[@wiremode]" mode="x2k:repair">
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="#current"/>
    </xsl:copy>
    <protocol type="{@wiremode}"/>
  </xsl:template>

  <!-- A bridged interface that names no bridge went to xend's default bridge, which
       libvirt's Xen driver left to xend; libvirt's QEMU driver needs it written out:
       $default-bridge. -->
  <xsl:template match="devices/interface[@type = 'bridge'][not(source/@bridge)]" mode="x2k:repair">
    <xsl:copy>
      <xsl:apply-templates select="@*, mac" mode="#current"/>
      <source bridge="{$default-bridge}"/>
      <xsl:apply-templates select="node() except (source, mac)" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- Report: each repair, on the domain as it came. -->
  <xsl:mode name="x2k:repair-report" on-no-match="deep-skip"/>

  <xsl:template match="domain" mode="x2k:repair-report">
    <xsl:if test="not(os)">
      <change code="old-syntax">no &lt;os&gt; (xend's PV guest started by its bootloader): OS type linux written out</change>
    </xsl:if>
    <xsl:variable name="moved" as="element()*" select="x2k:out-of-order(.)"/>
    <xsl:if test="exists($moved)">
      <change code="old-syntax">elements put in the order libvirt writes them: {x2k:list(distinct-values($moved ! ('&lt;' || name() || '&gt;')))} moved up</change>
    </xsl:if>
    <xsl:if test="clock/@sync and not(clock/@offset)">
      <change code="old-syntax">clock sync='{clock/@sync}' → offset='{clock/@sync}' (libvirt's old spelling; the guest's clock stays {clock/@sync})</change>
    </xsl:if>
    <xsl:variable name="targets" as="attribute()*" select="devices/disk/target/@dev[x2k:old-target(.) ne string(.)]"/>
    <xsl:if test="exists($targets)">
      <change code="old-syntax">xend's disk targets {x2k:list($targets ! (string(.) || ' → ' || x2k:old-target(.)))}</change>
    </xsl:if>
    <xsl:variable name="unbridged" as="element(interface)*" select="devices/interface[@type = 'bridge'][not(source/@bridge)]"/>
    <xsl:if test="exists($unbridged)">
      <change code="default-bridge">NICs without a bridge ({x2k:list($unbridged ! (mac/@address, 'no MAC')[1])}) → bridge {$default-bridge}</change>
      <action code="default-bridge" severity="required">the Xen toolstack attached {x2k:list($unbridged ! (mac/@address, 'a NIC without MAC')[1])} to its default bridge, which the domain does not name; x2k chose {$default-bridge} (xl's default, and xend's on Xen 3.0/3.1 and RHEL 5; xend's was eth0 on Xen 3.2 and later): check which bridge the guest was on and pass --default-bridge NAME if it was another.</action>
    </xsl:if>
    <xsl:variable name="wiremodes" as="attribute()*" select="devices/*[not(protocol)]/source/@wiremode"/>
    <xsl:if test="exists($wiremodes)">
      <change code="old-syntax">character device wiremode='{$wiremodes[1]}' → &lt;protocol type='{$wiremodes[1]}'/&gt;</change>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
