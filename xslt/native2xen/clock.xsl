<?xml version="1.0" encoding="UTF-8"?>
<!--
  Time: the guest's clock offset and timers.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:clock" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:clock-reads" as="xs:string*" select="'localtime', 'rtc_timeoffset', 'tsc_mode', 'hpet'"/>

  <!-- HVM: the emulated RTC runs rtc_timeoffset seconds off UTC, or off local time
       with localtime = 1. PV guests have no RTC: their clock is the host's, in UTC
       or local time, reset at every start. Timers: tsc_mode (default, always_emulate,
       native, native_paravirt) and hpet (HVM). -->
  <xsl:template match="xen-config" mode="x2k:clock">
    <xsl:variable name="hvm" select="x2k:os-type(.) = 'hvm'"/>
    <xsl:variable name="localtime" select="x2k:boolean(., 'localtime', false())"/>
    <xsl:variable name="timers" as="element(timer)*">
      <xsl:variable name="tsc" select="x2k:text(., 'tsc_mode')"/>
      <xsl:if test="exists($tsc)">
        <timer name="tsc" present="yes" mode="{
            if ($tsc = 'always_emulate') then 'emulate' else if ($tsc = 'native') then 'native'
            else if ($tsc = 'native_paravirt') then 'paravirt' else 'auto'}"/>
      </xsl:if>
      <xsl:if test="$hvm and exists(x2k:setting(., 'hpet'))">
        <timer name="hpet" present="{if (x2k:boolean(., 'hpet', ())) then 'yes' else 'no'}"/>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$hvm">
        <clock offset="variable" adjustment="{(x2k:integer(., 'rtc_timeoffset'), 0)[1]}"
            basis="{if ($localtime) then 'localtime' else 'utc'}">
          <xsl:sequence select="$timers"/>
        </clock>
      </xsl:when>
      <xsl:otherwise>
        <clock offset="{if ($localtime) then 'localtime' else 'utc'}" adjustment="reset">
          <xsl:sequence select="$timers"/>
        </clock>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
