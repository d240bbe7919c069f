<?xml version="1.0" encoding="UTF-8"?>
<!--
  Input devices: Xen's paravirtual keyboard and pointer (vkbd) become USB devices.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Step 2.8: input bus xen becomes usb (absolute pointing stays absolute). -->
  <xsl:template match="/domain/devices/input/@bus[. = 'xen']">
    <xsl:attribute name="bus">usb</xsl:attribute>
  </xsl:template>
  <!-- Report: input devices. -->
  <xsl:template match="/domain/devices/input[@bus = 'xen'][x2k:is-first-of-kind(., 'input bus=xen')]" mode="x2k:report" priority="1">
    <change code="input-bus">inputs on Xen's bus → USB: {x2k:list(../input[@bus = 'xen']/@type)}</change>
    <!-- this device's own report, if another module makes one -->
    <xsl:next-match/>
  </xsl:template>
</xsl:stylesheet>
