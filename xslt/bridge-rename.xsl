<?xml version="1.0" encoding="UTF-8"?>
<!--
  bridge-rename.xsl: renames the bridges that domains' interfaces attach to.

  Specification: Univention, "Extended virtualization documentation",
  chapter 3, procedure 3.1 and the hook stylesheet of section 3.1: after the
  move from Xen's renamed-interface bridging (eth0 as the bridge) to a real
  bridge (br0), every definition still names the old bridge. Generalised to
  any number of OLD=NEW pairs and to every <domain> in the document, so a
  snapshot (domainsnapshot/domain) is renamed like a plain definition.

  Any XSLT 3.0 processor runs it, for example with Saxon:
    java -jar Saxon-HE.jar -xsl:xslt/bridge-rename.xsl -s:vm.xml '?bridges=map{"eth0":"br0"}'
  or, as the seed's hook calls it, with one pair:
    java -jar Saxon-HE.jar -xsl:xslt/bridge-rename.xsl -s:vm.xml src_bridge=eth0 dst_bridge=br0
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <xsl:include href="common/output.xsl"/>
  <xsl:include href="common/bridges.xsl"/>

  <!-- The seed hook's single pair, kept so its xsltproc call line works unchanged;
       empty means none. -->
  <xsl:param name="src_bridge" as="xs:string" select="''"/>
  <xsl:param name="dst_bridge" as="xs:string" select="''"/>

  <xsl:variable name="renames" as="map(xs:string, xs:string)"
      select="if ($src_bridge) then map:put($bridges, $src_bridge, $dst_bridge) else $bridges"/>

  <xsl:mode on-no-match="shallow-copy"/>

  <!-- Procedure 3.1, step 2.2: a bridged interface's source/@bridge named in
       $renames takes the new name; every other attribute stays. -->
  <xsl:template match="domain/devices/interface[@type = 'bridge']/source/@bridge[map:contains($renames, string(.))]">
    <xsl:attribute name="bridge" select="$renames(string(.))"/>
  </xsl:template>
</xsl:stylesheet>
