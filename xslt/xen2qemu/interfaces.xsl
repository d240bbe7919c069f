<?xml version="1.0" encoding="UTF-8"?>
<!--
  Network interfaces: Xen's netfront becomes a QEMU NIC model, Xen's hotplug
  scripts and driver domains go. MAC addresses and sources are never touched
  here; bridge renaming is bridge-rename.xsl's.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <!-- Step 2.6.1: Xen's paravirtual NIC becomes $nic-model (virtio by default). -->
  <xsl:template match="/domain/devices/interface/model/@type[. = 'netfront']">
    <xsl:attribute name="type" select="$nic-model"/>
  </xsl:template>

  <!-- Xen's ioemu model is its device model's default emulated NIC, an RTL8139. -->
  <xsl:template match="/domain/devices/interface/model/@type[. = 'ioemu']">
    <xsl:attribute name="type">rtl8139</xsl:attribute>
  </xsl:template>

  <!-- Step 2.6.1: a paravirtualised guest's NIC without a model was netfront, the
       only NIC such a guest knows; on KVM it gets $nic-model, not QEMU's emulated
       default. A fully virtualised guest keeps QEMU's default emulated NIC, as
       under Xen. A passed-through NIC (hostdev) has no model. -->
  <xsl:template match="/domain/devices/interface[not(@type = 'hostdev')][not(model)][x2k:was-paravirtual(/domain)]">
    <xsl:copy>
      <xsl:apply-templates select="@*, node()"/>
      <model type="{$nic-model}"/>
    </xsl:copy>
  </xsl:template>

  <!-- Step 2.6.2: Xen's vif hotplug script (vif-bridge, ...) means nothing to QEMU. -->
  <xsl:template match="/domain/devices/interface/script"/>

  <!-- Xen network driver domains (backenddomain) do not exist under KVM. -->
  <xsl:template match="/domain/devices/interface/backenddomain"/>

  <!-- The guest's addresses and routes were for Xen's vif scripts (vif-route,
       antispoofing in dom0); QEMU cannot set a guest's addresses except on its own
       user-mode network, and libvirt refuses them elsewhere. -->
  <xsl:template match="/domain/devices/interface[not(@type = 'user')]/*[self::ip or self::route]"/>
</xsl:stylesheet>
