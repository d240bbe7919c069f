<?xml version="1.0" encoding="UTF-8"?>
<!--
  The domain itself: what the input must be, the hypervisor type, and the
  platform features KVM needs.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Guard: only a libvirt <domain> is converted, and only with parameter values
       that make a domain libvirt accepts. -->
  <xsl:template match="document-node()">
    <xsl:if test="not(domain)">
      <xsl:sequence select="x2k:fail('not-a-domain',
          'root element is &lt;' || name(*[1]) || '&gt;, expected &lt;domain&gt;')"/>
    </xsl:if>
    <xsl:if test="not($domain-type = ('kvm', 'qemu'))">
      <xsl:sequence select="x2k:fail('bad-parameter',
          'domain-type must be kvm or qemu, not ''' || $domain-type || '''')"/>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <!-- Procedure 2.4, step 2.1: the hypervisor becomes KVM (or plain QEMU). -->
  <xsl:template match="/domain/@type">
    <xsl:attribute name="type" select="$domain-type"/>
  </xsl:template>

  <!-- Step 2.2.3 and the UCS 4.1 xen2qemu.xslt: without <features>, insert one
       enabling ACPI (shutdown by power button) and APIC (SMP interrupts) just
       after <os>. -->
  <xsl:template match="/domain/os[not(../features)]">
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

  <!-- True for a guest Xen ran paravirtualised (PV or PVH): such a guest only knows
       Xen's paravirtual devices, so their KVM replacements must be explicit. -->
  <xsl:function name="x2k:was-paravirtual" as="xs:boolean">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="normalize-space($domain/os/type) = ('linux', 'xen', 'xenpvh')"/>
  </xsl:function>
</xsl:stylesheet>
