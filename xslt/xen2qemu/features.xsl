<?xml version="1.0" encoding="UTF-8"?>
<!--
  Platform features: what KVM needs on, and what only Xen's hypervisor knows.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Procedure 2.4 step 2.2.3 and the UCS 4.1 xen2qemu.xslt: without <features>,
       insert one enabling ACPI (shutdown by power button) and APIC (SMP interrupts)
       just after <os>. -->
  <xsl:template match="/domain/os[not(../features)]" priority="2">
    <xsl:next-match/>
    <features>
      <acpi/>
      <apic/>
    </features>
  </xsl:template>

  <!-- Step 2.2.3: an existing <features> must enable ACPI and APIC too. -->
  <xsl:template match="/domain/features">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:if test="not(acpi)">
        <acpi/>
      </xsl:if>
      <xsl:if test="not(apic)">
        <apic/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:copy>
  </xsl:template>

  <!-- Xen's hardware-assisted paging switch, its e820 host map and IOMMU passthrough
       mode (features/xen) are settings of Xen's hypervisor; KVM has none of them. -->
  <xsl:template match="/domain/features/hap | /domain/features/xen"/>

  <!-- Xen's viridian (Hyper-V enlightenments for Windows) becomes KVM's Hyper-V
       features with the settings libvirt recommends for Windows guests. -->
  <xsl:template match="/domain/features/viridian">
    <xsl:if test="not(../hyperv)">
      <hyperv>
        <relaxed state='on'/>
        <vapic state='on'/>
        <spinlocks state='on' retries='8191'/>
      </hyperv>
    </xsl:if>
  </xsl:template>
  <!-- Report: ACPI and APIC switched on. -->
  <xsl:template match="/domain/os[not(../features)] | /domain/features[not(acpi and apic)]" mode="x2k:report">
    <change code="features-added">{x2k:list(('ACPI'[not(current()/../features/acpi)], 'APIC'[not(current()/../features/apic)]))} enabled (shutdown by ACPI power button, SMP interrupts)</change>
  </xsl:template>

  <!-- Report: Xen-only features. -->
  <xsl:template match="/domain/features/hap | /domain/features/xen" mode="x2k:report">
    <change code="feature-dropped">Xen-only feature {if (self::xen) then x2k:list(*/local-name()) else local-name()} dropped: a setting of Xen's hypervisor</change>
  </xsl:template>

  <xsl:template match="/domain/features/viridian" mode="x2k:report">
    <change code="viridian-hyperv">viridian → Hyper-V enlightenments (relaxed, vapic, spinlocks)</change>
  </xsl:template>
</xsl:stylesheet>
