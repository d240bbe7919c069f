<?xml version="1.0" encoding="UTF-8"?>
<!--
  guest-plan.xsl: what x2k guest needs to know of a conversion, as data beside the
  report, so that the guest's files follow the same decisions as the XML: each disk
  with its image, format and its names under Xen and on KVM, the NICs' MACs, whether
  Xen ran the guest paravirtualised, whether the converted domain boots from its own
  disk, and the kernel arguments Xen gave it. report.xsl adds it to the report of a
  Xen domain; x2k reads it (convert/GuestDomain) and prints none of it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <!-- The plan of $domain, a repaired Xen domain (x2k:repaired). -->
  <xsl:function name="x2k:guest-plan" as="element(guest-plan)">
    <xsl:param name="domain" as="element(domain)"/>
    <guest-plan paravirtual="{x2k:was-paravirtual($domain)}"
        boots-from-disk="{empty($domain/os/kernel) or x2k:dom0-kernel-dropped($domain)}"
        command-line="{normalize-space($domain/os/cmdline)}">
      <!-- the guest's disks, not its CD-ROMs and floppies, with an image or a device -->
      <xsl:for-each select="$domain/devices/disk[not(@device = ('cdrom', 'floppy'))][target]
                            [string(source/(@file, @dev)[1])]">
        <disk source="{source/(@file, @dev)[1]}"
            format="{if (driver) then string(x2k:image-format(.)) else ''}"
            declared-format="{if (driver) then string(x2k:declared-format(.)) else ''}"
            xen-name="{target/@dev}" kvm-name="{x2k:final-name(target)}"
            read-only="{exists(readonly | shareable)}"/>
      </xsl:for-each>
      <xsl:for-each select="$domain/devices/interface/mac/@address">
        <nic mac="{.}"/>
      </xsl:for-each>
    </guest-plan>
  </xsl:function>
</xsl:stylesheet>
