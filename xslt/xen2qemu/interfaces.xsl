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
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Whether a NIC gets a new model: Xen's netfront or ioemu, or no model on a
       paravirtualised guest (see below); the rules and the report use it. -->
  <xsl:function name="x2k:is-remodelled" as="xs:boolean">
    <xsl:param name="interface" as="element(interface)"/>
    <xsl:sequence select="$interface/model/@type = ('netfront', 'ioemu') or x2k:gets-pv-model($interface)"/>
  </xsl:function>

  <xsl:function name="x2k:gets-pv-model" as="xs:boolean">
    <xsl:param name="interface" as="element(interface)"/>
    <xsl:sequence select="not($interface/@type = 'hostdev') and not($interface/model)
                          and x2k:was-paravirtual(root($interface)/domain)"/>
  </xsl:function>

  <!-- Step 2.6.1: Xen's paravirtual NIC becomes $nic-model (virtio by default). -->
  <xsl:template match="/domain/devices/interface/model/@type[. = 'netfront']">
    <xsl:attribute name="type" select="x2k:netfront-model(root(.)/domain)"/>
  </xsl:template>

  <!-- The model a netfront NIC gets: $nic-model if given; virtio for a paravirtualised
       guest (Linux PV kernels carry virtio_net) or one known to have virtio drivers;
       else, for an HVM guest's netfront (Windows with GPLPV or Citrix PV drivers), an
       emulated e1000, which Windows and older Linux drive without virtio drivers
       (UCS Extended virtualization documentation, 2.1: PV drivers out, virtio in
       after the move). -->
  <xsl:function name="x2k:netfront-model" as="xs:string">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="if ($nic-model) then $nic-model
                          else if (x2k:was-paravirtual($domain) or $virtio-known) then 'virtio'
                          else 'e1000'"/>
  </xsl:function>

  <!-- Xen's ioemu model is its device model's default emulated NIC, an RTL8139. -->
  <xsl:template match="/domain/devices/interface/model/@type[. = 'ioemu']">
    <xsl:attribute name="type">rtl8139</xsl:attribute>
  </xsl:template>

  <!-- Step 2.6.1: a paravirtualised guest's NIC without a model was netfront, the
       only NIC such a guest knows; on KVM it gets $nic-model, not QEMU's emulated
       default. A fully virtualised guest keeps QEMU's default emulated NIC, as
       under Xen. A passed-through NIC (hostdev) has no model. -->
  <xsl:template match="/domain/devices/interface[x2k:gets-pv-model(.)]">
    <xsl:copy>
      <xsl:apply-templates select="@*, node()"/>
      <model type="{x2k:netfront-model(root(.)/domain)}"/>
    </xsl:copy>
  </xsl:template>

  <!-- An ethernet interface's source dev was the dom0 interface that Xen's vif-route
       or vif-nat script routed the guest through; libvirt's ethernet interface is a
       tap the host sets up itself, with no source. -->
  <xsl:template match="/domain/devices/interface[@type = 'ethernet']/source[@dev]"/>

  <!-- Step 2.6.2: Xen's vif hotplug script (vif-bridge, ...) means nothing to QEMU. -->
  <xsl:template match="/domain/devices/interface/script"/>

  <!-- Xen network driver domains (backenddomain) do not exist under KVM. -->
  <xsl:template match="/domain/devices/interface/backenddomain"/>

  <!-- The guest's addresses and routes were for Xen's vif scripts (vif-route,
       antispoofing in dom0); QEMU cannot set a guest's addresses except on its own
       user-mode network, and libvirt refuses them elsewhere. -->
  <xsl:template match="/domain/devices/interface[not(@type = 'user')]/*[self::ip or self::route]"/>
  <!-- Report, once for all NICs: models, dropped parts, and the networks the KVM host
       must have. -->
  <xsl:template match="/domain/devices/interface[x2k:is-first-of-kind(., 'interface')]" mode="x2k:report" priority="1">
    <xsl:variable name="nics" as="element(interface)+" select="../interface"/>
    <xsl:variable name="remodelled" as="element(interface)*" select="$nics[x2k:is-remodelled(.)]"/>
    <xsl:if test="exists($remodelled)">
      <change code="nic-model">NIC models: {x2k:list($remodelled ! ((mac/@address, 'interface ' || (count(preceding-sibling::interface) + 1) || ' (no MAC)')[1] || ' ' || (model/@type, 'netfront')[1] || ' → ' || (if (model/@type = 'ioemu') then 'rtl8139' else x2k:netfront-model(root(.)/domain))))}</change>
      <action code="guest-nic-names" severity="recommended">MAC addresses are kept, but the NIC model changed: the guest may name its interfaces differently; remove stale entries from /etc/udev/rules.d/70-persistent-net.rules and check the network configuration.</action>
    </xsl:if>
    <xsl:if test="exists($nics/script)">
      <change code="nic-script-dropped">vif scripts dropped: {x2k:list(distinct-values($nics/script/@path))}</change>
    </xsl:if>
    <xsl:variable name="addressed" as="element(interface)*" select="$nics[not(@type = 'user')][ip or route]"/>
    <xsl:if test="exists($addressed)">
      <change code="nic-ip-dropped">guest addresses and routes dropped: {x2k:list($addressed ! (mac/@address || ' ' || string-join((ip/@address, route/@address), ' ')))}</change>
      <action code="guest-ip" severity="recommended">The addresses {x2k:list($addressed/ip/@address)} were set up by Xen's vif scripts in dom0; configure them inside the guest (libvirt's QEMU driver cannot), and use nwfilter if you relied on Xen's antispoofing.</action>
    </xsl:if>
    <xsl:variable name="routed" as="element(interface)*" select="$nics[@type = 'ethernet'][source/@dev]"/>
    <xsl:if test="exists($routed)">
      <change code="nic-routed-device-dropped">routed NICs' dom0 device dropped: {x2k:list($routed ! (mac/@address || ' via ' || source/@dev))}</change>
      <action code="host-routing" severity="required">Xen's vif-route or vif-nat routed {x2k:list($routed/mac/@address)} through dom0's {x2k:list(distinct-values($routed/source/@dev))}; on KVM the NIC is a plain tap device: route it on the KVM host yourself, or attach it to a routed libvirt network (see --network).</action>
    </xsl:if>
    <xsl:for-each-group select="$nics[mac/@address]" group-by="lower-case(mac/@address)">
      <xsl:if test="count(current-group()) gt 1">
        <action code="mac-shared" severity="required">MAC address {current-grouping-key()} is on {count(current-group())} NICs: the guest cannot tell them apart and one network sees them as one host; give all but one a new address (virsh edit) before starting the guest on KVM (x2k never changes MACs).</action>
      </xsl:if>
    </xsl:for-each-group>
    <xsl:variable name="networks" as="xs:string*" select="distinct-values($nics/(
        if (source/@bridge) then x2k:bridge-destination(source/@bridge)
        else if (source/@network) then 'network ' || source/@network
        else if (@type = 'ethernet') then ()
        else if (source/@dev) then 'device ' || source/@dev
        else ()))"/>
    <xsl:if test="exists($networks)">
      <action code="host-networks" severity="required">The KVM host needs {x2k:list($networks)} (see --bridge for Xen's renamed-interface bridges, and UCS Extended virtualization documentation, 3).</action>
    </xsl:if>
    <!-- this device's own report, if another module makes one -->
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="/domain/devices/interface/backenddomain" mode="x2k:report">
    <change code="backend-domain-dropped">NIC {../mac/@address}: Xen driver domain {@name} dropped</change>
  </xsl:template>
</xsl:stylesheet>
