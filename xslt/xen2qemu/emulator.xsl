<?xml version="1.0" encoding="UTF-8"?>
<!--
  The device model: Xen's qemu-dm or qemu-system-i386 under /usr/lib/xen
  becomes the host's QEMU.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Step 2.4: the emulator points to KVM's QEMU ($emulator); with $emulator empty
       the element goes and libvirt chooses the emulator for the architecture. -->
  <xsl:template match="/domain/devices/emulator">
    <xsl:if test="$emulator">
      <emulator>{$emulator}</emulator>
    </xsl:if>
  </xsl:template>
  <!-- Report: the device model. -->
  <xsl:template match="/domain/devices/emulator" mode="x2k:report">
    <change code="emulator">emulator {normalize-space(.)} → {if ($emulator) then $emulator else 'the host''s default (element dropped)'}</change>
  </xsl:template>
</xsl:stylesheet>
