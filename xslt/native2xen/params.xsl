<?xml version="1.0" encoding="UTF-8"?>
<!--
  Parameters of native2xen.xsl: what libvirt takes from the Xen host it runs on
  rather than from the config. Defaults are those of a 64-bit Xen host with
  Xen's standard paths, which is what libvirt's own xl/xm tests assume.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- The guest architecture libvirt's capabilities give a Xen guest. -->
  <xsl:param name="arch" as="xs:string" select="'x86_64'"/>

  <!-- Firmware an xl HVM guest boots from unless bios = "ovmf" (libxl loads it
       itself; libvirt reports it as the loader). -->
  <xsl:param name="hvmloader" as="xs:string" select="'/usr/lib/xen/boot/hvmloader'"/>

  <!-- Where Xen keeps its firmware, in which xend looked up an HVM guest's
       relative kernel (hvmloader). -->
  <xsl:param name="firmware-directory" as="xs:string" select="'/usr/lib/xen/boot/'"/>

  <!-- UEFI firmware for bios = "ovmf" (LIBXL_FIRMWARE_DIR/ovmf.bin). -->
  <xsl:param name="ovmf" as="xs:string" select="'/usr/lib/xen/boot/ovmf.bin'"/>
</xsl:stylesheet>
