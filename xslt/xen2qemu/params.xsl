<?xml version="1.0" encoding="UTF-8"?>
<!--
  Parameters of xen2qemu.xsl: the choices the seeds leave to the administrator.
  Defaults follow the seed's xen2qemu.xslt where it makes one. x2k's options
  set them (x2k convert -help lists which).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Domain type: 'kvm', or 'qemu' for hosts without hardware virtualisation. -->
  <xsl:param name="domain-type" as="xs:string" select="'kvm'"/>

  <!-- Machine type for os/type/@machine ('pc', 'q35', 'pc-q35-7.2', ...); empty drops
       Xen's machine types and lets libvirt pick the host's default. A q35 machine has
       no IDE: what would be IDE becomes SATA. -->
  <xsl:param name="machine" as="xs:string" select="''"/>

  <!-- Emulator for a domain that names one: '' (the default) takes the emulator the
       KVM host reports for the guest's architecture when x2k knows the host
       ($target-emulators), and otherwise drops the element, so that libvirt picks the
       host's own (/usr/bin/qemu-system-x86_64 on Debian, /usr/libexec/qemu-kvm on RHEL);
       'none' always drops it; an absolute path sets that one (procedure 2.4, step 2.4
       says /usr/bin/kvm, which only Debian-based hosts have). -->
  <xsl:param name="emulator" as="xs:string" select="''"/>

  <!-- The KVM host the domain is converted for, when x2k has asked it (convert's define
       option) or read what it can run (its capabilities option): its name for messages,
       its own architecture (what libvirt gives a domain that names none), and for each
       guest architecture it runs as $domain-type domains, the emulator. An empty map
       means the host is not known: no architecture is refused, no emulator chosen. -->
  <xsl:param name="target-host" as="xs:string" select="''"/>
  <xsl:param name="target-arch" as="xs:string" select="''"/>
  <xsl:param name="target-emulators" as="map(xs:string, xs:string)" select="map{}"/>

  <!-- How a PV guest whose kernel was held by dom0 boots: 'kernel' keeps direct
       kernel boot (kernel and initrd must exist on the KVM host); 'disk' drops the
       kernel, for guests that carry their own bootloader. -->
  <xsl:param name="boot" as="xs:string" select="'kernel'"/>

  <!-- x2k guest: the guest's own kernel and initramfs, copied out to the host, and the
       command line for them (root by UUID, both consoles). Set, they replace whatever
       booted the guest under Xen (dom0's kernel, pygrub, PV-GRUB): direct kernel boot. -->
  <xsl:param name="guest-kernel" as="xs:string" select="''"/>
  <xsl:param name="guest-initrd" as="xs:string" select="''"/>
  <xsl:param name="guest-cmdline" as="xs:string" select="''"/>

  <!-- Bus for Xen's paravirtual disks (bus xen, and every disk of a PV guest):
       virtio, or scsi, sata or ide for guests without virtio drivers. Empty: virtio,
       except for the xvd disks of an HVM guest (see $virtio-known). -->
  <xsl:param name="disk-bus" as="xs:string" select="''"/>

  <!-- Whether the guest is known to carry virtio drivers (x2k guest puts them into a
       Linux guest's initramfs). An HVM guest's xvd disk was an emulated IDE disk that
       PV drivers could unplug: without them known, it stays emulated (ide, or sata
       on q35), so that a guest without virtio drivers (Windows) still boots. -->
  <xsl:param name="virtio-known" as="xs:boolean" select="false()"/>

  <!-- Bus for the emulated disks of a fully virtualised guest (ide, scsi); empty keeps
       their bus. -->
  <xsl:param name="emulated-disk-bus" as="xs:string" select="''"/>

  <!-- Bus for CD-ROMs that were on Xen's bus; empty means ide, or sata on q35.
       QEMU has no virtio CD-ROM. -->
  <xsl:param name="cdrom-bus" as="xs:string" select="''"/>

  <!-- Image format of the disks Xen used as raw files, when they were converted with
       qemu-img (seed 000, step 5): 'qcow2'; empty keeps what the definition says. -->
  <xsl:param name="disk-format" as="xs:string" select="''"/>

  <!-- Cache mode added to disk drivers that name none ('none' keeps live migration
       safe, step 2.5.1.3); the empty string adds nothing. -->
  <xsl:param name="disk-cache" as="xs:string" select="'none'"/>

  <!-- Bridge for interfaces of type bridge that name none: xend attached those to
       its default bridge, xenbr0 (Xen 3.0 and 3.1, RHEL 5; on Xen 3.2 and later
       network-bridge named it after the interface, eth0). -->
  <xsl:param name="default-bridge" as="xs:string" select="'xenbr0'"/>

  <!-- NIC model for Xen's netfront, and for PV guests' NICs without a model
       (step 2.6.1): virtio, e1000, e1000e, rtl8139. Empty: virtio, except for the
       netfront NICs of an HVM guest (see x2k:netfront-model). -->
  <xsl:param name="nic-model" as="xs:string" select="''"/>

  <!-- Keep <qemu:commandline> and the rest of QEMU's passthrough, and interface down
       scripts (passthrough.xsl), which are dropped by default. -->
  <xsl:param name="keep-qemu-passthrough" as="xs:boolean" select="false()"/>

  <!-- Keep what in the definition reaches into the KVM host's own files, devices and
       privileges (host-resources.xsl), which is taken out by default: the definition
       came from another host. -->
  <xsl:param name="allow-host-resources" as="xs:boolean" select="false()"/>

  <!-- The disks x2k copied (x2k convert's copy-storage option), by their Xen target
       name: each copy's source type ('file' or 'block'), its path on the KVM host
       and its format ('raw' or 'qcow2'). A copied disk names its copy; the others
       keep their sources. -->
  <xsl:param name="disk-copies" as="map(xs:string, map(xs:string, xs:string))" select="map{}"/>
</xsl:stylesheet>
