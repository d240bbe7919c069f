<?xml version="1.0" encoding="UTF-8"?>
<!--
  Report and conversion in one transformation, as x2k runs every bundled
  stylesheet: a document holding the report (mode x2k:report), then the
  converted document (the default mode). One run instead of two: the work
  both passes share (xen2qemu's repaired domain, a memo function) is done
  once, and the stylesheet is set up once per document.
  Standalone use is unchanged: the default mode converts, -im:{urn:x2k:xslt}report
  reports.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <xsl:mode name="x2k:with-report" on-no-match="fail"/>

  <!-- x2k's entry: the report first, so that a conversion that fails has reported
       nothing less than the two passes did. -->
  <xsl:template match="document-node()" mode="x2k:with-report">
    <xsl:document>
      <xsl:apply-templates select="." mode="x2k:report"/>
    </xsl:document>
    <xsl:document>
      <xsl:apply-templates select="."/>
    </xsl:document>
  </xsl:template>
</xsl:stylesheet>
