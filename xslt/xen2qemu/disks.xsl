<?xml version="1.0" encoding="UTF-8"?>
<!--
  Block devices: Xen's disk backends become QEMU's block layer; Xen's
  paravirtual disks move to virtio (CD-ROMs to IDE or SATA, floppies to the
  floppy controller); names are planned so that they never collide and follow
  the order the guest knew its disks in.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Xen's backend drivers: blktap (tap, tap2), block devices (phy), loop-mounted
       files (file). QEMU opens all of them itself. -->
  <xsl:variable name="xen-disk-backends" as="xs:string+" select="'tap', 'tap2', 'phy', 'file'"/>

  <!-- Step 2.5.1: a Xen backend becomes driver 'qemu'; every image format is spelt
       the QEMU way (step 2.5.1.2: blktap's 'aio' is a raw image), or is $disk-format
       for raw image files converted with qemu-img (seed 000, step 5); step 2.5.1.3:
       cache mode $disk-cache where the driver names none. Attributes keep their
       order. -->
  <xsl:template match="/domain/devices/disk/driver">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:variable name="format" as="xs:string?" select="x2k:image-format(..)"/>
      <xsl:if test="not(@type) and exists($format)">
        <xsl:attribute name="type" select="$format"/>
      </xsl:if>
      <xsl:if test="$disk-cache and not(@cache)">
        <xsl:attribute name="cache" select="$disk-cache"/>
      </xsl:if>
    </xsl:copy>
  </xsl:template>

  <!-- Any other backend name goes too: libvirt's QEMU driver takes only 'qemu'. -->
  <xsl:template match="/domain/devices/disk/driver/@name[. ne 'qemu']">
    <xsl:attribute name="name">qemu</xsl:attribute>
  </xsl:template>

  <xsl:template match="/domain/devices/disk/driver/@type">
    <xsl:attribute name="type" select="x2k:image-format(../..)"/>
  </xsl:template>

  <!-- Step 2.5.2: a disk whose bus changes, or whose name is a partition's, gets the
       bus and name planned by x2k:target-plan. -->
  <xsl:template match="/domain/devices/disk/target[x2k:is-renamed(.)]">
    <xsl:variable name="bus-and-dev" as="xs:string+"
        select="x2k:target-plan(ancestor::devices[1])(generate-id(.))"/>
    <target dev="{$bus-and-dev[2]}" bus="{$bus-and-dev[1]}">
      <xsl:apply-templates select="@* except (@dev, @bus)"/>
    </target>
  </xsl:template>

  <!-- A drive address belongs to the controller the disk leaves; libvirt assigns
       the new one from the name. -->
  <xsl:template match="/domain/devices/disk[target[x2k:is-renamed(.)]]/address[@type = 'drive']"/>

  <!-- A copied disk (copy-storage option, issue 33's "the converted domain names the
       new volumes") names its copy: a file, or a block device where the target pool
       is made of them (LVM). Its format follows from the copy (x2k:image-format). -->
  <xsl:template match="/domain/devices/disk[exists(x2k:copy(.))]/@type">
    <xsl:attribute name="type" select="x2k:copy(..)?type"/>
  </xsl:template>

  <xsl:template match="/domain/devices/disk[exists(x2k:copy(.))]/source">
    <xsl:if test="empty(../driver)">
      <driver name="qemu" type="{x2k:copy(..)?format}"/>
    </xsl:if>
    <source>
      <xsl:attribute name="{if (x2k:copy(..)?type = 'block') then 'dev' else 'file'}" select="x2k:copy(..)?path"/>
    </source>
  </xsl:template>

  <!-- The copy of $disk, if x2k copied it. -->
  <xsl:function name="x2k:copy" as="map(xs:string, xs:string)?">
    <xsl:param name="disk" as="element(disk)"/>
    <xsl:sequence select="$disk-copies(string($disk/target/@dev))"/>
  </xsl:function>

  <!-- Xen driver domains (backenddomain) do not exist under KVM. -->
  <xsl:template match="/domain/devices/disk/backenddomain"/>

  <!-- The format of a disk's image as the Xen definition says it, QEMU's way: what
       x2k reads a disk to copy it as. -->
  <xsl:function name="x2k:declared-format" as="xs:string?">
    <xsl:param name="disk" as="element(disk)"/>
    <xsl:variable name="driver" as="element(driver)?" select="$disk/driver"/>
    <xsl:sequence select="
        if ($driver/@type = ('aio', '')) then 'raw'
        else if ($driver/@type = 'vhd') then 'vpc'
        else if ($driver/@type) then string($driver/@type)
        else if ($driver/@name = $xen-disk-backends) then 'raw'
        else ()"/>
  </xsl:function>

  <!-- The format QEMU is told for a disk: Xen's names spelt QEMU's way (blktap's aio
       and Xen backends without a type are raw, vhd is QEMU's vpc), $disk-format for
       raw image files when given; empty where the driver names none and is QEMU's. -->
  <xsl:function name="x2k:image-format" as="xs:string?">
    <xsl:param name="disk" as="element(disk)"/>
    <xsl:variable name="named" as="xs:string?" select="x2k:declared-format($disk)"/>
    <xsl:sequence select="
        if (exists(x2k:copy($disk))) then x2k:copy($disk)?format
        else if ($disk-format and $named = 'raw' and $disk/@type = 'file'
            and not($disk/@device = ('cdrom', 'floppy'))) then $disk-format
        else $named"/>
  </xsl:function>

  <!-- The bus a target is on: named, or implied by its name as libvirt does. -->
  <xsl:function name="x2k:current-bus" as="xs:string">
    <xsl:param name="target" as="element(target)"/>
    <xsl:sequence select="
        if ($target/@bus) then string($target/@bus)
        else if (starts-with($target/@dev, 'xvd')) then 'xen'
        else if (starts-with($target/@dev, 'hd')) then 'ide'
        else if (starts-with($target/@dev, 'sd')) then 'scsi'
        else if (starts-with($target/@dev, 'vd')) then 'virtio'
        else if (starts-with($target/@dev, 'fd')) then 'fdc'
        else 'unknown'"/>
  </xsl:function>

  <!-- The bus a disk goes to. Everything a PV guest has is paravirtual, whatever its
       name, and so is every disk Xen named or put on a bus KVM lacks; CD-ROMs never go to virtio, floppies stay on the floppy controller, and a
       q35 machine has no IDE. -->
  <xsl:function name="x2k:new-bus" as="xs:string">
    <xsl:param name="target" as="element(target)"/>
    <xsl:variable name="device" as="xs:string" select="($target/../@device, 'disk')[1]"/>
    <xsl:variable name="bus" as="xs:string" select="x2k:current-bus($target)"/>
    <!-- Xen's own name (xvd*) or a bus QEMU has not (xen, uml) is a paravirtual disk
         whatever else the target says -->
    <xsl:variable name="paravirtual" as="xs:boolean"
        select="$bus = ('xen', 'uml') or starts-with($target/@dev, 'xvd')
                or x2k:was-paravirtual(root($target)/domain)"/>
    <xsl:variable name="chosen" as="xs:string" select="
        if ($device = 'floppy') then (if ($bus = ('xen', 'uml') or starts-with($target/@dev, 'xvd')) then 'fdc' else $bus)
        else if ($device = 'cdrom') then (if ($paravirtual) then $x2k:cdrom-bus else $bus)
        else if (x2k:hvm-emulated-xen-disk($target)) then ($emulated-disk-bus[.], 'ide')[1]
        else if ($paravirtual) then ($disk-bus[.], 'virtio')[1]
        else if ($emulated-disk-bus) then $emulated-disk-bus
        else $bus"/>
    <xsl:sequence select="if ($chosen = 'ide' and $x2k:q35) then 'sata' else $chosen"/>
  </xsl:function>

  <!-- An HVM guest's disk on Xen's bus (xvdX): QEMU emulated it as an IDE disk that
       the guest's PV drivers could unplug. It stays emulated unless the guest is known
       to have virtio drivers or the disk-bus option says where it goes: Windows without
       them cannot boot from a virtio disk (INACCESSIBLE_BOOT_DEVICE). -->
  <xsl:function name="x2k:hvm-emulated-xen-disk" as="xs:boolean">
    <xsl:param name="target" as="element(target)"/>
    <xsl:sequence select="not(x2k:was-paravirtual(root($target)/domain))
                          and ($target/@bus = 'xen' or starts-with($target/@dev, 'xvd'))
                          and $disk-bus = '' and not($virtio-known)"/>
  </xsl:function>

  <xsl:variable name="x2k:cdrom-bus" as="xs:string"
      select="if ($cdrom-bus) then $cdrom-bus else if ($x2k:q35) then 'sata' else 'ide'"/>

  <!-- Whether a target gets a new bus or name: it changes bus, its name is a
       partition's (xvda1: one image per partition, as xen-tools made them), or its
       name does not fit its bus. -->
  <xsl:function name="x2k:is-renamed" as="xs:boolean">
    <xsl:param name="target" as="element(target)"/>
    <xsl:variable name="bus" as="xs:string" select="x2k:new-bus($target)"/>
    <xsl:variable name="prefix" as="xs:string" select="x2k:disk-prefix($bus)"/>
    <xsl:sequence select="$prefix ne ''
                          and ($bus ne x2k:current-bus($target)
                               or matches($target/@dev, '[0-9]$')
                               or not(starts-with($target/@dev, $prefix)))"/>
  </xsl:function>

  <!-- New bus and name of every renamed disk, keyed by generate-id() of its target.
       libvirt keeps disks sorted by name, and the guest finds virtio disks in that
       order, so renamed disks are numbered in the order Xen numbered them (xvda,
       xvda1, xvda2, xvdb, ...) on the first names their bus has free: xvda and xvdc
       become vda and vdb, which is what the guest will call them. Names of disks that
       keep theirs are never reused. -->
  <xsl:function name="x2k:target-plan" as="map(xs:string, xs:string+)" cache="yes">
    <xsl:param name="devices" as="element(devices)"/>
    <xsl:variable name="targets" as="element(target)*" select="$devices/disk/target"/>
    <xsl:variable name="renamed" as="element(target)*" select="$targets[x2k:is-renamed(.)]"/>
    <xsl:iterate select="sort($renamed, (), function($target) {
                           x2k:disk-prefix(x2k:new-bus($target)), x2k:disk-order($target/@dev) })">
      <!-- names in use, as map keys: looked up in constant time -->
      <xsl:param name="taken" as="map(xs:string, xs:boolean)"
          select="map:merge(($targets except $renamed)/@dev ! map:entry(string(.), true()))"/>
      <!-- per prefix, the suffix number to try first: names are handed out in increasing
           order, so no search starts again from 'a' -->
      <xsl:param name="next" as="map(xs:string, xs:integer)" select="map{}"/>
      <xsl:param name="plan" as="map(xs:string, xs:string+)" select="map{}"/>
      <xsl:on-completion select="$plan"/>
      <xsl:variable name="bus" as="xs:string" select="x2k:new-bus(.)"/>
      <xsl:variable name="prefix" as="xs:string" select="x2k:disk-prefix($bus)"/>
      <xsl:variable name="index" as="xs:integer"
          select="x2k:first-free-index($prefix, $taken, ($next($prefix), 0)[1])"/>
      <xsl:variable name="dev" as="xs:string" select="$prefix || x2k:disk-suffix($index)"/>
      <xsl:next-iteration>
        <xsl:with-param name="taken" select="map:put($taken, $dev, true())"/>
        <xsl:with-param name="next" select="map:put($next, $prefix, $index + 1)"/>
        <xsl:with-param name="plan" select="map:put($plan, generate-id(.), ($bus, $dev))"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- The name a disk the guest knew as $old (xvda2, or xvda2 as a partition of disk
       xvda) has after the conversion; empty if no disk answers to it. -->
  <xsl:function name="x2k:new-device-name" as="xs:string?" visibility="public">
    <xsl:param name="devices" as="element(devices)"/>
    <xsl:param name="old" as="xs:string"/>
    <xsl:variable name="exact" as="element(target)?" select="($devices/disk/target[@dev = $old])[1]"/>
    <xsl:variable name="whole-disk" as="xs:string" select="replace($old, '[0-9]+$', '')"/>
    <xsl:variable name="container" as="element(target)?"
        select="($devices/disk/target[@dev = $whole-disk])[1]"/>
    <xsl:sequence select="
        if (exists($exact)) then x2k:final-name($exact)
        else if (exists($container) and $whole-disk ne $old)
          then x2k:final-name($container) || substring($old, string-length($whole-disk) + 1)
        else ()"/>
  </xsl:function>

  <xsl:function name="x2k:final-name" as="xs:string" visibility="public">
    <xsl:param name="target" as="element(target)"/>
    <xsl:sequence select="if (x2k:is-renamed($target))
                          then x2k:target-plan($target/ancestor::devices[1])(generate-id($target))[2]
                          else string($target/@dev)"/>
  </xsl:function>

  <!-- The name prefix libvirt expects on each bus; empty for a bus x2k knows no
       names for, whose disks it leaves as they are. -->
  <xsl:function name="x2k:disk-prefix" as="xs:string">
    <xsl:param name="bus" as="xs:string"/>
    <xsl:sequence select="
        if ($bus = 'virtio') then 'vd'
        else if ($bus = 'ide') then 'hd'
        else if ($bus = ('sata', 'scsi', 'usb')) then 'sd'
        else if ($bus = 'fdc') then 'fd'
        else if ($bus = 'xen') then 'xvd'
        else ''"/>
  </xsl:function>

  <!-- The first suffix number, from $index on, whose name prefix + suffix is not in
       $taken. Iterative: a domain may take thousands of names before a free one. -->
  <xsl:function name="x2k:first-free-index" as="xs:integer">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="taken" as="map(xs:string, xs:boolean)"/>
    <xsl:param name="index" as="xs:integer"/>
    <xsl:iterate select="$index to $index + map:size($taken)">
      <xsl:on-completion select="$index + map:size($taken) + 1"/>
      <xsl:if test="not(map:contains($taken, $prefix || x2k:disk-suffix(.)))">
        <xsl:break select="."/>
      </xsl:if>
    </xsl:iterate>
  </xsl:function>

  <!-- Report, once for all disks: drivers, formats, cache, the renaming map and what
       the guest must change, what the KVM host must hold. -->
  <xsl:template match="/domain/devices/disk[x2k:is-first-of-kind(., 'disk')]" mode="x2k:report" priority="1">
    <xsl:variable name="disks" as="element(disk)+" select="../disk"/>
    <xsl:variable name="xen-drivers" as="xs:string*" select="distinct-values($disks/driver/@name[. ne 'qemu'])"/>
    <xsl:if test="exists($xen-drivers)">
      <change code="disk-driver">disk drivers {x2k:list($xen-drivers)} → qemu</change>
    </xsl:if>
    <xsl:for-each select="$disks[driver][string(x2k:image-format(.)) ne string(driver/@type)][driver/@type]">
      <change code="disk-format">format of {x2k:source(.)}: {driver/@type} → {x2k:image-format(.)}</change>
    </xsl:for-each>
    <xsl:variable name="declared-converted" as="element(disk)*"
        select="$disks[empty(x2k:copy(.))][$disk-format and $disk-format ne 'raw' and x2k:image-format(.) = $disk-format and not(driver/@type = $disk-format)]"/>
    <xsl:if test="exists($declared-converted)">
      <action code="convert-images" severity="required">The definition now says {$disk-format} for {x2k:list($declared-converted ! x2k:source(.))}: convert each before the first boot, e.g. qemu-img convert -f raw -O {$disk-format} IMAGE IMAGE.new &amp;&amp; mv IMAGE.new IMAGE (UCS Extended virtualization documentation, 2.1).</action>
    </xsl:if>
    <xsl:variable name="cached" as="element(disk)*" select="$disks[$disk-cache][driver][not(driver/@cache)]"/>
    <xsl:if test="exists($cached)">
      <change code="disk-cache">cache='{$disk-cache}' on {x2k:list($cached ! x2k:final-name(target))}</change>
      <xsl:if test="$disk-cache = 'none'">
        <action code="cache-none" severity="info">cache='none' bypasses the KVM host's page cache: it keeps live migration safe, and needs storage that supports O_DIRECT (not tmpfs).</action>
      </xsl:if>
    </xsl:if>
    <xsl:variable name="renamed" as="element(target)*" select="$disks/target[x2k:is-renamed(.)]"/>
    <xsl:if test="exists($renamed)">
      <change code="disk-renamed">disks renamed: {x2k:list($renamed ! (@dev || ' → ' || x2k:final-name(.) || ' (' || x2k:new-bus(.) || ')'))}</change>
      <xsl:for-each select="$renamed">
        <device from="{@dev}" to="{x2k:final-name(.)}" bus="{x2k:new-bus(.)}"/>
      </xsl:for-each>
      <xsl:variable name="guest-disks" as="element(target)*" select="$renamed[not(../@device = ('cdrom', 'floppy'))]"/>
      <xsl:if test="exists($guest-disks)">
        <action code="guest-disk-names" severity="required">Inside the guest, the disks have new names ({x2k:list($guest-disks ! (@dev || ' → ' || x2k:final-name(.)))}): use UUID= or LABEL= (or the new names) in /etc/fstab, and check /boot/grub/device.map, GRUB's kernel command line (root=, resume=), /etc/crypttab and the initramfs resume setting.</action>
      </xsl:if>
      <xsl:variable name="partition-images" as="element(target)*" select="$renamed[matches(@dev, '[0-9]$')]"/>
      <xsl:if test="exists($partition-images)">
        <action code="partition-images" severity="required">{x2k:list($partition-images/@dev)} were images of single partitions (one image per partition): x2k attached each as a whole disk ({x2k:list($partition-images ! x2k:final-name(.))}). Such disks have no partition table or bootloader, so the guest cannot boot from BIOS: keep direct kernel boot, or copy the filesystems into one partitioned disk image with GRUB on it.</action>
      </xsl:if>
    </xsl:if>
    <xsl:variable name="kept-emulated" as="element(target)*" select="$disks[not(@device = ('cdrom', 'floppy'))]/target[x2k:hvm-emulated-xen-disk(.)][x2k:new-bus(.) ne 'virtio']"/>
    <xsl:if test="exists($kept-emulated)">
      <action code="hvm-xen-disks" severity="info">{x2k:list($kept-emulated/@dev)} of this HVM guest {if (count($kept-emulated) = 1) then 'was an emulated disk' else 'were emulated disks'} that Xen's PV drivers took over: on KVM {if (count($kept-emulated) = 1) then 'it stays' else 'they stay'} emulated ({x2k:list($kept-emulated ! (x2k:final-name(.) || ' on ' || x2k:new-bus(.)))}), so that the guest boots without virtio drivers. Once it has them (x2k convert --guest adds them to a Linux guest), convert with --disk-bus virtio.</action>
    </xsl:if>
    <xsl:for-each select="$disks[exists(x2k:copy(.))]">
      <change code="disk-copied">disk {target/@dev}: {x2k:source(.)} copied to {x2k:copy(.)?path} ({x2k:copy(.)?format})</change>
    </xsl:for-each>
    <xsl:variable name="local" as="element(disk)*" select="$disks[source][not(@type = 'network')][empty(x2k:copy(.))]"/>
    <xsl:if test="exists($local)">
      <action code="copy-storage" severity="required">Copy, or make reachable, on the KVM host at the same paths: {x2k:list($local ! x2k:source(.))}.</action>
    </xsl:if>
    <xsl:variable name="remote" as="element(disk)*" select="$disks[@type = 'network']"/>
    <xsl:if test="exists($remote)">
      <action code="network-storage" severity="required">The KVM host reaches these disks over the network, as Xen's block scripts did: {x2k:list($remote ! x2k:network-disk(.))}. Check that it may (ACLs, iSCSI initiator name, secrets) before the first boot.</action>
    </xsl:if>
    <!-- the same paths as data, for code that acts on them (the define option of x2k convert) -->
    <xsl:for-each select="$local">
      <storage path="{x2k:source(.)}" device="{@device}"/>
    </xsl:for-each>
    <!-- this device's own report, if another module makes one -->
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="/domain/devices/disk/backenddomain" mode="x2k:report">
    <change code="backend-domain-dropped">disk {../target/@dev}: Xen driver domain {@name} dropped</change>
  </xsl:template>

  <!-- A network disk as the administrator knows it: protocol, name and servers. -->
  <xsl:function name="x2k:network-disk" as="xs:string">
    <xsl:param name="disk" as="element(disk)"/>
    <xsl:variable name="source" as="element(source)?" select="$disk/source"/>
    <xsl:variable name="hosts" as="xs:string*" select="$source/host ! string-join((@name, @port), ':')"/>
    <xsl:sequence select="string-join(($source/@protocol, $source/@name,
        if (exists($hosts)) then 'on ' || string-join($hosts, ', ') else 'with no server named'), ' ')
        || ' (' || $disk/target/@dev || ')'"/>
  </xsl:function>

  <!-- A disk's source as the administrator knows it. -->
  <xsl:function name="x2k:source" as="xs:string">
    <xsl:param name="disk" as="element(disk)"/>
    <xsl:sequence select="string(($disk/source/(@file, @dev, @name, @volume, @dir), '(no source)')[1])"/>
  </xsl:function>
</xsl:stylesheet>
