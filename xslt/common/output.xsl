<?xml version="1.0" encoding="UTF-8"?>
<!--
  Output shared by x2k's stylesheets: what virsh dumpxml prints, UTF-8,
  indented by two spaces, no XML declaration.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all">

  <!-- x2k asks its processor for two-space indentation; others indent their own way. -->
  <xsl:output method="xml" encoding="UTF-8" indent="yes" omit-xml-declaration="yes"/>

  <!-- The input's own indentation is dropped so the output is indented the same
       way whatever the input looked like. -->
  <xsl:strip-space elements="*"/>
</xsl:stylesheet>
