<?xml version="1.0" encoding="UTF-8"?>
<!--
  Disks: the disk list, in xl's syntax (xl-disk-configuration: positional
  target,format,vdev,access and key=value) or xm's (SOURCE,DEVICE,MODE with
  driver prefixes), each entry becoming the disk libvirt makes of it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:disks" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:disks-reads" as="xs:string*" select="'disk'"/>

  <!-- Image formats xl knows by name. -->
  <xsl:variable name="x2k:xl-disk-formats" as="xs:string+" select="'raw', 'qcow', 'qcow2', 'vhd', 'qed', 'empty'"/>

  <!-- disk = [ ... ]: one disk per string, in the config's order. -->
  <xsl:template match="xen-config" mode="x2k:disks">
    <xsl:variable name="setting" select="x2k:setting(., 'disk')"/>
    <xsl:variable name="hvm" select="x2k:os-type(.) = 'hvm'"/>
    <xsl:for-each select="x2k:strings(., 'disk')">
      <xsl:variable name="disk" select="
          if ($setting/ancestor::xen-config/@format = 'xm') then x2k:xm-disk($setting, .)
          else x2k:xl-disk($setting, .)"/>
      <xsl:call-template name="x2k:disk">
        <xsl:with-param name="disk" select="$disk"/>
        <xsl:with-param name="hvm" select="$hvm"/>
        <xsl:with-param name="setting" select="$setting"/>
        <xsl:with-param name="spec" select="."/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- One disk from its parsed entry: map with target, format, vdev, cdrom,
       readonly, shareable, driver and type. The bus follows the name (xvd: xen,
       sd: scsi, else ide) except in PV guests, where every disk is on Xen's bus;
       emulated disks get the drive address libvirt assigns from the name. -->
  <xsl:template name="x2k:disk">
    <xsl:param name="disk" as="map(*)"/>
    <xsl:param name="hvm" as="xs:boolean"/>
    <xsl:param name="setting" as="element(setting)"/>
    <xsl:param name="spec" as="xs:string"/>
    <xsl:if test="starts-with($disk?target, 'iscsi:') and not(contains($disk?target, 'portal='))">
      <xsl:sequence select="x2k:bad-item($setting, $spec, 'names no iSCSI portal (block-iscsi found it in dom0''s iSCSI node database): once the KVM host has logged in to the target, write the entry as phy:/dev/disk/by-path/ip-PORTAL-iscsi-' || substring-after($disk?target, 'iscsi:') || '-lun-0')"/>
    </xsl:if>
    <xsl:variable name="vdev" select="$disk?vdev"/>
    <xsl:if test="not(matches($vdev, '^(xvd|hd|sd|fd)[a-z]+[0-9]*$'))">
      <xsl:sequence select="x2k:bad-item($setting, $spec, 'no virtual device name (vdev) such as xvda or hda')"/>
    </xsl:if>
    <xsl:variable name="bus" select="
        if (starts-with($vdev, 'xvd') or not($hvm)) then 'xen'
        else if (starts-with($vdev, 'sd')) then 'scsi'
        else if (starts-with($vdev, 'fd')) then 'fdc'
        else 'ide'"/>
    <xsl:variable name="network" select="x2k:network-source($disk?target)"/>
    <!-- drbd:RESOURCE: the resource's device as drbd-utils' udev rules name it; a
         phy: device named without /dev/ (phy:hda1) is one in /dev, as xend read it -->
    <xsl:variable name="target" select="
        if (starts-with($disk?target, 'drbd:')) then '/dev/drbd/by-res/' || substring-after($disk?target, 'drbd:')
        else if ($disk?type = 'block' and $disk?target and not(starts-with($disk?target, '/'))
                 and empty($network)) then '/dev/' || $disk?target
        else $disk?target"/>
    <!-- a device node is a block device whatever the prefix said, as xl and xend
         found by stat() -->
    <xsl:variable name="type" select="
        if (exists($network)) then 'network'
        else if (starts-with($target, '/dev/')) then 'block'
        else $disk?type"/>
    <disk type="{$type}"
        device="{if ($disk?cdrom) then 'cdrom' else if ($bus = 'fdc') then 'floppy' else 'disk'}">
      <driver name="{if ($type = 'block' and $disk?driver = 'file') then 'phy' else $disk?driver}">
        <xsl:if test="$disk?format">
          <xsl:attribute name="type" select="$disk?format"/>
        </xsl:if>
      </driver>
      <xsl:choose>
        <xsl:when test="exists($network)">
          <xsl:sequence select="$network"/>
        </xsl:when>
        <xsl:when test="$target and $type = 'block'">
          <source dev="{$target}"/>
        </xsl:when>
        <xsl:when test="$target">
          <source file="{$target}"/>
        </xsl:when>
      </xsl:choose>
      <target dev="{$vdev}" bus="{$bus}"/>
      <xsl:if test="$disk?readonly">
        <readonly/>
      </xsl:if>
      <xsl:if test="$disk?shareable">
        <shareable/>
      </xsl:if>
      <xsl:variable name="index" select="x2k:disk-order($vdev)[1]"/>
      <xsl:choose>
        <xsl:when test="$bus = 'ide'">
          <address type="drive" controller="{$index idiv 4}" bus="{$index mod 4 idiv 2}" target="0" unit="{$index mod 2}"/>
        </xsl:when>
        <xsl:when test="$bus = 'scsi'">
          <address type="drive" controller="{$index idiv 7}" bus="0" target="0" unit="{$index mod 7}"/>
        </xsl:when>
        <xsl:when test="$bus = 'fdc'">
          <address type="drive" controller="0" bus="0" target="0" unit="{$index}"/>
        </xsl:when>
      </xsl:choose>
    </disk>
  </xsl:template>

  <!-- xl: a CD-ROM is read-only and raw, as libxl makes it. Items are key=value pairs, flags (cdrom, devtype words) and positional
       parameters filling target, format, vdev and access in turn; the older
       TARGET,VDEV,ACCESS form is taken when the second field names no format.
       target= takes the rest of the entry, commas included. Deprecated target
       prefixes: phy: is a block device, raw:/qcow:/qcow2:/vhd:/vmdk: name the
       format, file:, tap:, tap2:, tapdisk:, aio:, sync: and ioemu: are dropped.
       script=block-iscsi, block-nbd and block-drbd read the target as iscsi:,
       nbd: and drbd: do in xm (x2k:network-source). -->
  <xsl:function name="x2k:xl-disk" as="map(*)">
    <xsl:param name="setting" as="element(setting)"/>
    <xsl:param name="spec" as="xs:string"/>
    <xsl:variable name="target-named" select="analyze-string($spec, '(^|,)\s*target=')/*:match[1]"/>
    <xsl:variable name="before-target" select="string-length(string-join($target-named/preceding-sibling::node()))"/>
    <xsl:variable name="head" select="if ($target-named) then substring($spec, 1, $before-target) else $spec"/>
    <xsl:variable name="named-target" select="
        if ($target-named) then substring($spec, $before-target + string-length($target-named) + 1) else ()"/>
    <xsl:variable name="items" select="tokenize($head, ',') ! replace(., '^\s+', '')"/>
    <xsl:variable name="named" select="map:merge($items[contains(., '=')] !
        map:entry(substring-before(., '='), substring-after(., '=')), map{'duplicates': 'use-last'})"/>
    <xsl:variable name="flags" select="$items[not(contains(., '='))][. = ('cdrom', 'direct-io-safe', 'discard', 'no-discard', 'trusted', 'untrusted')]"/>
    <xsl:variable name="positional" select="
        let $all := $items[not(contains(., '='))][not(. = $flags)]
        return if ($all[last()] = '' and count($all) gt 4) then $all[position() lt last()] else $all"/>
    <xsl:variable name="legacy" select="count($positional) = 3 and not($positional[2] = ($x2k:xl-disk-formats, ''))"/>
    <xsl:variable name="fields" select="if ($legacy) then ($positional[1], '', $positional[2], $positional[3]) else $positional"/>
    <xsl:if test="count($fields) gt 4">
      <xsl:sequence select="x2k:bad-item($setting, $spec, 'more than four positional parameters (target,format,vdev,access)')"/>
    </xsl:if>
    <xsl:variable name="script" select="tokenize($named?script, '/')[last()]"/>
    <xsl:variable name="raw-target" select="
        let $given := ($named-target, $fields[1][. ne ''])[1]
        return if ($script = ('block-iscsi', 'block-nbd', 'block-drbd')) then substring-after($script, '-') || ':' || $given
        else $given"/>
    <xsl:variable name="prefixes" select="
        if (matches($raw-target, '^(rbd|nbd|iscsi|drbd):')) then ()
        else analyze-string($raw-target, '^((phy|file|tap|tap2|aio|sync|ioemu|raw|qcow|qcow2|vhd|vmdk|tapdisk):)+')/*:match/*:group ! substring-before(., ':')"/>
    <xsl:variable name="target" select="
        if (exists($prefixes)) then replace($raw-target, '^((phy|file|tap|tap2|aio|sync|ioemu|raw|qcow|qcow2|vhd|vmdk|tapdisk):)+', '')
        else $raw-target"/>
    <xsl:variable name="vdev-field" select="($named?vdev, $fields[3][. ne ''])[1]"/>
    <xsl:variable name="cdrom" select="$flags = 'cdrom' or $named?devtype = 'cdrom' or ends-with($vdev-field, ':cdrom')"/>
    <xsl:variable name="format" select="($named?format[. ne ''], $fields[2][. ne ''], $prefixes[. = ('raw', 'qcow', 'qcow2', 'vhd', 'vmdk')][last()])[1]"/>
    <xsl:if test="exists($format) and not($format = $x2k:xl-disk-formats)">
      <xsl:sequence select="x2k:bad-item($setting, $spec, 'unknown format ' || $format)"/>
    </xsl:if>
    <xsl:variable name="access" select="($named?access, $fields[4][. ne ''], 'rw')[1]"/>
    <xsl:variable name="backend" select="($named?backendtype, 'phy'[$prefixes = 'phy'])[1]"/>
    <xsl:sequence select="map{
        'target': $target[. ne ''],
        'vdev': replace($vdev-field, ':(cdrom|disk)$', ''),
        'cdrom': $cdrom,
        'readonly': $cdrom or $access = ('r', 'ro'),
        'shareable': $access = ('w!', '!'),
        'format': if ($cdrom) then 'raw'
                  else if ($format = 'empty') then ()
                  else ($format, 'raw')[1],
        'driver': if ($cdrom) then 'qemu' else if ($backend = 'phy') then 'phy' else if ($backend = 'tap') then 'tap' else 'qemu',
        'type': if (not($cdrom) and $backend = 'phy') then 'block' else 'file'}"/>
  </xsl:function>

  <!-- xm: SOURCE,DEVICE,MODE. SOURCE is DRIVER:PATH (phy, file, tap, tap2; no
       driver means phy; nbd, iscsi and drbd name a block script's device, read by
       x2k:network-source) and tap's PATH starts with the image type (aio and sync
       are raw; tap2 may put tapdisk: first);
       DEVICE may carry ioemu: before and :cdrom or :disk after; MODE r (or ro) is
       read-only, w! or ! shared. -->
  <xsl:function name="x2k:xm-disk" as="map(*)">
    <xsl:param name="setting" as="element(setting)"/>
    <xsl:param name="spec" as="xs:string"/>
    <xsl:if test="not(contains(substring-after($spec, ','), ','))">
      <xsl:sequence select="x2k:bad-item($setting, $spec, 'not SOURCE,DEVICE,MODE')"/>
    </xsl:if>
    <xsl:variable name="source" select="substring-before($spec, ',')"/>
    <xsl:variable name="device" select="replace(substring-before(substring-after($spec, ','), ','), '^ioemu:', '')"/>
    <xsl:variable name="mode" select="substring-after(substring-after($spec, ','), ',')"/>
    <xsl:variable name="driver" select="if (contains($source, ':')) then substring-before($source, ':') else 'phy'"/>
    <xsl:variable name="remote" select="$driver = ('nbd', 'iscsi', 'drbd')"/>
    <!-- tap2's tapdisk: names the blktap2 driver before the image type -->
    <xsl:variable name="path" select="
        if ($remote) then $source
        else replace(if (contains($source, ':')) then substring-after($source, ':') else $source, '^tapdisk:', '')"/>
    <xsl:variable name="tap" select="$driver = ('tap', 'tap2')"/>
    <xsl:if test="$tap and not(contains($path, ':'))">
      <xsl:sequence select="x2k:bad-item($setting, $spec, $driver || ': needs the image type, as in tap:aio:/path')"/>
    </xsl:if>
    <xsl:variable name="image-type" select="if ($tap) then substring-before($path, ':') else ()"/>
    <xsl:if test="$tap and not($image-type = ('aio', 'sync', 'qcow', 'qcow2', 'vhd', 'vmdk', 'ram'))">
      <xsl:sequence select="x2k:bad-item($setting, $spec, 'unknown image type ' || $driver || ':' || $image-type)"/>
    </xsl:if>
    <xsl:sequence select="map{
        'target': (if ($tap) then substring-after($path, ':') else $path)[. ne ''],
        'vdev': replace($device, ':(cdrom|disk)$', ''),
        'cdrom': ends-with($device, ':cdrom'),
        'readonly': $mode = ('r', 'ro'),
        'shareable': $mode = ('w!', '!'),
        'format': if ($image-type = ('aio', 'sync', 'ram') or not($tap)) then 'raw' else $image-type,
        'driver': if ($remote) then 'qemu' else $driver,
        'type': if ($driver = 'phy') then 'block' else 'file'}"/>
  </xsl:function>

  <!-- A disk Xen's block scripts reached over the network, as libvirt's QEMU
       driver reaches it: rbd: (QEMU's syntax, x2k:rbd-source); nbd:HOST PORT (or
       HOST:PORT), block-nbd's server; iscsi:IQN, block-iscsi's target, logged in
       on its portal (xl: iqn=IQN,portal=ADDRESS), LUN 0; drbd:RESOURCE, the DRBD
       resource's device as drbd-utils names it, a block device on the KVM host
       (an iscsi: without portal is refused by x2k:disk: libvirt needs the server).
       Empty for a local disk. -->
  <xsl:function name="x2k:network-source" as="element(source)?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="scheme" select="substring-before($target, ':')"/>
    <xsl:variable name="rest" select="substring-after($target, ':')"/>
    <xsl:choose>
      <xsl:when test="$scheme = 'rbd'">
        <xsl:sequence select="x2k:rbd-source($target)"/>
      </xsl:when>
      <xsl:when test="$scheme = 'nbd'">
        <xsl:variable name="parts" select="tokenize(normalize-space(replace($rest, '^([^:]+):([0-9]+)$', '$1 $2')), ' ')"/>
        <source protocol="nbd">
          <host name="{$parts[1]}">
            <xsl:if test="$parts[2]">
              <xsl:attribute name="port" select="$parts[2]"/>
            </xsl:if>
          </host>
        </source>
      </xsl:when>
      <xsl:when test="$scheme = 'iscsi'">
        <xsl:variable name="options" select="map:merge(tokenize($rest, ',')[contains(., '=')] ! map:entry(substring-before(., '='), substring-after(., '=')))"/>
        <source protocol="iscsi" name="{($options?iqn, $rest)[1]}/0">
          <xsl:if test="$options?portal">
            <host name="{replace($options?portal, ':[0-9]+$', '')}">
              <xsl:if test="matches($options?portal, ':[0-9]+$')">
                <xsl:attribute name="port" select="replace($options?portal, '^.*:', '')"/>
              </xsl:if>
            </host>
          </xsl:if>
        </source>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <!-- rbd:POOL/IMAGE[:key=value...] (QEMU's syntax, \: and \; escaped): the
       network source libvirt makes of it, one host per mon_host entry. -->
  <xsl:function name="x2k:rbd-source" as="element(source)">
    <xsl:param name="target" as="xs:string"/>
    <xsl:variable name="fields" select="tokenize(replace(substring-after($target, 'rbd:'), '\\:', '&#xE000;'), ':')
        ! replace(., '&#xE000;', ':')"/>
    <xsl:variable name="options" select="map:merge($fields[position() gt 1] ! map:entry(substring-before(., '='), substring-after(., '=')))"/>
    <source protocol="rbd" name="{$fields[1]}">
      <xsl:for-each select="tokenize($options?mon_host, '\\?;')[. ne '']">
        <host name="{replace(., ':[0-9]+$', '')}">
          <xsl:if test="matches(., ':[0-9]+$')">
            <xsl:attribute name="port" select="replace(., '^.*:', '')"/>
          </xsl:if>
        </host>
      </xsl:for-each>
      <xsl:if test="$options?conf">
        <config file="{$options?conf}"/>
      </xsl:if>
    </source>
  </xsl:function>
</xsl:stylesheet>
