<?xml version="1.0" encoding="UTF-8"?>
<!--
  Reading settings: typed access to the values of a config the way libvirt's
  xenConfigGet* helpers read them, and the key=value lists inside strings that
  xl uses for devices. A malformed value stops the conversion with the
  setting's line.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <!-- The setting of that name, if the config has it. -->
  <xsl:function name="x2k:setting" as="element(setting)?">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="$config/setting[@name = $name]"/>
  </xsl:function>

  <!-- A string or number setting as text; a list is malformed here. -->
  <xsl:function name="x2k:text" as="xs:string?">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="setting" select="x2k:setting($config, $name)"/>
    <xsl:sequence select="
        if (empty($setting)) then ()
        else if ($setting/list) then x2k:malformed($setting, 'a string, not a list')
        else string($setting/*)"/>
  </xsl:function>

  <!-- A whole number: a number, or a string of digits (xm files quote them at times). -->
  <xsl:function name="x2k:integer" as="xs:integer?">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="setting" select="x2k:setting($config, $name)"/>
    <xsl:variable name="text" select="normalize-space(x2k:text($config, $name))"/>
    <xsl:sequence select="
        if (empty($setting)) then ()
        else if (matches($text, '^[+-]?[0-9]+$')) then xs:integer(replace($text, '^\+', ''))
        else if (matches($text, '^0[xX][0-9a-fA-F]+$')) then x2k:hex(substring($text, 3))
        else if (matches($text, '^[0-9]+\.0*$')) then xs:integer(substring-before($text, '.'))
        else x2k:malformed($setting, 'a whole number')"/>
  </xsl:function>

  <!-- A switch: 1/0 and the words xl and Python accept; absent gives $default. -->
  <xsl:function name="x2k:boolean" as="xs:boolean?">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="default" as="xs:boolean?"/>
    <xsl:variable name="setting" select="x2k:setting($config, $name)"/>
    <xsl:variable name="text" select="lower-case(normalize-space(x2k:text($config, $name)))"/>
    <xsl:sequence select="
        if (empty($setting)) then $default
        else if ($setting/number) then
          (if (matches($text, '^[+-]?[0-9]+$')) then xs:integer(replace($text, '^\+', '')) ne 0
           else x2k:malformed($setting, '0 or 1'))
        else if ($text = ('1', 'yes', 'true', 'on')) then true()
        else if ($text = ('0', 'no', 'false', 'off', '')) then false()
        else x2k:malformed($setting, '0 or 1')"/>
  </xsl:function>

  <!-- The strings of a list setting (other items are skipped, as libvirt does); a
       lone string counts as a list of one. -->
  <xsl:function name="x2k:strings" as="xs:string*">
    <xsl:param name="config" as="element(xen-config)"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="x2k:setting($config, $name)/(list/string, string) ! string()"/>
  </xsl:function>

  <!-- "key=value,flag,key=value" as a map; spaces around items are dropped, a
       flag maps to ''. A key given twice keeps its first value. -->
  <xsl:function name="x2k:options" as="map(xs:string, xs:string)">
    <xsl:param name="spec" as="xs:string"/>
    <xsl:sequence select="map:merge(
        for $item in tokenize($spec, ',')[normalize-space()]
        return map:entry(normalize-space(substring-before($item || '=', '=')),
                         if (contains($item, '=')) then substring-after($item, '=') else ''),
        map{'duplicates': 'use-first'})"/>
  </xsl:function>

  <!-- A hexadecimal number. -->
  <xsl:function name="x2k:hex" as="xs:integer">
    <xsl:param name="digits" as="xs:string"/>
    <xsl:sequence select="fold-left(string-to-codepoints(lower-case($digits)), 0,
        function($n, $c) { $n * 16 + (if ($c ge 97) then $c - 87 else $c - 48) })"/>
  </xsl:function>

  <!-- Stops: the setting at its line does not hold what its key needs. -->
  <xsl:function name="x2k:malformed" as="item()*">
    <xsl:param name="setting" as="element(setting)"/>
    <xsl:param name="expected" as="xs:string"/>
    <xsl:sequence select="x2k:fail('native-value',
        'line ' || $setting/@line || ': ' || $setting/@name || ' must be ' || $expected
        || ', not ' || x2k:quoted($setting))"/>
  </xsl:function>

  <!-- Stops: an item of a device setting is malformed. -->
  <xsl:function name="x2k:bad-item" as="item()*">
    <xsl:param name="setting" as="element(setting)"/>
    <xsl:param name="item" as="xs:string"/>
    <xsl:param name="problem" as="xs:string"/>
    <xsl:sequence select="x2k:fail('native-value',
        'line ' || $setting/@line || ': ' || $setting/@name || ' entry &quot;' || $item || '&quot;: ' || $problem)"/>
  </xsl:function>

  <xsl:function name="x2k:quoted" as="xs:string">
    <xsl:param name="setting" as="element(setting)"/>
    <xsl:sequence select="if ($setting/list) then 'a list' else '&quot;' || string($setting/*) || '&quot;'"/>
  </xsl:function>
</xsl:stylesheet>
