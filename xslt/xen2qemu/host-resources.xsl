<?xml version="1.0" encoding="UTF-8"?>
<!--
  host-resources.xsl: what in a definition reaches into the host QEMU runs on.
  A definition comes from another machine (virsh dumpxml on the Xen host, or a
  file from it); its paths, devices and labels named that machine's resources,
  and on the KVM host the same names are this host's: <initrd>/etc/shadow</initrd>
  or <filesystem><source dir='/'/> would hand the guest this host's files,
  <serial type='file'> or <nvram> would let QEMU write them, <seclabel
  type='none'> would run QEMU unconfined, a PCI address would take this host's
  own device away from it. Such elements are taken out (confined) before the
  conversion proper, each replaced by what the guest can keep without the host
  (a character device becomes a pty, a random source /dev/urandom) or dropped,
  and each is reported as a required action. allow-host-resources (x2k's
  option of that name) keeps them, for a definition the administrator wrote.

  Kept, because they name nothing of the host's beyond what libvirt manages:
  networks and bridges (the administrator maps them), TCP/UDP character
  devices, libvirt's own emulated devices. Disk sources and a direct-boot
  kernel stay too (they are the guest's, and the conversion keeps them);
  x2k's define option checks them against the target's storage.

  Sources: libvirt's formatdomain (each element's host side), its domain
  schema, and what libvirt's Xen drivers read and write (libxl_conf.c,
  xen_xl.c, xen_xm.c).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:confine" on-no-match="shallow-copy" on-multiple-match="fail" warning-on-multiple-match="yes"/>
  <xsl:mode name="x2k:host-report" on-no-match="fail"/>
  <xsl:mode name="x2k:find-host-resources" on-no-match="fail"/>

  <!-- Character device types whose source is a host path: a file QEMU writes, a
       socket it binds (QEMU unlinks what is at the path first) or connects to, a
       device or a pipe it opens. -->
  <xsl:variable name="x2k:host-chardev-types" as="xs:string+" select="('file', 'unix', 'dev', 'pipe')"/>

  <!-- Random sources that are no host resource: the kernel's, which every host has. -->
  <xsl:variable name="x2k:shared-random-sources" as="xs:string+" select="('', '/dev/random', '/dev/urandom')"/>

  <!-- $domain with its host resources taken out; itself when they are allowed. -->
  <xsl:function name="x2k:confined" as="element()">
    <xsl:param name="domain" as="element()"/>
    <xsl:choose>
      <xsl:when test="$allow-host-resources and $keep-qemu-passthrough">
        <xsl:sequence select="$domain"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="confined" as="document-node()">
          <xsl:document>
            <xsl:apply-templates select="$domain" mode="x2k:confine"/>
          </xsl:document>
        </xsl:variable>
        <xsl:sequence select="$confined/*"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- What $node gives the guest or QEMU of the host, in a few words; empty when it is no
       host resource. The one list of them: confinement and report both ask here. -->
  <xsl:function name="x2k:host-resource" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="parent" as="node()?" select="$node/.."/>
    <xsl:choose>
      <!-- Security labels: 'none' and static labels run QEMU unconfined or as another
           user (model dac, +0:+0 is root), a device's label relabels or exempts a host
           file. The KVM host applies its own default. (A domain's dynamic label only
           names the old host's driver: runtime.xsl drops it.) -->
      <xsl:when test="$node/self::seclabel[not(parent::domain and (not(@type) or @type = 'dynamic'))]">
        <xsl:sequence select="'security label' || x2k:attributes($node, ('type', 'model', 'relabel'))
            || (if ($node/label) then ' ' || normalize-space($node/label[1]) else '')
            || (if ($parent/self::source) then ' on ' || x2k:device-name($parent/..) else '')"/>
      </xsl:when>
      <!-- A host directory, file or block device shared with the guest (9p, virtiofs);
           a RAM filesystem holds nothing of the host's. -->
      <xsl:when test="$node/self::filesystem[not(@type = 'ram')][parent::devices]">
        <xsl:sequence select="'filesystem ' || x2k:first(($node/source/(@dir, @file, @dev, @name, @socket), '(no source)'))
            || ' shared as ' || x2k:first(($node/target/@dir, '(no target)'))"/>
      </xsl:when>
      <xsl:when test="$node/self::*[self::serial or self::parallel or self::console or self::channel or self::redirdev]
                      [parent::devices][@type = $x2k:host-chardev-types]">
        <xsl:sequence select="x2k:device-name($node) || ' ' || $node/@type || ' ' || x2k:first(($node/source/@path, '(no path)'))"/>
      </xsl:when>
      <!-- A character device's log: a host file QEMU appends the guest's output to. -->
      <xsl:when test="$node/self::log[$parent/parent::devices]">
        <xsl:sequence select="x2k:device-name($parent) || ' log file ' || x2k:first(($node/@file, '(no file)'))"/>
      </xsl:when>
      <!-- UEFI variables: a host file QEMU writes, and its template one it reads. libvirt
           makes each domain its own store when none is named. -->
      <xsl:when test="$node/self::nvram[parent::os]">
        <xsl:sequence select="'UEFI variable store ' || x2k:first(($node/source/(@file, @dev, @name), $node[normalize-space()]/normalize-space(), $node/@template, '(libvirt''s own)'))"/>
      </xsl:when>
      <!-- ACPI tables (SLIC, MSDM) read from host files into the guest. -->
      <xsl:when test="$node/self::acpi[parent::os]">
        <xsl:sequence select="'ACPI table ' || string-join($node/table ! (@type || ' ' || normalize-space()), ', ')"/>
      </xsl:when>
      <xsl:when test="$node/self::entry[@file][parent::sysinfo/@type = 'fwcfg']">
        <xsl:sequence select="'firmware configuration entry ' || $node/@name || ' from file ' || $node/@file"/>
      </xsl:when>
      <!-- The host's own keyboard, mouse or other input device. -->
      <xsl:when test="$node/self::input[@type = ('evdev', 'passthrough')][parent::devices]">
        <xsl:sequence select="'input ' || $node/@type || ' ' || x2k:first(($node/source/(@dev, @evdev), '(no device)'))"/>
      </xsl:when>
      <xsl:when test="$node/self::tpm[backend/@type = ('passthrough', 'external')][parent::devices]">
        <xsl:sequence select="'TPM ' || x2k:first($node/backend/@type) || ' ' || x2k:first(($node/backend/(device/@path, source/@path), '(no path)'))"/>
      </xsl:when>
      <xsl:when test="$node/self::source[parent::backend/@type = 'emulator'][$parent/parent::tpm]">
        <xsl:sequence select="'TPM state at ' || x2k:first(($node/@path, '(no path)'))"/>
      </xsl:when>
      <xsl:when test="$node/self::backend[parent::rng][not(@model = 'builtin')]
                      [not(@model = 'random' and normalize-space() = $x2k:shared-random-sources)]">
        <xsl:sequence select="'random number source ' || $node/@model || ' '
            || x2k:first(($node[@model = 'random']/normalize-space(), $node/(@type, source/@path, source/@host), '(no source)'))"/>
      </xsl:when>
      <!-- Host devices: the address named the Xen host's hardware; on this host the same
           address is another device, which starting the guest would take from the host. -->
      <xsl:when test="$node/self::*[self::hostdev or self::interface[@type = 'hostdev']][parent::devices]">
        <xsl:sequence select="'host device ' || x2k:host-device($node)
            || (if ($node/mac) then ' (NIC ' || x2k:first($node/mac/@address) || ')' else '')"/>
      </xsl:when>
      <xsl:when test="$node/self::interface[@type = ('vhostuser', 'vdpa')][parent::devices]">
        <xsl:sequence select="'interface ' || $node/@type || ' ' || x2k:first(($node/source/(@path, @dev), '(no source)'))
            || (if ($node/mac) then ' (NIC ' || x2k:first($node/mac/@address) || ')' else '')"/>
      </xsl:when>
      <!-- The host's TAP and vhost-net devices to open instead of libvirt's, and a TAP
           device that already exists (another guest's) instead of a new one. -->
      <xsl:when test="$node/self::attribute()[name() = ('tap', 'vhost')][$parent/self::backend/parent::interface]">
        <xsl:sequence select="x2k:device-name($parent/..) || ' ' || name($node) || ' device ' || $node"/>
      </xsl:when>
      <xsl:when test="$node/self::attribute(managed)[. = 'no'][$parent/self::target/parent::interface]">
        <xsl:sequence select="x2k:device-name($parent/..) || ' on the existing host device ' || x2k:first(($parent/@dev, '(no name)'))"/>
      </xsl:when>
      <!-- Disks that are a host directory (vvfat), a host NVMe controller, a vhost-user
           socket, or an NBD server on a host socket; a backing chain that names host
           files; raw SCSI access to the host's device. -->
      <xsl:when test="$node/self::disk[parent::devices][@type = ('dir', 'nvme', 'vhostuser')
                      or source/host/@transport = 'unix']">
        <xsl:sequence select="x2k:device-name($node) || ' on host ' || $node/@type || ' '
            || x2k:first(($node/source/(@dir, @path, @socket, host/@socket), $node/source/address/x2k:host-address(.), '(no source)'))"/>
      </xsl:when>
      <xsl:when test="$node/self::backingStore[source][ancestor::disk/parent::devices]">
        <xsl:sequence select="x2k:device-name($node/ancestor::disk[1]) || ' backing file ' || x2k:first(($node/source/(@file, @dev, @name), '(no source)'))"/>
      </xsl:when>
      <xsl:when test="$node/self::reservations[$parent/self::source/parent::disk/parent::devices]">
        <xsl:sequence select="x2k:device-name($parent/..) || ' reservations helper ' || x2k:first(($node/source/@path, '(libvirt''s own)'))"/>
      </xsl:when>
      <xsl:when test="$node/self::attribute()[name() = 'rawio' and . = 'yes' or name() = 'sgio' and . = 'unfiltered'][$parent/self::disk/parent::devices]">
        <xsl:sequence select="x2k:device-name($parent) || ' ' || name($node) || '=''' || $node || ''' (raw access to the host''s device)'"/>
      </xsl:when>
      <xsl:when test="$node/self::shmem[parent::devices]">
        <xsl:sequence select="'shared memory ' || $node/@name || (if ($node/server/@path) then ' with server ' || x2k:first($node/server/@path) else '')"/>
      </xsl:when>
      <xsl:when test="$node/self::smartcard[parent::devices][@mode = ('host', 'host-certificates') or @type = $x2k:host-chardev-types]">
        <xsl:sequence select="'smartcard ' || $node/@mode || (if ($node/database) then ' ' || normalize-space($node/database[1]) else '')"/>
      </xsl:when>
      <xsl:when test="$node/self::audio[@type = 'file'][parent::devices]">
        <xsl:sequence select="'audio ' || $node/@id || ' to file ' || x2k:first(($node/@path, '(no path)'))"/>
      </xsl:when>
      <xsl:when test="$node/self::memory[parent::devices][@model = ('nvdimm', 'virtio-pmem')]">
        <xsl:sequence select="'memory ' || $node/@model || ' ' || x2k:first(($node/source/path, '(no path)'))"/>
      </xsl:when>
      <!-- A socket QEMU binds at a host path (it unlinks what is there first), and the
           host's GPU render node. -->
      <!-- An option ROM read from a host file into the guest. -->
      <xsl:when test="$node/self::attribute(file)[$parent/self::rom]">
        <xsl:sequence select="x2k:device-name($parent/..) || ' option ROM file ' || $node"/>
      </xsl:when>
      <xsl:when test="$node/self::attribute(socket)[$parent/self::graphics/parent::devices or $parent/self::listen/parent::graphics]">
        <xsl:sequence select="'graphics socket ' || $node"/>
      </xsl:when>
      <xsl:when test="$node/self::attribute(rendernode)[$parent/self::gl]">
        <xsl:sequence select="'graphics render node ' || $node"/>
      </xsl:when>
      <xsl:when test="$node/self::attribute(xauth)[$parent/self::graphics]">
        <xsl:sequence select="'graphics X authority file ' || $node"/>
      </xsl:when>
      <!-- In a domain that is not a Xen one, copied rather than converted: the emulator it
           names (a host program libvirt runs as root) and interface scripts. A Xen domain's
           are replaced by the conversion (emulator.xsl, interfaces.xsl, passthrough.xsl). -->
      <xsl:when test="$node/self::loader[parent::os][x2k:is-foreign($node)]">
        <xsl:sequence select="'firmware ' || normalize-space($node)"/>
      </xsl:when>
      <xsl:when test="$node/self::emulator[parent::devices][x2k:is-foreign($node)]
                      [not(normalize-space() = (map:for-each($target-emulators, function($arch, $path) { $path }),
                                                $emulator[starts-with(., '/')]))]">
        <xsl:sequence select="'emulator ' || normalize-space($node)"/>
      </xsl:when>
      <xsl:when test="$node/self::*[self::script or self::downscript][parent::interface][x2k:is-foreign($node)]">
        <xsl:sequence select="x2k:device-name($parent) || ' ' || name($node) || ' ' || $node/@path"/>
      </xsl:when>
      <xsl:when test="$node/self::*[namespace-uri() = $x2k:qemu-namespace][parent::domain][x2k:is-foreign($node)]">
        <xsl:sequence select="'QEMU passthrough ' || name($node)"/>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <!-- Whether $node is in a domain x2k copies rather than converts (not a Xen one). -->
  <xsl:function name="x2k:is-foreign" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="not($node/ancestor-or-self::domain[1]/@type = 'xen')"/>
  </xsl:function>

  <!-- Whether the administrator keeps $node's kind: QEMU passthrough and down scripts by
       their own option (passthrough.xsl). -->
  <xsl:function name="x2k:host-resource-kept" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($node/self::*[namespace-uri() = $x2k:qemu-namespace] or $node/self::downscript) then $keep-qemu-passthrough
                          else $allow-host-resources"/>
  </xsl:function>

  <xsl:function name="x2k:is-confined" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists(x2k:host-resource($node)) and not(x2k:host-resource-kept($node))"/>
  </xsl:function>

  <!-- Dropped: every host resource no rule below replaces. -->
  <xsl:template match="node()[x2k:is-confined(.)] | @*[x2k:is-confined(.)]" mode="x2k:confine"/>

  <!-- A character device on a host path becomes a pty, which libvirt allocates: the guest
       keeps its serial port, console or channel; a named virtio channel (the guest
       agent's) becomes a socket libvirt places itself. -->
  <xsl:template match="devices/*[self::serial or self::parallel or self::console or self::channel][x2k:is-confined(.)]"
      mode="x2k:confine" priority="1">
    <xsl:copy>
      <xsl:apply-templates select="@* except @type" mode="#current"/>
      <xsl:choose>
        <xsl:when test="self::channel and target/@type = ('virtio', 'xen') and target/@name">
          <xsl:attribute name="type">unix</xsl:attribute>
          <source mode="bind"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="type">pty</xsl:attribute>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="node() except (source, protocol)" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- An interface's backend that named only host devices goes with them. -->
  <xsl:template match="devices/interface/backend[@*][every $attribute in @* satisfies x2k:is-confined($attribute)][not(node())]"
      mode="x2k:confine" priority="1"/>

  <!-- A NIC on a host device or socket (passed through, vhost-user, vDPA) keeps its MAC
       (the guest's identity), as an unconnected NIC with its link down, which reaches
       nothing until the administrator connects it. -->
  <xsl:template match="devices/interface[x2k:is-confined(.)]" mode="x2k:confine" priority="1">
    <interface type="ethernet">
      <xsl:apply-templates select="mac, boot, alias" mode="#current"/>
      <link state="down"/>
    </interface>
  </xsl:template>

  <!-- A random source of the host's becomes the kernel's own. -->
  <xsl:template match="devices/rng/backend[x2k:is-confined(.)]" mode="x2k:confine" priority="1">
    <backend model="random">/dev/urandom</backend>
  </xsl:template>

  <!-- Audio into a host file: the sound device stays, without output. -->
  <xsl:template match="devices/audio[x2k:is-confined(.)]" mode="x2k:confine" priority="1">
    <xsl:copy>
      <xsl:apply-templates select="@* except (@type, @path)" mode="#current"/>
      <xsl:attribute name="type">none</xsl:attribute>
    </xsl:copy>
  </xsl:template>

  <!-- Firmware configuration: entries the definition gives as values stay; without any,
       the element goes. -->
  <xsl:template match="sysinfo[@type = 'fwcfg'][entry[x2k:is-confined(.)]][not(entry[not(x2k:is-confined(.))])]"
      mode="x2k:confine" priority="1"/>

  <!-- What replaced a host resource, for the report. -->
  <xsl:function name="x2k:host-resource-outcome" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="
        if ($node/self::channel and $node/target/@type = ('virtio', 'xen') and $node/target/@name) then 'now a socket libvirt places'
        else if ($node/self::interface) then 'now an unconnected NIC (link down, same MAC)'
        else if ($node/self::*[self::serial or self::parallel or self::console or self::channel]) then 'now a pty'
        else if ($node/self::backend) then 'now /dev/urandom'
        else if ($node/self::audio) then 'now without output'
        else 'dropped'"/>
  </xsl:function>

  <!-- The host resources in $element, outermost first: what a dropped element holds is
       not listed again. -->
  <xsl:template match="*" mode="x2k:find-host-resources" as="node()*">
    <xsl:choose>
      <xsl:when test="exists(x2k:host-resource(.))">
        <xsl:sequence select="."/>
        <!-- what a replaced device holds (a log file) is named too -->
        <xsl:if test="x2k:host-resource-outcome(.) ne 'dropped'">
          <xsl:apply-templates select="* except source" mode="#current"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="@*[exists(x2k:host-resource(.))]"/>
        <xsl:apply-templates select="*" mode="#current"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Report: each host resource, and what to do. -->
  <xsl:template match="*" mode="x2k:host-report">
    <xsl:variable name="found" as="node()*">
      <xsl:apply-templates select="." mode="x2k:find-host-resources"/>
    </xsl:variable>
    <xsl:variable name="kept" as="node()*" select="$found[x2k:host-resource-kept(.)]"/>
    <xsl:variable name="confined" as="node()*" select="$found except $kept"/>
    <xsl:for-each select="$confined">
      <change code="host-resource-dropped">host resource {x2k:host-resource-outcome(.)}: {x2k:host-resource(.)}</change>
    </xsl:for-each>
    <xsl:if test="exists($confined)">
      <action code="host-resource" severity="required">The definition gave the guest resources of the host it runs on ({x2k:list($confined ! x2k:host-resource(.))}); it came from another host, so on this one they would be this host's own files, devices or privileges. x2k took them out: give the guest what it needs on this host (virsh edit), or convert with --allow-host-resources if you wrote this definition and mean it.</action>
    </xsl:if>
    <xsl:if test="exists($kept)">
      <action code="host-resource" severity="required">Kept as asked ({x2k:list(distinct-values($kept ! (if (self::downscript or self::*[namespace-uri() = $x2k:qemu-namespace]) then '--keep-qemu-passthrough' else '--allow-host-resources')))}): {x2k:list($kept ! x2k:host-resource(.))}; QEMU on this host uses them as given.</action>
    </xsl:if>
  </xsl:template>

  <!-- "serial 0", "channel org.qemu.guest_agent.0", "disk xvda", "NIC 00:16:3e:..". -->
  <xsl:function name="x2k:device-name" as="xs:string">
    <xsl:param name="device" as="element()?"/>
    <xsl:sequence select="
        if ($device/self::interface) then 'NIC ' || x2k:first(($device/mac/@address, '(no MAC)'))
        else if ($device/self::disk) then 'disk ' || x2k:first(($device/target/@dev, '(no target)'))
        else string-join((local-name($device), x2k:first(($device/target/(@port, @name), '')))[.], ' ')"/>
  </xsl:function>

  <xsl:function name="x2k:host-device" as="xs:string">
    <xsl:param name="hostdev" as="element()"/>
    <xsl:variable name="source" as="element()?" select="$hostdev/source[1]"/>
    <xsl:sequence select="
        if ($source/address[@slot or @bus and @device]) then x2k:host-address($source/address[1])
        else if ($source/vendor) then 'USB ' || x2k:first($source/vendor/@id) || ':' || x2k:first($source/product/@id)
        else if ($source/adapter) then 'SCSI ' || x2k:first($source/adapter/@name)
        else if ($source/(block, char, interface)) then normalize-space(($source/(block, char, interface))[1])
        else x2k:first(($source/(@wwpn, @uuid), $hostdev/@type, 'device'))"/>
  </xsl:function>

  <!-- ' type=''none'' model=''dac''' for the attributes of $element among $names. -->
  <xsl:function name="x2k:attributes" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="string-join($element/@*[name() = $names] ! (' ' || name() || '=''' || . || ''''))"/>
  </xsl:function>

  <xsl:function name="x2k:first" as="xs:string">
    <xsl:param name="values" as="item()*"/>
    <xsl:sequence select="string($values[1])"/>
  </xsl:function>
</xsl:stylesheet>
