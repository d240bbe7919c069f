<?xml version="1.0" encoding="UTF-8"?>
<!--
  passthrough.xsl: what would run host commands or raw QEMU arguments on the KVM
  host. No Xen driver of libvirt writes <qemu:commandline>, <qemu:capabilities>,
  <qemu:override> or <qemu:deprecation> (libvirt's QEMU-only namespace), and a
  Xen vif's down script has no QEMU meaning; in a "Xen" dump they can only come
  from elsewhere, and on KVM they would run arbitrary QEMU arguments, set its
  environment (LD_PRELOAD) or run scripts as root. They are dropped and named as a
  required action, unless keep-qemu-passthrough (x2k's option of that name)
  keeps them for an administrator who put them there on purpose.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- libvirt's namespace for QEMU passthrough (formatdomain, "QEMU command-line
       passthrough"). -->
  <xsl:variable name="x2k:qemu-namespace" as="xs:string" select="'http://libvirt.org/schemas/domain/qemu/1.0'"/>

  <!-- Dropped unless kept: QEMU passthrough and interface down scripts. -->
  <xsl:template match="/domain/*[namespace-uri() = $x2k:qemu-namespace] | /domain/devices/interface/downscript">
    <xsl:if test="$keep-qemu-passthrough">
      <xsl:copy-of select="."/>
    </xsl:if>
  </xsl:template>

  <!-- Report: each one dropped, or kept, by name. -->
  <xsl:template match="/domain/*[namespace-uri() = $x2k:qemu-namespace] | /domain/devices/interface/downscript" mode="x2k:report">
    <xsl:variable name="named" as="xs:string"
        select="if (self::downscript) then 'downscript ' || @path
                else name() || (if (*) then ' (' || string-join(*/(if (@name) then @name || '=' || @value
                                                                 else string((@value, @capability)[1])), ' ') || ')' else '')"/>
    <xsl:choose>
      <xsl:when test="$keep-qemu-passthrough">
        <action code="qemu-passthrough" severity="required">Kept as asked (--keep-qemu-passthrough): {$named}; QEMU on the KVM host runs it as given.</action>
      </xsl:when>
      <xsl:otherwise>
        <change code="qemu-passthrough-dropped">dropped: {$named}</change>
        <action code="qemu-passthrough" severity="required">The input passed {$named} straight to the host; no Xen driver writes this, and on KVM it would run as given. x2k dropped it: if you put it there and mean it, convert with --keep-qemu-passthrough.</action>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
