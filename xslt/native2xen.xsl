<?xml version="1.0" encoding="UTF-8"?>
<!--
  native2xen.xsl: reads a native Xen guest config (xl.cfg(5), or xend's xm
  format) into the libvirt Xen domain that `virsh domxml-from-native xen-xl`
  (or xen-xm) makes of it, so that xen2qemu.xsl converts it like any dump.

  Its input is the config's settings as x2k's Java reader parses them:
    <xen-config format="xl|xm" format-from="option|content" format-reason="...">
      <setting name="disk" line="12" column="1">
        <list><string>phy:/dev/vg/lv,xvda,w</string></list>
      </setting>
      <overridden name="memory" line="3"/>      (a name set again later)
      <python-only construct="True"/>           (xm's Python syntax was used)
    </xen-config>
  Values are string, number (as written) and list elements.

  Reference: libvirt's xen_common.c, xen_xl.c and xen_xm.c (how libvirt reads
  each key, which defaults its libxl driver adds), xl.cfg(5),
  xl-disk-configuration and xl-network-configuration. Each module holds one
  concern; each template names the keys it reads.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Imported, so that a stylesheet importing this one can override a parameter. -->
  <xsl:import href="native2xen/params.xsl"/>

  <xsl:include href="common/output.xsl"/>
  <xsl:include href="common/with-report.xsl"/>
  <xsl:include href="common/names.xsl"/>
  <xsl:include href="native2xen/settings.xsl"/>
  <xsl:include href="native2xen/report.xsl"/>
  <xsl:include href="native2xen/domain.xsl"/>
  <xsl:include href="native2xen/os.xsl"/>
  <xsl:include href="native2xen/cpu.xsl"/>
  <xsl:include href="native2xen/features.xsl"/>
  <xsl:include href="native2xen/clock.xsl"/>
  <xsl:include href="native2xen/disks.xsl"/>
  <xsl:include href="native2xen/controllers.xsl"/>
  <xsl:include href="native2xen/interfaces.xsl"/>
  <xsl:include href="native2xen/chardevs.xsl"/>
  <xsl:include href="native2xen/display.xsl"/>
  <xsl:include href="native2xen/hostdevs.xsl"/>

  <!-- The config is read, not copied: a node no template names adds nothing. -->
  <xsl:mode on-no-match="deep-skip" on-multiple-match="fail" warning-on-multiple-match="yes"/>
</xsl:stylesheet>
