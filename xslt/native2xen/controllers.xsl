<?xml version="1.0" encoding="UTF-8"?>
<!--
  Controllers: Xen's bus with its limits, xl's USB controllers, and the
  controllers libvirt adds for the emulated disks it finds.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:controllers" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:controllers-reads" as="xs:string*"
      select="'max_event_channels', 'max_grant_frames', 'usbctrl'"/>

  <!-- xenbus: every Xen guest's; max_event_channels and max_grant_frames (xl) are
       its limits. usbctrl = ["type=qusb,version=1|2,ports=N"]: QEMU-emulated USB
       controllers (xl's other types, pv and devicemodel, have no libvirt form).
       Then one controller per kind of emulated disk in $disks, as libvirt adds them. -->
  <xsl:template match="xen-config" mode="x2k:controllers">
    <xsl:param name="disks" as="element(disk)*" required="yes"/>
    <controller type="xenbus" index="0">
      <xsl:if test="x2k:integer(., 'max_event_channels') gt 0">
        <xsl:attribute name="maxEventChannels" select="x2k:integer(., 'max_event_channels')"/>
      </xsl:if>
      <xsl:if test="x2k:integer(., 'max_grant_frames') gt 0">
        <xsl:attribute name="maxGrantFrames" select="x2k:integer(., 'max_grant_frames')"/>
      </xsl:if>
    </controller>
    <xsl:variable name="setting" select="x2k:setting(., 'usbctrl')"/>
    <xsl:for-each select="x2k:strings(., 'usbctrl')">
      <xsl:variable name="options" select="x2k:options(.)"/>
      <xsl:if test="not(($options?type, 'qusb')[1] = ('qusb', 'auto'))">
        <xsl:sequence select="x2k:bad-item($setting, ., 'only type=qusb (QEMU''s emulated USB) has a libvirt form')"/>
      </xsl:if>
      <controller type="usb" index="{position() - 1}"
          model="{if ($options?version = '1') then 'qusb1' else 'qusb2'}"
          ports="{($options?ports, '8')[1]}"/>
    </xsl:for-each>
    <xsl:for-each select="distinct-values($disks/target/@bus[. = ('ide', 'scsi', 'fdc')])">
      <controller type="{.}" index="0"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
