<?xml version="1.0" encoding="UTF-8"?>
<!--
  Lifecycle actions: what happens when the guest powers off, reboots or crashes.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Xen keeps a powered-off or rebooting domain around ('preserve'); QEMU cannot,
       so the domain stops (destroy), and its definition stays as always. -->
  <xsl:template match="/domain/on_poweroff[. = 'preserve'] | /domain/on_reboot[. = 'preserve']">
    <xsl:copy>destroy</xsl:copy>
  </xsl:template>

  <!-- Xen's rename-restart (keep the old domain under a new name, start a new one)
       has no QEMU counterpart; the guest restarts. -->
  <xsl:template match="/domain/*[self::on_poweroff or self::on_reboot or self::on_crash][. = 'rename-restart']">
    <xsl:copy>restart</xsl:copy>
  </xsl:template>
  <!-- Report: lifecycle actions QEMU cannot do. -->
  <xsl:template match="/domain/*[self::on_poweroff or self::on_reboot or self::on_crash][. = 'rename-restart']
                       | /domain/*[self::on_poweroff or self::on_reboot][. = 'preserve']" mode="x2k:report">
    <change code="lifecycle-changed">{local-name()} {.} → {if (. = 'preserve') then 'destroy' else 'restart'}: QEMU has no such action</change>
  </xsl:template>
</xsl:stylesheet>
