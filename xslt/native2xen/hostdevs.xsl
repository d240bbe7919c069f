<?xml version="1.0" encoding="UTF-8"?>
<!--
  Host devices passed through: PCI functions (pci) and USB devices (xl's usbdev).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:hostdevs" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:hostdevs-reads" as="xs:string*" select="'pci', 'usbdev'"/>

  <!-- pci = ["[DDDD:]BB:SS.F[,permissive=1]"]: permissive lets the guest write the
       device's whole config space (libvirt: writeFiltering off). xm also wrote
       [DDDD:BB:SS.F] in brackets. Then usbdev = ["hostbus=B,hostaddr=D"]. -->
  <xsl:template match="xen-config" mode="x2k:hostdevs">
    <xsl:variable name="pci" select="x2k:setting(., 'pci')"/>
    <xsl:for-each select="x2k:strings(., 'pci')">
      <xsl:variable name="address" select="replace(normalize-space(substring-before(. || ',', ',')), '^\[|\]$', '')"/>
      <xsl:variable name="parts" select="analyze-string($address,
          '^(([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])(@[0-9a-fA-F]+)?$')/*:match//*:group"/>
      <xsl:if test="empty($parts)">
        <xsl:sequence select="x2k:bad-item($pci, ., 'not a PCI address [DDDD:]BB:SS.F')"/>
      </xsl:if>
      <xsl:variable name="options" select="x2k:options(substring-after(., ','))"/>
      <hostdev mode="subsystem" type="pci" managed="no">
        <driver name="xen"/>
        <source>
          <xsl:if test="exists($options?permissive)">
            <xsl:attribute name="writeFiltering" select="if ($options?permissive = ('0', 'no', 'false')) then 'yes' else 'no'"/>
          </xsl:if>
          <address domain="0x{x2k:hex-digits(($parts[@nr = 2], '0')[1], 4)}"
              bus="0x{x2k:hex-digits($parts[@nr = 3], 2)}"
              slot="0x{x2k:hex-digits($parts[@nr = 4], 2)}"
              function="0x{$parts[@nr = 5]}"/>
        </source>
      </hostdev>
    </xsl:for-each>
    <xsl:variable name="usbdev" select="x2k:setting(., 'usbdev')"/>
    <xsl:for-each select="x2k:strings(., 'usbdev')">
      <xsl:variable name="options" select="x2k:options(.)"/>
      <xsl:if test="not(matches($options?hostbus, '^[0-9a-fA-F]+$') and matches($options?hostaddr, '^[0-9a-fA-F]+$'))">
        <xsl:sequence select="x2k:bad-item($usbdev, ., 'needs hostbus= and hostaddr=')"/>
      </xsl:if>
      <hostdev mode="subsystem" type="usb" managed="no">
        <source>
          <address bus="{x2k:hex($options?hostbus)}" device="{x2k:hex($options?hostaddr)}"/>
        </source>
      </hostdev>
    </xsl:for-each>
  </xsl:template>

  <!-- Hexadecimal digits, lower case, zero-padded to $width. -->
  <xsl:function name="x2k:hex-digits" as="xs:string">
    <xsl:param name="digits" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:variable name="trimmed" select="replace(lower-case($digits), '^0+(.)', '$1')"/>
    <xsl:sequence select="string-join((for $i in string-length($trimmed) + 1 to $width return '0', $trimmed))"/>
  </xsl:function>
</xsl:stylesheet>
