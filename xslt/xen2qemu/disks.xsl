<?xml version="1.0" encoding="UTF-8"?>
<!--
  Block devices: Xen's disk backends become QEMU's block layer, and disks on
  Xen's paravirtual bus move to virtio (CD-ROMs to IDE) under names that stay
  unique.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <!-- Xen's backend drivers: blktap (tap, tap2), block devices (phy), loop-mounted
       files (file). QEMU opens all of them itself. -->
  <xsl:variable name="xen-disk-backends" as="xs:string+" select="'tap', 'tap2', 'phy', 'file'"/>

  <!-- Step 2.5.1: a Xen backend becomes driver 'qemu' with the image format spelt the
       QEMU way (step 2.5.1.2: blktap's 'aio' is a raw image); step 2.5.1.3: cache
       mode $disk-cache where the driver names none. -->
  <xsl:template match="/domain/devices/disk/driver">
    <xsl:variable name="xen-backend" as="xs:boolean" select="@name = $xen-disk-backends"/>
    <xsl:copy>
      <xsl:if test="$xen-backend">
        <xsl:attribute name="name">qemu</xsl:attribute>
        <xsl:attribute name="type" select="x2k:image-format(@type)"/>
      </xsl:if>
      <xsl:apply-templates select="if ($xen-backend) then @* except (@name, @type) else @*"/>
      <xsl:if test="$disk-cache and not(@cache)">
        <xsl:attribute name="cache" select="$disk-cache"/>
      </xsl:if>
    </xsl:copy>
  </xsl:template>

  <!-- Step 2.5.2: a disk on Xen's bus moves to $disk-bus, a CD-ROM to $cdrom-bus,
       under the name planned for it by x2k:target-plan. -->
  <xsl:template match="/domain/devices/disk/target[x2k:on-xen-bus(.)]">
    <xsl:variable name="bus-and-dev" as="xs:string+"
        select="x2k:target-plan(ancestor::devices[1])(generate-id(.))"/>
    <target dev="{$bus-and-dev[2]}" bus="{$bus-and-dev[1]}">
      <xsl:apply-templates select="@* except (@dev, @bus)"/>
    </target>
  </xsl:template>

  <!-- The format QEMU calls Xen's image type: blktap's aio and an unnamed type are
       raw, Xen's vhd is QEMU's vpc; qcow, qcow2, qed and vmdk keep their names. -->
  <xsl:function name="x2k:image-format" as="xs:string">
    <xsl:param name="xen-type" as="attribute(type)?"/>
    <xsl:sequence select="
        if (empty($xen-type) or $xen-type = ('aio', 'raw', '')) then 'raw'
        else if ($xen-type = 'vhd') then 'vpc'
        else string($xen-type)"/>
  </xsl:function>

  <!-- A target on Xen's paravirtual bus, named or implied by an xvd* name. -->
  <xsl:function name="x2k:on-xen-bus" as="xs:boolean">
    <xsl:param name="target" as="element(target)"/>
    <xsl:sequence select="$target/@bus = 'xen'
                          or (empty($target/@bus) and starts-with($target/@dev, 'xvd'))"/>
  </xsl:function>

  <!-- New bus and name for every disk leaving Xen's bus, keyed by generate-id() of
       its target. Whole-disk names keep their letter (xvdb becomes vdb), so the
       guest sees its disks in the same order; names that cannot be kept, such as
       the partitions of a partition-per-image guest (xvda1, xvda2), or a letter
       already in use, take the first free name in document order. Names of the
       disks that stay where they are are never reused. -->
  <xsl:function name="x2k:target-plan" as="map(xs:string, xs:string+)" cache="yes">
    <xsl:param name="devices" as="element(devices)"/>
    <xsl:variable name="moving" as="element(target)*"
        select="$devices/disk/target[x2k:on-xen-bus(.)]"/>
    <xsl:variable name="whole-disks" as="element(target)*"
        select="$moving[matches(@dev, '^xvd[a-z]+$')]"/>
    <xsl:iterate select="$whole-disks, ($moving except $whole-disks)">
      <xsl:param name="taken" as="xs:string*"
          select="($devices/disk/target except $moving)/@dev ! string()"/>
      <xsl:param name="plan" as="map(xs:string, xs:string+)" select="map{}"/>
      <xsl:on-completion select="$plan"/>
      <xsl:variable name="bus" as="xs:string"
          select="if (../@device = 'cdrom') then $cdrom-bus else $disk-bus"/>
      <xsl:variable name="prefix" as="xs:string" select="x2k:disk-prefix($bus)"/>
      <xsl:variable name="kept" as="xs:string?"
          select="if (matches(@dev, '^xvd[a-z]+$')) then $prefix || substring(@dev, 4) else ()"/>
      <xsl:variable name="dev" as="xs:string"
          select="if (exists($kept) and not($kept = $taken)) then $kept
                  else x2k:first-free-name($prefix, $taken, 0)"/>
      <xsl:next-iteration>
        <xsl:with-param name="taken" select="$taken, $dev"/>
        <xsl:with-param name="plan" select="map:put($plan, generate-id(.), ($bus, $dev))"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- The name prefix libvirt expects on each bus. -->
  <xsl:function name="x2k:disk-prefix" as="xs:string">
    <xsl:param name="bus" as="xs:string"/>
    <xsl:sequence select="
        if ($bus = 'virtio') then 'vd'
        else if ($bus = 'ide') then 'hd'
        else if ($bus = ('sata', 'scsi', 'usb')) then 'sd'
        else x2k:fail('bad-parameter', 'no disk names known for bus ''' || $bus
                      || ''' (use virtio, ide, sata, scsi or usb)')"/>
  </xsl:function>

  <!-- The first name prefix + suffix, from suffix number $index on, not in $taken. -->
  <xsl:function name="x2k:first-free-name" as="xs:string">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="taken" as="xs:string*"/>
    <xsl:param name="index" as="xs:integer"/>
    <xsl:variable name="name" select="$prefix || x2k:disk-suffix($index)"/>
    <xsl:sequence select="if ($name = $taken) then x2k:first-free-name($prefix, $taken, $index + 1)
                          else $name"/>
  </xsl:function>
</xsl:stylesheet>
