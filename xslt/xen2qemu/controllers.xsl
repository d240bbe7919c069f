<?xml version="1.0" encoding="UTF-8"?>
<!--
  Controllers: Xen's xenbus and its USB emulation have no place in QEMU; a q35
  machine has no IDE controller.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Which controllers the rules below change; each rule and its report use these. -->
  <xsl:function name="x2k:is-xenbus" as="xs:boolean">
    <xsl:param name="controller" as="element(controller)"/>
    <xsl:sequence select="$controller/@type = 'xenbus'"/>
  </xsl:function>

  <xsl:function name="x2k:is-xen-usb" as="xs:boolean">
    <xsl:param name="controller" as="element(controller)"/>
    <xsl:sequence select="$controller/@type = 'usb' and starts-with($controller/@model, 'qusb')"/>
  </xsl:function>

  <xsl:function name="x2k:is-ide-without-ide" as="xs:boolean">
    <xsl:param name="controller" as="element(controller)"/>
    <xsl:sequence select="$controller/@type = 'ide' and $x2k:q35"/>
  </xsl:function>

  <!-- xenbus carries Xen's paravirtual devices (its event-channel and grant-frame
       limits too); virtio devices sit on PCI instead. -->
  <xsl:template match="/domain/devices/controller[x2k:is-xenbus(.)]"/>

  <!-- Xen's emulated USB controllers (qusb1, qusb2) become QEMU's xHCI controller,
       which serves USB 1, 2 and 3 devices; their port count was Xen's. -->
  <xsl:template match="/domain/devices/controller[x2k:is-xen-usb(.)]">
    <xsl:copy>
      <xsl:apply-templates select="@* except (@model, @ports)"/>
      <xsl:attribute name="model">qemu-xhci</xsl:attribute>
      <xsl:apply-templates/>
    </xsl:copy>
  </xsl:template>

  <!-- q35 has SATA, not IDE: the disks move (disks.xsl), the controller goes. -->
  <xsl:template match="/domain/devices/controller[x2k:is-ide-without-ide(.)]"/>
  <!-- Report: controllers. -->
  <xsl:template match="/domain/devices/controller[x2k:is-xenbus(.)]" mode="x2k:report">
    <change code="xenbus-dropped">controller xenbus dropped: virtio devices sit on PCI</change>
  </xsl:template>

  <xsl:template match="/domain/devices/controller[x2k:is-xen-usb(.)]" mode="x2k:report">
    <change code="usb-controller">USB controller {@model} → qemu-xhci</change>
  </xsl:template>

  <xsl:template match="/domain/devices/controller[x2k:is-ide-without-ide(.)]" mode="x2k:report">
    <change code="ide-controller-dropped">IDE controller dropped: q35 has none (its disks are on SATA)</change>
  </xsl:template>
</xsl:stylesheet>
