<?xml version="1.0" encoding="UTF-8"?>
<!--
  The migration report: what a conversion changed and what the administrator
  must do before the guest's first boot on KVM. Each module reports beside the
  rules it implements, in mode x2k:report; this module runs them.

  Run it on the INPUT domain, with the same parameters as the conversion:
    ... -xsl:xslt/xen2qemu.xsl -s:vm.xml -im:{urn:x2k:xslt}report
  Result:
    <report>
      <change code="...">one line: what changed</change>
      <action code="..." severity="required|recommended|info">what to do</action>
      <device from="xvda" to="vda" bus="virtio"/>   (the disk renaming map)
      <storage path="..." device="disk"/>          (the images and devices to copy)
      <guest-plan ...>                              (for x2k guest: guest-plan.xsl)
    </report>
  Codes are stable; x2k's JSON report (docs/report.md) carries them unchanged.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Every element and attribute is visited once, alone; a node no module reports
       on adds nothing. -->
  <xsl:mode name="x2k:report" on-no-match="deep-skip" on-multiple-match="fail" warning-on-multiple-match="yes"/>

  <!-- The report of a Xen domain; a domain that is not one gets an empty report
       (it is copied unchanged). -->
  <xsl:template match="document-node()" mode="x2k:report">
    <report>
      <xsl:apply-templates select="domain | domainsnapshot/domain" mode="x2k:host-report"/>
      <xsl:if test="domain/@type = 'xen'">
        <xsl:apply-templates select="domain" mode="x2k:repair-report"/>
        <xsl:variable name="reported" as="element()*">
          <xsl:apply-templates select="x2k:repaired(domain)/domain/descendant-or-self::*!(., @*)" mode="x2k:report"/>
        </xsl:variable>
        <xsl:sequence select="x2k:for-guest-system($reported, x2k:repaired(domain)/domain)"/>
        <xsl:sequence select="x2k:guest-plan(x2k:repaired(domain)/domain)"/>
      </xsl:if>
      <xsl:if test="domainsnapshot/domain/@type = 'xen'">
        <change code="snapshot">snapshot {domainsnapshot/name}: its domain is converted as below; its disk entries follow the disk renaming</change>
        <xsl:apply-templates select="domainsnapshot/domain" mode="x2k:repair-report"/>
        <xsl:variable name="reported" as="element()*">
          <xsl:apply-templates select="x2k:standalone(domainsnapshot/domain)/domain/descendant-or-self::*!(., @*)" mode="x2k:report"/>
        </xsl:variable>
        <xsl:sequence select="x2k:for-guest-system($reported, x2k:standalone(domainsnapshot/domain)/domain)"/>
        <xsl:sequence select="x2k:guest-plan(x2k:standalone(domainsnapshot/domain)/domain)"/>
      </xsl:if>
    </report>
  </xsl:template>

  <!-- Devices by kind ('disk', and 'input bus=xen' for each bus), for the reports made
       once for all devices of a kind: a positional pattern (disk[1]) or a look at
       preceding siblings costs a scan of the siblings for every device, which makes a
       domain of thousands of devices take quadratic time. -->
  <xsl:key name="x2k:devices-by-kind" match="/domain/devices/*"
      use="local-name(), local-name() || ' bus=' || @bus"/>

  <!-- Whether $device is the first of $kind in its domain (a key of x2k:devices-by-kind). -->
  <xsl:function name="x2k:is-first-of-kind" as="xs:boolean">
    <xsl:param name="device" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="$device is key('x2k:devices-by-kind', $kind, root($device))[1]"/>
  </xsl:function>

  <!-- The steps inside a Linux guest (its kernel and GRUB, disk names in fstab,
       the getty, interface names, the kernel's arguments and files): a guest of
       another system (x2k:non-linux-pv) gets its own action instead. -->
  <xsl:variable name="x2k:linux-guest-actions" as="xs:string+"
      select="'guest-kernel', 'guest-disk-names', 'guest-console', 'guest-nic-names',
              'guest-command-line', 'host-kernel-files'"/>

  <xsl:function name="x2k:for-guest-system" as="element()*">
    <xsl:param name="reported" as="element()*"/>
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="
        if (empty(x2k:non-linux-pv($domain))) then $reported
        else $reported[not(self::action/@code = $x2k:linux-guest-actions)]"/>
  </xsl:function>

  <!-- "a, b and c" -->
  <xsl:function name="x2k:list" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="
        if (count($items) le 1) then string($items)
        else string-join($items[position() lt last()], ', ') || ' and ' || $items[last()]"/>
  </xsl:function>
</xsl:stylesheet>
