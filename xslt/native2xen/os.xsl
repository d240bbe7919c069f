<?xml version="1.0" encoding="UTF-8"?>
<!--
  Booting and the device model: the bootloader of a PV guest, the firmware,
  kernel and boot order of os, the emulator, and arguments passed to QEMU.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    xmlns:xen="http://libvirt.org/schemas/domain/xen/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:bootloader" on-no-match="deep-skip"/>
  <xsl:mode name="x2k:os" on-no-match="deep-skip"/>
  <xsl:mode name="x2k:emulator" on-no-match="deep-skip"/>
  <xsl:mode name="x2k:commandline" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:os-reads" as="xs:string*"
      select="'bootloader', 'bootargs', 'bootloader_args', 'kernel', 'ramdisk', 'cmdline', 'root',
              'extra', 'bios', 'acpi_firmware', 'boot', 'device_model_override', 'device_model',
              'device_model_args'"/>

  <!-- bootloader (pygrub, pvgrub) and its arguments: a PV guest's, before os.
       xl spells the arguments bootloader_args, xm and libvirt bootargs. -->
  <xsl:template match="xen-config[x2k:os-type(.) ne 'hvm']" mode="x2k:bootloader">
    <xsl:if test="exists(x2k:text(., 'bootloader'))">
      <bootloader>{x2k:text(., 'bootloader')}</bootloader>
    </xsl:if>
    <xsl:variable name="arguments" select="(x2k:text(., 'bootargs'), x2k:text(., 'bootloader_args'))[1]"/>
    <xsl:if test="exists($arguments)">
      <bootloader_args>{$arguments}</bootloader_args>
    </xsl:if>
  </xsl:template>

  <!-- PV and PVH guests: a kernel and initrd held by dom0 (kernel, ramdisk) and its
       command line. -->
  <xsl:template match="xen-config" mode="x2k:os">
    <os>
      <type arch="{$arch}" machine="{if (x2k:os-type(.) = 'xenpvh') then 'xenpvh' else 'xenpv'}">{x2k:os-type(.)}</type>
      <xsl:call-template name="x2k:kernel"/>
    </os>
  </xsl:template>

  <!-- HVM guests: firmware (xl: bios = "ovmf" for UEFI, hvmloader otherwise; xm:
       kernel names hvmloader), xl's direct kernel boot, xl's extra ACPI table
       (acpi_firmware), and boot, the BIOS's order of drives: a floppy, c disk,
       d CD-ROM, n network (default c). -->
  <xsl:template match="xen-config[x2k:os-type(.) = 'hvm']" mode="x2k:os" priority="1">
    <os>
      <type arch="{$arch}" machine="xenfv">hvm</type>
      <xsl:choose>
        <xsl:when test="@format = 'xl' and x2k:text(., 'bios') = 'ovmf'">
          <loader readonly="yes" type="pflash">{$ovmf}</loader>
        </xsl:when>
        <xsl:when test="@format = 'xm'">
          <loader type="rom">{(x2k:text(., 'kernel'), $hvmloader)[1]}</loader>
        </xsl:when>
        <xsl:otherwise>
          <loader type="rom">{$hvmloader}</loader>
          <xsl:call-template name="x2k:kernel"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="exists(x2k:text(., 'acpi_firmware'))">
        <acpi>
          <table type="slic">{x2k:text(., 'acpi_firmware')}</table>
        </acpi>
      </xsl:if>
      <xsl:variable name="order" select="(x2k:text(., 'boot')[normalize-space()], 'c')[1]"/>
      <xsl:for-each select="distinct-values(string-to-codepoints($order) ! codepoints-to-string(.))">
        <boot dev="{if (. = 'a') then 'fd' else if (. = 'd') then 'cdrom' else if (. = 'n') then 'network' else 'hd'}"/>
      </xsl:for-each>
    </os>
  </xsl:template>

  <!-- kernel, ramdisk, and the command line: cmdline, or else root and extra
       joined as "root=ROOT EXTRA" (how xm and xl both read them). -->
  <xsl:template name="x2k:kernel">
    <xsl:if test="exists(x2k:text(., 'kernel'))">
      <kernel>{x2k:text(., 'kernel')}</kernel>
    </xsl:if>
    <xsl:if test="exists(x2k:text(., 'ramdisk'))">
      <initrd>{x2k:text(., 'ramdisk')}</initrd>
    </xsl:if>
    <xsl:variable name="root" select="x2k:text(., 'root')"/>
    <xsl:variable name="extra" select="x2k:text(., 'extra')"/>
    <xsl:variable name="cmdline" select="
        if (exists(x2k:text(., 'cmdline'))) then x2k:text(., 'cmdline')
        else string-join((if (exists($root)) then 'root=' || $root else (), $extra), ' ')"/>
    <xsl:if test="$cmdline">
      <cmdline>{$cmdline}</cmdline>
    </xsl:if>
  </xsl:template>

  <!-- device_model_override (xl) or device_model (xm): the QEMU Xen starts. -->
  <xsl:template match="xen-config" mode="x2k:emulator">
    <xsl:variable name="emulator" select="(x2k:text(., 'device_model_override'), x2k:text(., 'device_model'))[1]"/>
    <xsl:if test="exists($emulator)">
      <emulator>{$emulator}</emulator>
    </xsl:if>
  </xsl:template>

  <!-- device_model_args (xl): extra QEMU arguments, in libvirt's Xen namespace. -->
  <xsl:template match="xen-config[exists(x2k:strings(., 'device_model_args'))]" mode="x2k:commandline">
    <xen:commandline>
      <xsl:for-each select="x2k:strings(., 'device_model_args')">
        <xen:arg value="{.}"/>
      </xsl:for-each>
    </xen:commandline>
  </xsl:template>
</xsl:stylesheet>
