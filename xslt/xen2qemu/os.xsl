<?xml version="1.0" encoding="UTF-8"?>
<!--
  Booting: KVM only runs fully virtualised (HVM) guests, with its own firmware.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Step 2.2.1: the OS type becomes hvm (Xen PV says linux or xen, PVH xenpvh). -->
  <xsl:template match="/domain/os/type">
    <xsl:copy>
      <xsl:apply-templates select="@* except @machine"/>
      <xsl:choose>
        <xsl:when test="$machine">
          <xsl:attribute name="machine" select="$machine"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="@machine"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>hvm</xsl:text>
    </xsl:copy>
  </xsl:template>

  <!-- Step 2.2.1, done right: Xen's machine types (xenpv, xenfv, xenpvh) mean nothing
       to QEMU; without the attribute libvirt picks the host's default machine. The
       architecture is kept. -->
  <xsl:template match="/domain/os/type/@machine[starts-with(., 'xen')]"/>

  <!-- Step 2.2.2: pygrub/pvgrub ran in Xen's dom0; KVM boots from the guest's disk. -->
  <xsl:template match="/domain/bootloader | /domain/bootloader_args"/>

  <!-- Step 2.3: Xen's hvmloader is no firmware QEMU can use; QEMU brings its own BIOS.
       A UEFI guest (OVMF as a pflash loader) keeps UEFI, chosen by libvirt from the
       host's firmware. -->
  <xsl:template match="/domain/os/loader"/>

  <!-- Boot: UEFI guests get firmware='efi'; a guest that booted through pygrub, or
       whose kernel is dropped by boot=disk, boots from its first disk unless the
       definition already names a boot order. -->
  <xsl:template match="/domain/os">
    <xsl:copy>
      <xsl:if test="loader/@type = 'pflash' and not(@firmware)">
        <xsl:attribute name="firmware">efi</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="@*, node()"/>
      <xsl:if test="x2k:boots-from-disk(..) and not(boot) and not(../devices/*/boot)">
        <boot dev='hd'/>
      </xsl:if>
    </xsl:copy>
  </xsl:template>

  <!-- boot=disk: the guest carries its own bootloader; dom0's kernel goes. -->
  <xsl:template match="/domain/os/*[self::kernel or self::initrd or self::cmdline or self::dtb][$boot = 'disk']"/>

  <!-- Direct kernel boot kept: the command line names the guest's disks and console
       as Xen did; they follow the conversion (xvdXN to the new name of that disk,
       hvc0 and xvc0 to ttyS0). -->
  <xsl:template match="/domain/os/cmdline[$boot = 'kernel']">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:value-of select="x2k:guest-command-line(., root()/domain/devices)"/>
    </xsl:copy>
  </xsl:template>

  <xsl:function name="x2k:guest-command-line" as="xs:string">
    <xsl:param name="command-line" as="xs:string"/>
    <xsl:param name="devices" as="element(devices)?"/>
    <xsl:variable name="disks-renamed" as="xs:string*">
      <xsl:analyze-string select="$command-line" regex="/dev/((xvd|[hsv]d)[a-z]+[0-9]*)">
        <xsl:matching-substring>
          <xsl:variable name="new" as="xs:string?"
              select="if ($devices) then x2k:new-device-name($devices, regex-group(1)) else ()"/>
          <xsl:sequence select="'/dev/' || ($new, regex-group(1))[1]"/>
        </xsl:matching-substring>
        <xsl:non-matching-substring>
          <xsl:sequence select="."/>
        </xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="replace(string-join($disks-renamed), '(^|\s)console=(hvc|xvc)0', '$1console=ttyS0')"/>
  </xsl:function>

  <!-- Whether the converted guest boots from its own disk rather than a kernel
       given by the host. -->
  <xsl:function name="x2k:boots-from-disk" as="xs:boolean">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="exists($domain/bootloader)
                          or ($boot = 'disk' and exists($domain/os/kernel))"/>
  </xsl:function>
  <!-- Report: the OS type, the machine, and what a fully virtualised guest of Windows
       needs (seed 000: Xen's PV drivers must go before the move). -->
  <xsl:template match="/domain/os/type" mode="x2k:report">
    <xsl:variable name="changes" as="xs:string*" select="
        ('OS type ' || normalize-space(.) || ' → hvm')[normalize-space(current()) ne 'hvm'],
        if ($machine) then 'machine ' || (@machine, 'default')[1] || ' → ' || $machine
        else if (starts-with(@machine, 'xen')) then 'Xen machine ' || @machine || ' dropped (libvirt picks the host''s default)'
        else ()"/>
    <xsl:if test="exists($changes)">
      <change code="os-type">{string-join($changes, ', ')}</change>
    </xsl:if>
    <xsl:if test="normalize-space(.) = 'hvm'">
      <xsl:variable name="windows-like" as="xs:boolean"
          select="exists(/domain/features/viridian) or /domain/clock/(@offset, @basis) = 'localtime'"/>
      <action code="windows-pv-drivers" severity="{if ($windows-like) then 'required' else 'info'}">{
          if ($windows-like) then 'This looks like a Windows guest' else 'If this is a Windows guest'
        }: uninstall Xen's PV drivers (GPLPV or similar) while it still runs on Xen, or Windows will not boot on KVM; install the virtio drivers after the move (seed 000). Its emulated disks and NICs were kept so that it boots without them.</action>
    </xsl:if>
  </xsl:template>

  <!-- Report: pygrub/pvgrub ran in dom0; the guest must now boot itself. -->
  <xsl:template match="/domain/bootloader" mode="x2k:report">
    <change code="bootloader-dropped">bootloader {normalize-space(.)} (run by dom0) dropped: the guest boots from its first disk</change>
    <xsl:call-template name="x2k:guest-boots-itself"/>
  </xsl:template>

  <xsl:template name="x2k:guest-boots-itself">
    <action code="guest-kernel" severity="required">Inside the guest: install a normal (non-Xen) kernel whose initrd has virtio_blk, virtio_net and virtio_pci, and install GRUB on the first disk's MBR (grub-install, update-grub), so it boots on its own (seeds 000, 003, 004).</action>
  </xsl:template>

  <!-- Report: Xen's firmware. -->
  <xsl:template match="/domain/os/loader" mode="x2k:report">
    <xsl:choose>
      <xsl:when test="@type = 'pflash'">
        <change code="firmware-efi">UEFI loader {normalize-space(.)} → firmware='efi' (libvirt picks the host's OVMF)</change>
        <action code="host-ovmf" severity="required">Install UEFI firmware for QEMU on the KVM host (Debian: ovmf; RHEL: edk2-ovmf) before starting the guest.</action>
      </xsl:when>
      <xsl:otherwise>
        <change code="loader-dropped">Xen's firmware loader {normalize-space(.)} dropped: QEMU's own BIOS boots the guest</change>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Report: the kernel dom0 held. -->
  <xsl:template match="/domain/os/kernel" mode="x2k:report">
    <xsl:choose>
      <xsl:when test="$boot = 'disk'">
        <change code="kernel-dropped">direct kernel boot from {normalize-space(.)} dropped (boot=disk): the guest boots from its first disk</change>
        <xsl:call-template name="x2k:guest-boots-itself"/>
      </xsl:when>
      <xsl:otherwise>
        <action code="host-kernel-files" severity="required">Direct kernel boot is kept: copy {x2k:list((., ../initrd) ! normalize-space())} to the same path on the KVM host, and make sure that kernel has virtio_blk and virtio_net (a -xen flavour kernel may not); or install a kernel and GRUB in the guest and convert with --boot disk.</action>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Report: the kernel command line that followed the conversion. -->
  <xsl:template match="/domain/os/cmdline[$boot = 'kernel']" mode="x2k:report">
    <xsl:variable name="new" as="xs:string" select="x2k:guest-command-line(., root()/domain/devices)"/>
    <xsl:if test="$new ne string(.)">
      <change code="kernel-command-line">kernel command line '{.}' → '{$new}'</change>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
