<?xml version="1.0" encoding="UTF-8"?>
<!--
  Runtime state: what virsh dumpxml of a running domain adds and libvirt fills
  in anew at start, so a live dump converts like an inactive one.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The running domain's id. -->
  <xsl:template match="/domain/@id"/>

  <!-- Device aliases libvirt chose at start; user aliases (ua-*) are configuration. -->
  <xsl:template match="/domain/devices/*/alias[not(starts-with(@name, 'ua-'))]"/>

  <!-- Xen's backend interface names (vif5.0, vif5.0-emu) belong to the running domain. -->
  <xsl:template match="/domain/devices/interface/target[matches(@dev, '^vif[0-9]+\.[0-9]+(-emu)?$')]"/>

  <!-- The pty a running console or serial port got. -->
  <xsl:template match="/domain/devices/*[@type = 'pty']/@tty"/>
  <xsl:template match="/domain/devices/*[@type = 'pty']/source[@path][count(@*) = 1][not(*)]"/>

  <!-- Ports picked by autoport when the domain started. -->
  <xsl:template match="/domain/devices/graphics[@autoport = 'yes']/@*[name() = ('port', 'tlsPort', 'websocket')]"/>

  <!-- Labels generated for a dynamic security label are the running domain's, and
       their model (Xen's, or the old host's) need not exist here: the KVM host
       applies its own default. -->
  <xsl:template match="/domain/seclabel[@type = 'dynamic']"/>
  <!-- Report: a live dump carries the running domain's state; the guest is running. -->
  <xsl:template match="/domain/@id" mode="x2k:report">
    <change code="runtime-state-dropped">state of the running domain (id {.}) dropped: libvirt's aliases, Xen's vif names, pty paths and autoport ports</change>
    <action code="shut-down-source" severity="required">This is a dump of a running domain: shut the guest down cleanly on the Xen host before copying its disks; suspending or saving it is not enough (UCS Extended virtualization documentation, 2.1).</action>
  </xsl:template>

  <!-- Report: a dynamic security label goes. -->
  <xsl:template match="/domain/seclabel[@type = 'dynamic']" mode="x2k:report">
    <change code="seclabel-dropped">dynamic security label ({(@model, 'default')[1]}) dropped: the KVM host applies its own</change>
  </xsl:template>
</xsl:stylesheet>
