<?xml version="1.0" encoding="UTF-8"?>
<!--
  Booting: KVM only runs fully virtualised (HVM) guests, with its own firmware.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Step 2.2.1: the OS type becomes hvm (Xen PV says linux or xen, PVH xenpvh). -->
  <xsl:template match="/domain/os/type">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:text>hvm</xsl:text>
    </xsl:copy>
  </xsl:template>

  <!-- Step 2.2.1, done right: Xen's machine types (xenpv, xenfv, xenpvh) mean nothing
       to QEMU; without the attribute libvirt picks the host's default machine.
       The architecture is kept. -->
  <xsl:template match="/domain/os/type/@machine[starts-with(., 'xen')]"/>

  <!-- Step 2.2.2: pygrub/pvgrub ran in Xen's dom0; KVM boots from the guest's disk. -->
  <xsl:template match="/domain/bootloader | /domain/bootloader_args"/>

  <!-- Step 2.3: Xen's hvmloader is no firmware QEMU can use; QEMU brings its own BIOS. -->
  <xsl:template match="/domain/os/loader"/>
</xsl:stylesheet>
