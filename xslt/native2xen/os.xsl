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
      <type arch="{x2k:x86-arch(.)}" machine="{if (x2k:os-type(.) = 'xenpvh') then 'xenpvh' else 'xenpv'}">{x2k:os-type(.)}</type>
      <xsl:call-template name="x2k:kernel"/>
    </os>
  </xsl:template>

  <!-- HVM guests: firmware (xl: bios = "ovmf" for UEFI, hvmloader otherwise; xm:
       kernel names hvmloader), xl's direct kernel boot, xl's extra ACPI table
       (acpi_firmware), and boot, the BIOS's order of drives: a floppy, c disk,
       d CD-ROM, n network (default c). -->
  <xsl:template match="xen-config[x2k:os-type(.) = 'hvm']" mode="x2k:os" priority="1">
    <os>
      <type arch="{x2k:x86-arch(.)}" machine="xenfv">hvm</type>
      <xsl:choose>
        <xsl:when test="@format = 'xl' and x2k:text(., 'bios') = 'ovmf'">
          <loader readonly="yes" type="pflash">{$ovmf}</loader>
        </xsl:when>
        <xsl:when test="@format = 'xm'">
          <!-- xend looked for a relative firmware in Xen's firmware directory -->
          <loader type="rom">{(x2k:text(., 'kernel') ! (if (starts-with(., '/')) then . else $firmware-directory || .), $hvmloader)[1]}</loader>
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
      <kernel>{x2k:absolute-path(., 'kernel')}</kernel>
    </xsl:if>
    <xsl:if test="exists(x2k:text(., 'ramdisk'))">
      <initrd>{x2k:absolute-path(., 'ramdisk')}</initrd>
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

  <!-- Keys only Xen on Arm reads (xl.cfg(5), "Arm-specific options" and device
       tree passthrough). -->
  <xsl:variable name="x2k:arm-keys" as="xs:string+"
      select="'gic_version', 'dtdev', 'device_tree', 'vuart', 'tee', 'nr_spis', 'sve'"/>

  <!-- The guest's architecture, which a config never names: $arch (x86) unless
       something in it is for another one, which x2k does not convert (as the XML
       path refuses a domain of another architecture): ia64's VT-i firmware
       (guest_firmware.bin) or vhpt, xm's ia64-only key; a key only Xen on Arm reads,
       or an Arm kernel image (Image, zImage). Refused with that reason. -->
  <xsl:function name="x2k:x86-arch" as="xs:string">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:variable name="kernel" select="tokenize(x2k:text($config, 'kernel'), '/')[last()]"/>
    <xsl:variable name="arm-key" select="$config/setting[@name = $x2k:arm-keys][1]"/>
    <xsl:variable name="why" as="xs:string?" select="
        if ($kernel = 'guest_firmware.bin') then
          'line ' || x2k:setting($config, 'kernel')/@line || ': kernel ' || $kernel || ' is the firmware of ia64 (VT-i) guests'
        else if ($config/setting[@name = 'vhpt']) then
          'line ' || $config/setting[@name = 'vhpt'][1]/@line || ': vhpt is read only by Xen on ia64'
        else if ($arm-key) then
          'line ' || $arm-key/@line || ': ' || $arm-key/@name || ' is read only by Xen on Arm'
        else if (matches($kernel, '^z?Image(\.gz)?$')) then
          'line ' || x2k:setting($config, 'kernel')/@line || ': kernel ' || $kernel || ' is an Arm kernel image'
        else ()"/>
    <xsl:sequence select="
        if (exists($why)) then x2k:fail('unsupported-arch', $why
            || ': x2k converts x86 guests (i686, x86_64), which KVM on x86 runs; move this guest to a KVM host of its own architecture by hand')
        else $arch"/>
  </xsl:function>

  <!-- A file the toolstack read in dom0 (kernel, ramdisk): libvirt takes only
       absolute paths, and a relative one was looked up in the directory xl or xm
       ran in, which the config does not say: refused, naming the line. PV-GRUB
       named alone (pv-grub.gz) is Xen's, from its firmware directory; the
       conversion drops it anyway, the guest booting its own GRUB. -->
  <xsl:function name="x2k:absolute-path" as="xs:string">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="path" select="x2k:text($config, $name)"/>
    <xsl:sequence select="
        if (starts-with($path, '/')) then $path
        else if ($name = 'kernel' and matches($path, '^(pv-?grub.*|grub.*xen.*\.bin|grub\.xen)$', 'i')) then $firmware-directory || $path
        else x2k:fail('native-value', 'line ' || x2k:setting($config, $name)/@line || ': ' || $name
            || ' &quot;' || $path || '&quot; is a relative path, which xl and xm looked up in the'
            || ' directory they ran in: write the absolute path of that file in dom0 into the config')"/>
  </xsl:function>

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
