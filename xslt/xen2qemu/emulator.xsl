<?xml version="1.0" encoding="UTF-8"?>
<!--
  The device model: Xen's qemu-dm or qemu-system-i386 under /usr/lib/xen becomes
  the KVM host's QEMU, and a guest whose architecture the host cannot run stops here.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Step 2.4: the emulator points to KVM's QEMU. The seed's /usr/bin/kvm exists on
       Debian-based hosts only, so by default the element goes and libvirt fills in the
       host's own; a known target host gives its emulator for the guest's architecture;
       an explicit $emulator wins. -->
  <xsl:template match="/domain/devices/emulator">
    <xsl:variable name="path" as="xs:string?" select="x2k:emulator(root()/domain)"/>
    <xsl:if test="exists($path)">
      <emulator>{$path}</emulator>
    </xsl:if>
  </xsl:template>

  <!-- The emulator a domain gets, or none for libvirt to choose. -->
  <xsl:function name="x2k:emulator" as="xs:string?">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="
        if ($emulator = 'none') then ()
        else if ($emulator) then $emulator
        else $target-emulators(x2k:guest-arch($domain))"/>
  </xsl:function>

  <!-- The guest's architecture: the one its definition names, else the target host's
       own, which is what libvirt gives it ('' when neither is known). -->
  <xsl:function name="x2k:guest-arch" as="xs:string">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:sequence select="(normalize-space($domain/os/type/@arch)[.], $target-arch)[1]"/>
  </xsl:function>

  <!-- Guard: a guest whose architecture the KVM host does not run as $domain-type
       domains (an ia64 or ppc64 Xen guest on an x86_64 host) is refused before anything
       is defined there; with the host unknown, every guest that is not x86 is, since
       x2k's rules (buses, machine types, firmware) are x86's. -->
  <xsl:function name="x2k:check-target-arch" as="empty-sequence()">
    <xsl:param name="domain" as="element(domain)"/>
    <xsl:variable name="arch" as="xs:string" select="x2k:guest-arch($domain)"/>
    <xsl:if test="map:size($target-emulators) eq 0 and not($arch = ('', 'i686', 'x86_64'))">
      <xsl:sequence select="x2k:fail('unsupported-arch',
          'architecture ' || $arch || ': x2k converts x86 guests (i686, x86_64), which'
          || ' KVM runs on x86 hosts; an ' || $arch || ' guest cannot move to one')"/>
    </xsl:if>
    <xsl:if test="map:size($target-emulators) gt 0 and not(map:contains($target-emulators, $arch))">
      <xsl:sequence select="x2k:fail('unsupported-arch',
          'architecture ' || $arch || ': ' || $target-host || ' runs ' || $domain-type
          || ' domains for ' || string-join(sort(map:keys($target-emulators)), ', ') || ' only')"/>
    </xsl:if>
  </xsl:function>

  <!-- Report: the device model. -->
  <xsl:template match="/domain/devices/emulator" mode="x2k:report">
    <xsl:variable name="path" as="xs:string?" select="x2k:emulator(root()/domain)"/>
    <change code="emulator">emulator {normalize-space(.)} → {
        if (empty($path)) then 'the host''s default (element dropped)'
        else if ($emulator) then $path
        else $path || ' (reported by ' || $target-host || ')'}</change>
  </xsl:template>
</xsl:stylesheet>
