<?xml version="1.0" encoding="UTF-8"?>
<!--
  The domain: identity, memory, vCPUs and lifecycle actions, and the frame the
  other modules fill, in the order virsh dumpxml prints a domain.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:variable name="x2k:domain-reads" as="xs:string*"
      select="'name', 'uuid', 'memory', 'maxmem', 'vcpus', 'maxvcpus', 'cpus',
              'on_poweroff', 'on_reboot', 'on_crash', 'builder', 'type', 'pvh'"/>

  <!-- libvirt's names for xl's and xm's lifecycle actions (xl.cfg(5) on_poweroff). -->
  <xsl:variable name="x2k:lifecycle-actions" as="xs:string+"
      select="'destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart'"/>

  <!-- Xen domain: virsh domxml-from-native's element order. -->
  <xsl:template match="/xen-config">
    <domain type="xen">
      <name>{x2k:text(., 'name')}</name>
      <xsl:apply-templates select="x2k:setting(., 'uuid')" mode="x2k:uuid"/>
      <xsl:call-template name="x2k:memory"/>
      <xsl:call-template name="x2k:vcpu"/>
      <xsl:apply-templates select="." mode="x2k:bootloader"/>
      <xsl:apply-templates select="." mode="x2k:os"/>
      <xsl:apply-templates select="." mode="x2k:features"/>
      <xsl:apply-templates select="." mode="x2k:cpu"/>
      <xsl:apply-templates select="." mode="x2k:clock"/>
      <xsl:variable name="config" select="."/>
      <xsl:for-each select="'on_poweroff', 'on_reboot', 'on_crash'">
        <xsl:element name="{.}">{x2k:lifecycle-action($config, .)}</xsl:element>
      </xsl:for-each>
      <!-- Made once: controllers follow from the disks, video from the graphics. -->
      <xsl:variable name="disks" as="element(disk)*">
        <xsl:apply-templates select="." mode="x2k:disks"/>
      </xsl:variable>
      <xsl:variable name="graphics" as="element(graphics)*">
        <xsl:apply-templates select="." mode="x2k:graphics"/>
      </xsl:variable>
      <devices>
        <xsl:apply-templates select="." mode="x2k:emulator"/>
        <xsl:sequence select="$disks"/>
        <xsl:apply-templates select="." mode="x2k:controllers">
          <xsl:with-param name="disks" select="$disks"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="." mode="x2k:interfaces"/>
        <xsl:apply-templates select="." mode="x2k:chardevs"/>
        <xsl:apply-templates select="." mode="x2k:inputs"/>
        <xsl:sequence select="$graphics"/>
        <xsl:apply-templates select="." mode="x2k:sounds"/>
        <xsl:apply-templates select="." mode="x2k:videos">
          <xsl:with-param name="graphics" select="$graphics"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="." mode="x2k:hostdevs"/>
        <!-- libvirt's libxl driver gives every Xen guest its balloon. -->
        <memballoon model="xen"/>
      </devices>
      <xsl:apply-templates select="." mode="x2k:commandline"/>
    </domain>
  </xsl:template>

  <!-- uuid: libvirt takes it with or without dashes and prints it lower case with
       them. Without one, xl makes up a new uuid at every start; so does libvirt at
       define time (report.xsl says so). -->
  <xsl:template match="setting" mode="x2k:uuid">
    <xsl:variable name="hex" select="lower-case(replace(string(*), '[\s-]', ''))"/>
    <xsl:if test="not(matches($hex, '^[0-9a-f]{32}$'))">
      <xsl:sequence select="x2k:malformed(., 'a uuid (32 hexadecimal digits)')"/>
    </xsl:if>
    <uuid>{substring($hex, 1, 8)}-{substring($hex, 9, 4)}-{substring($hex, 13, 4)}-{substring($hex, 17, 4)}-{substring($hex, 21)}</uuid>
  </xsl:template>

  <!-- memory (MiB, default 128 as in libvirt) is what the guest gets at start;
       maxmem (default memory) what it may balloon up to: libvirt's currentMemory
       and memory. -->
  <xsl:template name="x2k:memory">
    <xsl:variable name="current" select="(x2k:integer(., 'memory'), 128)[1]"/>
    <xsl:variable name="maximum" select="(x2k:integer(., 'maxmem'), $current)[1]"/>
    <memory unit="KiB">{$maximum * 1024}</memory>
    <currentMemory unit="KiB">{min(($current, $maximum)) * 1024}</currentMemory>
  </xsl:template>

  <!-- vcpus (default 1) online at start, maxvcpus the most it may have; cpus the
       host CPUs they may run on. -->
  <xsl:template name="x2k:vcpu">
    <xsl:variable name="current" select="(x2k:integer(., 'vcpus'), 1)[1]"/>
    <xsl:variable name="maximum" select="(x2k:integer(., 'maxvcpus'), $current)[1]"/>
    <xsl:if test="$current gt $maximum">
      <xsl:sequence select="x2k:malformed(x2k:setting(., 'maxvcpus'), 'at least vcpus (' || $current || ')')"/>
    </xsl:if>
    <vcpu placement="static">
      <xsl:if test="x2k:setting(., 'cpus')/string">
        <xsl:attribute name="cpuset" select="x2k:text(., 'cpus')"/>
      </xsl:if>
      <xsl:if test="$current lt $maximum">
        <xsl:attribute name="current" select="$current"/>
      </xsl:if>
      <xsl:sequence select="$maximum"/>
    </vcpu>
  </xsl:template>

  <!-- on_poweroff (default destroy), on_reboot and on_crash (default restart). -->
  <xsl:function name="x2k:lifecycle-action" as="xs:string">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="value" select="x2k:text($config, $name)"/>
    <xsl:sequence select="
        if (empty($value)) then (if ($name = 'on_poweroff') then 'destroy' else 'restart')
        else if ($value = $x2k:lifecycle-actions) then $value
        else x2k:malformed(x2k:setting($config, $name), 'one of ' || string-join($x2k:lifecycle-actions, ', '))"/>
  </xsl:function>

  <!-- The kind of guest: type (xl: pv, pvh, hvm), else builder ("hvm", Xen 3.0.0's
       "vmx", or "linux" for PV), else Xen 4.9's pvh = 1; libvirt's os/type: hvm,
       linux or xenpvh. -->
  <xsl:function name="x2k:os-type" as="xs:string">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:variable name="type" select="x2k:text($config, 'type')"/>
    <xsl:sequence select="
        if ($type = 'pv') then 'linux'
        else if ($type = 'pvh') then 'xenpvh'
        else if ($type = 'hvm') then 'hvm'
        else if (exists($type)) then x2k:malformed(x2k:setting($config, 'type'), 'pv, pvh or hvm')
        else if (x2k:text($config, 'builder') = ('hvm', 'vmx')) then 'hvm'
        else if (x2k:boolean($config, 'pvh', false())) then 'xenpvh'
        else 'linux'"/>
  </xsl:function>
</xsl:stylesheet>
