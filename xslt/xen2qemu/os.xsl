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

  <!-- Step 2.2.2: pygrub/pvgrub ran in Xen's dom0; KVM boots from the guest's disk
       (or, for pypxeboot, from the network). -->
  <xsl:template match="/domain/bootloader | /domain/bootloader_args"/>

  <!-- Step 2.3: Xen's hvmloader is no firmware QEMU can use; QEMU brings its own BIOS.
       A UEFI guest (OVMF as a pflash loader) keeps UEFI, chosen by libvirt from the
       host's firmware. -->
  <xsl:template match="/domain/os/loader"/>

  <!-- Boot: UEFI guests get firmware='efi'; a guest that booted through pygrub, or
       whose kernel is dropped by boot=disk, boots from its first disk unless the
       definition already names a boot order. -->
  <!-- x2k guest: the guest's own kernel, copied out to the host, boots it directly
       (libvirt's order: type, loader, nvram, then kernel, initrd, cmdline). -->
  <xsl:template match="/domain/os[$guest-kernel != '']" priority="1">
    <xsl:copy>
      <xsl:apply-templates select="@*, type, loader, nvram"/>
      <kernel>{$guest-kernel}</kernel>
      <xsl:if test="$guest-initrd != ''">
        <initrd>{$guest-initrd}</initrd>
      </xsl:if>
      <cmdline>{$guest-cmdline}</cmdline>
      <xsl:apply-templates select="node() except (type, loader, nvram, kernel, initrd, cmdline, dtb, boot)"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="/domain/os">
    <xsl:copy>
      <xsl:if test="loader/@type = 'pflash' and not(@firmware)">
        <xsl:attribute name="firmware">efi</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="@*, node()"/>
      <xsl:if test="not(boot) and not(../devices/*/boot)">
        <xsl:choose>
          <xsl:when test="x2k:boots-from-network(..)">
            <boot dev='network'/>
          </xsl:when>
          <xsl:when test="x2k:boots-from-disk(..)">
            <boot dev='hd'/>
          </xsl:when>
        </xsl:choose>
      </xsl:if>
    </xsl:copy>
  </xsl:template>

  <!-- Dom0's kernel goes when the guest boots itself: with boot=disk; with a
       bootloader, whose kernel and initrd were the ones it had extracted into dom0
       (xend's live dumps: /var/lib/xen/vmlinuz.XXXXXX) and whose command line were
       its extra arguments; and with PV-GRUB as the kernel, which read the guest's own
       GRUB menu. QEMU takes no command line or initrd without a kernel. -->
  <xsl:template match="/domain/os/*[self::kernel or self::initrd or self::cmdline or self::dtb][x2k:dom0-kernel-dropped(/domain)]"/>

  <xsl:function name="x2k:dom0-kernel-dropped" as="xs:boolean">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="$boot = 'disk' or exists($domain/bootloader) or x2k:is-pv-grub($domain/os/kernel)
                          or exists(x2k:non-linux-pv($domain))
                          or ($domain/os/(initrd, cmdline, dtb) and not($domain/os/kernel[normalize-space()]))"/>
  </xsl:function>

  <!-- PV-GRUB: Xen's stub-domain GRUB (pv-grub-x86_64.gz, Amazon's
       pv-grub-hd0_1.04-x86_64.gz) or GRUB 2 built for Xen (Debian's and Ubuntu's
       grub-x86_64-xen.bin and grub-i386-xen_pvh.bin, SUSE's grub.xen), given to Xen
       as the guest's kernel. -->
  <xsl:function name="x2k:is-pv-grub" as="xs:boolean">
    <xsl:param name="kernel" as="element()?"/>
    <xsl:sequence select="matches(replace(normalize-space($kernel), '^.*/', ''),
                                  '^(pv-?grub.*|grub.*xen.*\.bin|grub\.xen)$', 'i')"/>
  </xsl:function>

  <!-- A paravirtualised guest of another system than Linux, told by the kernel Xen
       gave it: NetBSD's Xen kernels (netbsd-XEN3_DOMU, netbsd-INSTALL_XEN3PAE_DOMU.gz),
       FreeBSD's (/boot/kernel/kernel), Solaris's (/platform/i86xpv/...), Xen's Mini-OS
       and its stub domains. Its kernel is built for Xen PV only: QEMU cannot boot it,
       and x2k's Linux steps do not apply. Empty for Linux, and for HVM guests, which
       ran on emulated hardware. -->
  <xsl:function name="x2k:non-linux-pv" as="xs:string?">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:variable name="kernel" as="xs:string" select="normalize-space($domain/os/kernel)"/>
    <xsl:variable name="file" as="xs:string" select="replace($kernel, '^.*/', '')"/>
    <xsl:sequence select="
        if (not(x2k:was-paravirtual($domain))) then ()
        else if (matches($file, '^netbsd', 'i')) then 'NetBSD'
        else if (matches($kernel, '(^|/)boot/kernel/kernel$') or matches($file, 'freebsd', 'i')) then 'FreeBSD'
        else if (contains($kernel, '/platform/i86xpv/') or matches($domain/os/cmdline, 'i86xpv')) then 'Solaris'
        else if (matches($file, '^(mini-?os|ioemu-stubdom|.*-stubdom)', 'i')) then 'Mini-OS'
        else ()"/>
  </xsl:function>

  <!-- pypxeboot: dom0's PXE client for PV guests, which installed them over the network. -->
  <xsl:function name="x2k:is-pxe-bootloader" as="xs:boolean">
    <xsl:param name="bootloader" as="element()?"/>
    <xsl:sequence select="matches(replace(normalize-space($bootloader), '^.*/', ''), '^pypxeboot', 'i')"/>
  </xsl:function>

  <!-- Direct kernel boot kept: the command line names the guest's disks and console
       as Xen did; they follow the conversion (xvdXN to the new name of that disk,
       hvc0 and xvc0 to ttyS0). -->
  <xsl:template match="/domain/os/cmdline[not(x2k:dom0-kernel-dropped(/domain))]">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:value-of select="x2k:guest-command-line(., root()/domain/devices)"/>
    </xsl:copy>
  </xsl:template>

  <xsl:function name="x2k:guest-command-line" as="xs:string" visibility="public">
    <xsl:param name="command-line" as="xs:string"/>
    <xsl:param name="devices" as="element(devices)?"/>
    <xsl:variable name="disks-renamed" as="xs:string*">
      <xsl:analyze-string select="$command-line" regex="/dev/({$x2k:disk-name-regex})">
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
    <xsl:sequence select="not(x2k:boots-from-network($domain))
                          and (exists($domain/bootloader) or x2k:is-pv-grub($domain/os/kernel)
                               or exists(x2k:non-linux-pv($domain))
                               or ($boot = 'disk' and exists($domain/os/kernel))
                               or x2k:pv-without-kernel($domain))"/>
  </xsl:function>

  <xsl:function name="x2k:boots-from-network" as="xs:boolean">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="x2k:is-pxe-bootloader($domain/bootloader)"/>
  </xsl:function>

  <!-- A PV guest with neither kernel nor bootloader (libvirt takes such a bare
       <os><type>linux</type></os>): on KVM it can only boot from its disk. -->
  <xsl:function name="x2k:pv-without-kernel" as="xs:boolean">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="x2k:was-paravirtual($domain) and empty($domain/bootloader)
                          and not($domain/os/kernel[normalize-space()])"/>
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
    <!-- a PV guest that names no kernel and no bootloader -->
    <xsl:if test="x2k:pv-without-kernel(/domain)">
      <change code="boot-from-disk">no kernel and no bootloader: {x2k:boot-outcome()}</change>
      <xsl:call-template name="x2k:guest-boots-itself"/>
    </xsl:if>
    <xsl:if test="$guest-kernel != ''">
      <change code="guest-kernel-boot">direct kernel boot of the guest's own kernel {$guest-kernel}{
          if ($guest-initrd != '') then ' with initrd ' || $guest-initrd else ''}, command line '{$guest-cmdline}' (x2k guest copied them out of its /boot)</change>
    </xsl:if>
    <xsl:if test="normalize-space(.) = 'hvm'">
      <xsl:variable name="windows-like" as="xs:boolean"
          select="exists(/domain/features/viridian) or /domain/clock/(@offset, @basis) = 'localtime'"/>
      <action code="windows-pv-drivers" severity="{if ($windows-like) then 'required' else 'info'}">{
          if ($windows-like) then 'This looks like a Windows guest' else 'If this is a Windows guest'
        }: (1) while it still runs on Xen, uninstall its Xen PV drivers in Programs and Features (GPLPV's "Xen PV Drivers for Windows", Citrix's "XenServer Windows Management Agent" and "Citrix Xen Windows PV Drivers", or the Xen Project's XENBUS, XENVBD, XENVIF, XENNET and XENIFACE drivers), reboot once on Xen and shut it down: Windows with those drivers does not boot on KVM; (2) on KVM it boots from its emulated IDE/SATA disks with an emulated e1000 or rtl8139 NIC, which x2k kept or chose for it; (3) install the virtio-win drivers (viostor or vioscsi, netkvm, balloon) from Fedora's virtio-win ISO, with a small extra virtio disk attached once so that Windows loads viostor; (4) only then move its disks and NICs to virtio (x2k convert --disk-bus virtio --nic-model virtio, or virsh edit) (UCS Extended virtualization documentation, 2.1).</action>
    </xsl:if>
  </xsl:template>

  <!-- Report: pygrub/pvgrub ran in dom0; the guest must now boot itself. -->
  <xsl:template match="/domain/bootloader" mode="x2k:report">
    <xsl:choose>
      <xsl:when test="x2k:boots-from-network(/domain)">
        <change code="network-boot">bootloader {normalize-space(.)} (dom0's PXE client) dropped: the guest boots from the network, by QEMU's PXE firmware on its first NIC</change>
        <action code="network-boot" severity="info">pypxeboot installed the guest over the network: once it is installed, boot it from its disk (virsh edit: &lt;boot dev='hd'/&gt;), with a normal (non-Xen) kernel and GRUB inside (see guest-kernel).</action>
      </xsl:when>
      <xsl:otherwise>
        <change code="bootloader-dropped">bootloader {normalize-space(.)} (run by dom0) dropped: {x2k:boot-outcome()}</change>
        <xsl:call-template name="x2k:guest-boots-itself"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>



  <!-- How the converted guest boots, for the report: from its first disk, or (x2k guest
       copied its own kernel out) that kernel directly. -->
  <xsl:function name="x2k:boot-outcome" as="xs:string">
    <xsl:sequence select="if ($guest-kernel != '') then 'the guest boots its own kernel ' || $guest-kernel || ' directly'
                          else 'the guest boots from its first disk'"/>
  </xsl:function>

  <!-- Inside the guest: a kernel and boot loader of its own; not when x2k guest
       boots the guest's own kernel directly. -->
  <xsl:template name="x2k:guest-boots-itself">
    <xsl:if test="$guest-kernel = ''">
      <xsl:call-template name="x2k:guest-boots-itself-action"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="x2k:guest-boots-itself-action">
    <action code="guest-kernel" severity="required">Inside the guest: install a normal (non-Xen) kernel whose initrd has virtio_blk, virtio_net and virtio_pci, and install GRUB on the first disk's MBR (grub-install, update-grub), so it boots on its own.</action>
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
    <xsl:variable name="system" as="xs:string?" select="x2k:non-linux-pv(/domain)"/>
    <xsl:choose>
      <xsl:when test="exists($system)">
        <change code="kernel-dropped">kernel {normalize-space(.)} ({$system}, built for Xen PV only) dropped: the guest boots from its first disk</change>
        <action code="non-linux-pv-guest" severity="required">This guest runs {$system}, whose kernel Xen gave it ({normalize-space(.)}) runs only as a Xen PV guest: KVM cannot boot it. Install in the guest a {$system} kernel for x86 hardware with virtio drivers and its own boot loader on the first disk (or reinstall it), and use {$system}'s names for the disks and console it will see on KVM. x2k's steps for Linux guests (fstab, GRUB, initramfs, getty) do not apply to it.</action>
      </xsl:when>
      <xsl:when test="x2k:is-pv-grub(.)">
        <change code="pv-grub-dropped">PV-GRUB {normalize-space(.)} (Xen's GRUB, given as the kernel) dropped: {x2k:boot-outcome()}</change>
        <xsl:if test="empty(/domain/bootloader)">
          <xsl:call-template name="x2k:guest-boots-itself"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="exists(/domain/bootloader)">
        <change code="kernel-dropped">kernel {normalize-space(.)} that the bootloader had extracted into dom0 dropped: {x2k:boot-outcome()}</change>
      </xsl:when>
      <xsl:when test="$boot = 'disk'">
        <change code="kernel-dropped">direct kernel boot from {normalize-space(.)} dropped (boot=disk): {x2k:boot-outcome()}</change>
        <xsl:call-template name="x2k:guest-boots-itself"/>
      </xsl:when>
      <xsl:when test="$guest-kernel != ''">
        <change code="kernel-replaced">kernel {normalize-space(.)} (dom0's) → {x2k:boot-outcome()}</change>
      </xsl:when>
      <xsl:otherwise>
        <action code="host-kernel-files" severity="required">Direct kernel boot is kept: copy {x2k:list((., ../initrd) ! normalize-space())} to the same path on the KVM host, and make sure that kernel has virtio_blk and virtio_net (a -xen flavour kernel may not); or install a kernel and GRUB in the guest and convert with --boot disk.</action>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Report: the kernel command line that followed the conversion. -->
  <!-- Report: kernel arguments that went with dom0's kernel, or a bootloader's. -->
  <xsl:template match="/domain/os/cmdline[$guest-kernel = ''][x2k:dom0-kernel-dropped(/domain)][normalize-space()]" mode="x2k:report">
    <action code="guest-command-line" severity="recommended">Xen gave the guest the kernel arguments '{normalize-space(.)}'; add those it still needs to the guest's own GRUB configuration (GRUB_CMDLINE_LINUX in /etc/default/grub, then update-grub), with console=ttyS0 for hvc0.</action>
  </xsl:template>

  <xsl:template match="/domain/os/cmdline[$guest-kernel = ''][not(x2k:dom0-kernel-dropped(/domain))]" mode="x2k:report">
    <xsl:variable name="new" as="xs:string" select="x2k:guest-command-line(., root()/domain/devices)"/>
    <xsl:if test="$new ne string(.)">
      <change code="kernel-command-line">kernel command line '{.}' → '{$new}'</change>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
