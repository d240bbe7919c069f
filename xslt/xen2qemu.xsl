<?xml version="1.0" encoding="UTF-8"?>
<!--
  xen2qemu.xsl: rewrites a libvirt Xen domain (virsh dumpxml) into a domain
  that libvirt's QEMU/KVM driver accepts.

  Specification: Univention, "Extended virtualization documentation",
  chapter 2.1, procedure 2.4, and its xen2qemu.xslt (UCS 4.1), extended to
  every construct of libvirt's Xen domain format. Each module holds one
  concern; each template names the rule it implements.

  Runs on any XSLT 3.0 processor, for example:
    java -cp Saxon-HE.jar:xmlresolver.jar net.sf.saxon.Transform -xsl:xslt/xen2qemu.xsl -s:vm.xml
  x2k bundles and runs it the same way.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Imported, so that a stylesheet importing this one can override a parameter. -->
  <xsl:import href="xen2qemu/params.xsl"/>

  <xsl:include href="common/output.xsl"/>
  <xsl:include href="common/with-report.xsl"/>
  <xsl:include href="common/names.xsl"/>
  <xsl:include href="common/bridges.xsl"/>
  <xsl:include href="xen2qemu/report.xsl"/>
  <xsl:include href="xen2qemu/guest-plan.xsl"/>
  <xsl:include href="xen2qemu/host-resources.xsl"/>
  <xsl:include href="xen2qemu/repairs.xsl"/>
  <xsl:include href="xen2qemu/domain.xsl"/>
  <xsl:include href="xen2qemu/runtime.xsl"/>
  <xsl:include href="xen2qemu/lifecycle.xsl"/>
  <xsl:include href="xen2qemu/os.xsl"/>
  <xsl:include href="xen2qemu/features.xsl"/>
  <xsl:include href="xen2qemu/emulator.xsl"/>
  <xsl:include href="xen2qemu/disks.xsl"/>
  <xsl:include href="xen2qemu/controllers.xsl"/>
  <xsl:include href="xen2qemu/interfaces.xsl"/>
  <xsl:include href="xen2qemu/hostdevs.xsl"/>
  <xsl:include href="xen2qemu/consoles.xsl"/>
  <xsl:include href="xen2qemu/inputs.xsl"/>
  <xsl:include href="xen2qemu/display.xsl"/>
  <xsl:include href="xen2qemu/memballoon.xsl"/>
  <xsl:include href="xen2qemu/passthrough.xsl"/>

  <!-- Everything no rule names is copied as it is: comments, metadata, devices and
       elements this version does not know survive. Two rules for one node are a bug. -->
  <xsl:mode on-no-match="shallow-copy" on-multiple-match="fail" warning-on-multiple-match="yes"/>
</xsl:stylesheet>
