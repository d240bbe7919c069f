<?xml version="1.0" encoding="UTF-8"?>
<!--
  What reading the config means for the administrator, in the report format of
  xen2qemu/report.xsl: how the dialect was chosen, and every setting that did
  not make it into the domain, so that nothing is lost silently.
  Run on the config document in mode x2k:report.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:report" on-no-match="deep-skip" on-multiple-match="fail" warning-on-multiple-match="yes"/>

  <!-- Every key some module reads. -->
  <xsl:variable name="x2k:settings-read" as="xs:string*" select="
      $x2k:domain-reads, $x2k:os-reads, $x2k:cpu-reads, $x2k:features-reads, $x2k:clock-reads,
      $x2k:disks-reads, $x2k:controllers-reads, $x2k:interfaces-reads, $x2k:chardevs-reads,
      $x2k:display-reads, $x2k:hostdevs-reads"/>

  <!-- Keys Xen knows that mean nothing on KVM, or that the guest does not notice,
       with why they are left out. -->
  <xsl:variable name="x2k:settings-dropped" as="map(xs:string, xs:string)" select="map{
      'usb': 'KVM guests have a USB controller by default',
      'device_model_version': 'it chose between Xen''s QEMU builds; KVM runs the host''s QEMU',
      'device_model_stubdomain_override': 'stub domains do not exist under KVM',
      'device_model_user': 'libvirt runs QEMU as its own user',
      'xen_platform_pci': 'the Xen platform device only serves Xen''s PV drivers',
      'vncconsole': 'it started a viewer on the Xen host; use virt-viewer or virsh vncdisplay',
      'vncviewer': 'it started a viewer on the Xen host; use virt-viewer or virsh vncdisplay',
      'on_xend_start': 'xend is gone; use virsh autostart',
      'on_xend_stop': 'xend is gone; libvirt-guests handles host shutdown',
      'pool': 'Xen CPU pools have no KVM counterpart; use vcpu placement or cgroups',
      'cpu_weight': 'Xen''s credit scheduler weight; set cputune/shares on KVM if it matters',
      'cap': 'Xen''s credit scheduler cap; set cputune/quota on KVM if it matters',
      'cpu_cap': 'Xen''s credit scheduler cap; set cputune/quota on KVM if it matters',
      'spicevdagent': 'libvirt''s Xen driver has no form for it; add a spicevmc channel on KVM if the guest runs spice-vdagent',
      'claim_mode': 'a Xen memory allocation policy',
      'max_maptrack_frames': 'a Xen grant table limit',
      'driver_domain': 'driver domains do not exist under KVM'}"/>

  <xsl:template match="document-node()" mode="x2k:report">
    <report>
      <xsl:apply-templates select="xen-config" mode="x2k:report"/>
    </report>
  </xsl:template>

  <!-- How the config was read. -->
  <xsl:template match="xen-config" mode="x2k:report">
    <change code="native-config">read {if (@format = 'xl') then 'an xl' else 'an xm'} config ({if (@format-from = 'option') then 'format given' else 'detected: ' || @format-reason}) into a Xen domain of architecture {$arch} (configs name none; nothing in this one is for another)</change>
    <xsl:apply-templates select="setting, overridden" mode="x2k:report"/>
  </xsl:template>

  <!-- A key no module reads; a variable the config's own Python computes with
       (arch_libdir) is none of Xen's keys. -->
  <xsl:template match="setting[not(@name = ($x2k:settings-read, map:keys($x2k:settings-dropped)))][not(@variable)]" mode="x2k:report">
    <action code="native-unknown-setting" severity="recommended">{@name} (line {@line}) is not carried over: x2k does not know this setting; check whether the guest relies on it and set its KVM counterpart by hand</action>
  </xsl:template>

  <!-- A key known to mean nothing on KVM. -->
  <xsl:template match="setting[@name = map:keys($x2k:settings-dropped)]" mode="x2k:report" priority="1">
    <action code="native-dropped-setting" severity="info">{@name} (line {@line}) is left out: {$x2k:settings-dropped(@name)}</action>
  </xsl:template>

  <!-- No uuid: each xl create made up a new one. -->
  <xsl:template match="xen-config[not(setting/@name = 'uuid')]/setting[@name = 'name']" mode="x2k:report" priority="1">
    <action code="native-no-uuid" severity="info">the config has no uuid (xl made up a new one at every start): libvirt makes one up when the domain is defined and keeps it</action>
  </xsl:template>

  <!-- vif entries: one without a MAC, and keys x2k does not read. -->
  <xsl:template match="setting[@name = 'vif']" mode="x2k:report" priority="1">
    <xsl:variable name="line" select="@line"/>
    <xsl:for-each select="(list/string, string)">
      <xsl:variable name="options" select="x2k:options(.)"/>
      <xsl:if test="not($options?mac)">
        <action code="native-no-mac" severity="recommended">vif {position()} (line {$line}) has no MAC address, so Xen gave it a new one at every start; libvirt chooses one when the domain is defined. If the guest's network configuration names the MAC (udev persistent-net rules, HWADDR in ifcfg files), put the MAC it last used into the config first</action>
      </xsl:if>
      <xsl:if test="not($options?bridge) and x2k:bridging-script($options?script)">
        <action code="native-default-bridge" severity="info">vif {position()} (line {$line}) names no bridge: the Xen toolstack put it on its default bridge (xl: xenbr0; xend: the bridge its network-bridge script made, xenbr0 or eth0), which the KVM domain gets as its default bridge</action>
      </xsl:if>
      <xsl:for-each select="map:keys($options)[not(. = $x2k:vif-keys)]">
        <action code="native-unknown-setting" severity="recommended">vif option {.} (line {$line}) is not carried over: x2k does not know it; check whether the guest relies on it</action>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- cpus as xl's per-vCPU list: libvirt's reading takes only one mask for all
       vCPUs (vcpu/@cpuset), so the pinning is not carried over. -->
  <xsl:template match="setting[@name = 'cpus'][list]" mode="x2k:report" priority="1">
    <action code="native-unknown-setting" severity="recommended">cpus (line {@line}) pins each vCPU on its own, which is not carried over: set cputune/vcpupin by hand if the guest needs it</action>
  </xsl:template>

  <!-- A key set twice: xl and Python keep the last value. -->
  <xsl:template match="overridden" mode="x2k:report">
    <action code="native-overridden" severity="info">{@name} is set twice; line {@line} is overridden by line {../setting[@name = current()/@name]/@line}, as xl reads it</action>
  </xsl:template>
</xsl:stylesheet>
