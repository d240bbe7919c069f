<?xml version="1.0" encoding="UTF-8"?>
<!--
  Parameters of xen2qemu.xsl: the choices procedure 2.4 leaves to the
  administrator. Defaults follow the seed's xen2qemu.xslt.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Domain type: 'kvm', or 'qemu' for hosts without hardware virtualisation. -->
  <xsl:param name="domain-type" as="xs:string" select="'kvm'"/>

  <!-- Emulator binary (step 2.4 says /usr/bin/kvm; RHEL has /usr/libexec/qemu-kvm).
       The empty string drops the element, so libvirt picks the host's default. -->
  <xsl:param name="emulator" as="xs:string" select="'/usr/bin/kvm'"/>

  <!-- Bus for the disks that were on Xen's paravirtual bus: virtio, or ide,
       sata or scsi for guests without virtio drivers (step 2.5.2). -->
  <xsl:param name="disk-bus" as="xs:string" select="'virtio'"/>

  <!-- Bus for CD-ROMs that were on Xen's bus: QEMU has no virtio CD-ROM (step 2.5.2). -->
  <xsl:param name="cdrom-bus" as="xs:string" select="'ide'"/>

  <!-- Cache mode added to disk drivers that name none ('none' keeps live migration
       safe, step 2.5.1.3); the empty string adds nothing. -->
  <xsl:param name="disk-cache" as="xs:string" select="'none'"/>

  <!-- NIC model that replaces Xen's netfront (step 2.6.1): virtio, e1000, rtl8139, ... -->
  <xsl:param name="nic-model" as="xs:string" select="'virtio'"/>
</xsl:stylesheet>
