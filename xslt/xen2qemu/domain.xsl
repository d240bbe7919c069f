<?xml version="1.0" encoding="UTF-8"?>
<!--
  The domain itself: what the input must be, which domains are converted, the
  hypervisor type, and what belongs to Xen's toolstack alone.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- True when the target machine is a q35: it has SATA but no IDE. -->
  <xsl:variable name="x2k:q35" as="xs:boolean" select="contains($machine, 'q35')"/>

  <!-- Guard: only a libvirt <domain> is converted, only with parameter values that
       make a domain libvirt accepts, and only a Xen one: any other domain (already
       KVM, say) is copied with a note, without host resources (host-resources.xsl),
       so converting twice equals converting once. -->
  <xsl:template match="document-node()">
    <xsl:if test="not(domain or domainsnapshot/domain)">
      <xsl:sequence select="x2k:fail('not-a-domain',
          'root element is &lt;' || name(*[1]) || '&gt;, expected &lt;domain&gt; or &lt;domainsnapshot&gt;')"/>
    </xsl:if>
    <xsl:sequence select="
        x2k:check-parameter('domain-type', $domain-type, ('kvm', 'qemu')),
        x2k:check-parameter('boot', $boot, ('kernel', 'disk')),
        x2k:check-parameter('disk-bus', $disk-bus, ('', 'virtio', 'scsi', 'sata', 'ide', 'usb')),
        x2k:check-parameter('emulated-disk-bus', $emulated-disk-bus, ('', 'virtio', 'scsi', 'sata', 'ide', 'usb')),
        x2k:check-parameter('cdrom-bus', $cdrom-bus, ('', 'ide', 'sata', 'scsi', 'usb')),
        x2k:check-parameter('disk-format', $disk-format, ('', 'raw', 'qcow2')),
        x2k:check-parameter('disk-cache', $disk-cache, ('', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe')),
        x2k:check-parameter('nic-model', $nic-model, ('', 'virtio', 'e1000', 'e1000e', 'rtl8139')),
        x2k:check-emulator-parameter()"/>
    <xsl:choose>
      <xsl:when test="domainsnapshot">
        <xsl:apply-templates select="node()" mode="x2k:snapshot"/>
      </xsl:when>
      <xsl:when test="domain/@type = 'xen' and exists(domain/descendant-or-self::*/namespace::*[. = $x2k:xen-namespace])">
        <xsl:variable name="without-xen-namespace" as="document-node()">
          <xsl:document>
            <xsl:apply-templates select="node()" mode="x2k:without-xen-namespace"/>
          </xsl:document>
        </xsl:variable>
        <xsl:apply-templates select="$without-xen-namespace"/>
      </xsl:when>
      <xsl:when test="domain/@type = 'xen'">
        <!-- the rules see the domain repaired (repairs.xsl); comments around it stay -->
        <xsl:variable name="repaired" as="document-node()" select="x2k:repaired(domain)"/>
        <xsl:sequence select="x2k:check-unique-devices($repaired/domain), x2k:check-target-arch($repaired/domain)"/>
        <xsl:for-each select="node()">
          <xsl:apply-templates select="if (self::domain) then $repaired/domain else ."/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <!-- copied, but as confined as a converted one: a definition is no safer for
             saying it is already a KVM one (host-resources.xsl) -->
        <xsl:variable name="confined" as="element()" select="x2k:confined(domain)"/>
        <xsl:message>already a {domain/@type} domain, not a Xen one: copied {if (deep-equal($confined, domain)) then 'unchanged' else 'without the host resources it named (see the report)'}</xsl:message>
        <xsl:for-each select="node()">
          <xsl:copy-of select="if (self::domain) then $confined else ."/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A snapshot (virsh snapshot-dumpxml) holds the domain as it was: that domain is
       converted like a standalone one (in a document of its own, so every rule
       applies to it), and the snapshot's own disk entries follow the disk renaming.
       Its inactiveDomain, if any, is converted the same way. -->
  <xsl:mode name="x2k:snapshot" on-no-match="shallow-copy"/>

  <xsl:template match="domainsnapshot" mode="x2k:snapshot">
    <xsl:variable name="domain" as="document-node()" select="x2k:standalone(domain)"/>
    <xsl:if test="not(domain/@type = 'xen')">
      <xsl:message>the snapshot's domain is already a {domain/@type} domain, not a Xen one: copied unchanged</xsl:message>
    </xsl:if>
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="#current">
        <xsl:with-param name="devices" as="element(devices)?" tunnel="yes"
            select="$domain/domain[@type = 'xen']/devices"/>
      </xsl:apply-templates>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="domainsnapshot/domain | domainsnapshot/inactiveDomain" mode="x2k:snapshot">
    <xsl:variable name="converted" as="document-node()">
      <xsl:document>
        <xsl:apply-templates select="x2k:standalone(.)/domain"/>
      </xsl:document>
    </xsl:variable>
    <xsl:element name="{local-name()}" namespace="{namespace-uri()}">
      <xsl:copy-of select="$converted/domain/(@*, node())"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="domainsnapshot/disks/disk/@name" mode="x2k:snapshot">
    <xsl:param name="devices" as="element(devices)?" tunnel="yes"/>
    <xsl:attribute name="name" select="(if ($devices) then x2k:new-device-name($devices, .) else (), .)[1]"/>
  </xsl:template>

  <!-- $domain (a domain, or a snapshot's inactiveDomain) as the root of a document of
       its own, named domain, repaired as a standalone domain is. -->
  <xsl:function name="x2k:standalone" as="document-node()">
    <xsl:param name="domain" as="element()"/>
    <xsl:sequence select="x2k:repaired($domain)"/>
  </xsl:function>

  <!-- Guard: two disks on one target are refused by libvirt, Xen's driver as QEMU's
       (virDomainDefCheckDuplicateDiskInfo), and would be renamed to the same virtio
       name; x2k changes no target the user chose, so it stops and names the duplicate.
       (Two NICs with one MAC libvirt takes: that is a required action, not a stop.) -->
  <xsl:variable name="x2k:max-devices" as="xs:integer" select="4096"/>

  <xsl:function name="x2k:check-unique-devices" as="empty-sequence()">
    <xsl:param name="domain" as="element(domain)"/>
    <!-- Bound: QEMU takes at most a few hundred PCI functions and libvirt's own tests stop
         far below this; a larger list is no guest's, and would only make the work grow. -->
    <xsl:if test="count($domain/devices/*) gt $x2k:max-devices">
      <xsl:sequence select="x2k:fail('too-many-devices', 'the domain has '
          || count($domain/devices/*) || ' devices; x2k takes at most ' || $x2k:max-devices)"/>
    </xsl:if>
    <xsl:for-each-group select="$domain/devices/disk/target/@dev" group-by="string(.)">
      <xsl:if test="count(current-group()) gt 1">
        <xsl:sequence select="x2k:fail('duplicate-device',
            'disk target ''' || current-grouping-key() || ''' is used by '
            || count(current-group()) || ' disks; libvirt takes each target once')"/>
      </xsl:if>
    </xsl:for-each-group>
  </xsl:function>

  <xsl:function name="x2k:check-parameter" as="empty-sequence()">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="allowed" as="xs:string+"/>
    <xsl:if test="not($value = $allowed)">
      <xsl:sequence select="x2k:fail('bad-parameter', $name || ' must be one of '
          || string-join($allowed[.], ', ') || ', not ''' || $value || '''')"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="x2k:check-emulator-parameter" as="empty-sequence()">
    <xsl:if test="not($emulator = ('', 'none') or starts-with($emulator, '/'))">
      <xsl:sequence select="x2k:fail('bad-parameter',
          'emulator must be empty, none or an absolute path, not ''' || $emulator || '''')"/>
    </xsl:if>
  </xsl:function>

  <!-- Procedure 2.4, step 2.1: the hypervisor becomes KVM (or plain QEMU). -->
  <xsl:template match="/domain/@type">
    <xsl:attribute name="type" select="$domain-type"/>
  </xsl:template>

  <!-- libvirt's namespace for Xen's own extensions (xen:commandline). -->
  <xsl:variable name="x2k:xen-namespace" as="xs:string" select="'http://libvirt.org/schemas/domain/xen/1.0'"/>

  <!-- Arguments for Xen's device model (xen:commandline) were written for Xen's
       qemu-dm and its machine; they are not carried over, nor is the declaration of
       Xen's namespace, which every copied element would otherwise inherit. This mode
       makes the input over without them before the conversion proper. -->
  <xsl:mode name="x2k:without-xen-namespace" on-no-match="shallow-copy"/>

  <xsl:template match="*" mode="x2k:without-xen-namespace">
    <xsl:copy copy-namespaces="no">
      <xsl:copy-of select="namespace::*[. ne $x2k:xen-namespace]"/>
      <xsl:apply-templates select="@*, node()" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="*[namespace-uri() = $x2k:xen-namespace]" mode="x2k:without-xen-namespace" priority="1"/>

  <!-- True for a guest Xen ran paravirtualised (PV or PVH): such a guest only knows
       Xen's paravirtual devices, so their KVM replacements must be explicit. -->
  <xsl:function name="x2k:was-paravirtual" as="xs:boolean">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="normalize-space($domain/os/type) = ('linux', 'xen', 'xenpvh')"/>
  </xsl:function>
  <!-- Report: the hypervisor type. -->
  <xsl:template match="/domain/@type" mode="x2k:report">
    <change code="domain-type">domain type {.} → {$domain-type}</change>
  </xsl:template>

  <!-- Report: Xen device-model arguments are not carried over. -->
  <xsl:template match="/domain/*[namespace-uri() = $x2k:xen-namespace]" mode="x2k:report">
    <change code="xen-commandline-dropped">Xen device-model arguments dropped: {string-join(*/@value, ' ')}</change>
    <action code="xen-commandline" severity="recommended">The domain passed arguments to Xen's qemu-dm ({string-join(*/@value, ' ')}); if the guest needs them on KVM, add their QEMU equivalents with &lt;qemu:commandline&gt;.</action>
  </xsl:template>
</xsl:stylesheet>
