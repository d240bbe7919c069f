<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names shared by x2k's stylesheets: the namespace of x2k's functions and
  error codes, and libvirt's disk names.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all">

  <!-- Stops the transformation with an x2k error code; x2k prints the message as
       the one line that explains the failure. Typed item()* so that it fits
       wherever a value is expected. -->
  <xsl:function name="x2k:fail" as="item()*">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="message" as="xs:string"/>
    <xsl:sequence select="error(QName('urn:x2k:xslt', 'x2k:' || $code), $message)"/>
  </xsl:function>

  <!-- A disk's name as a Xen guest knows it (xvda, hdc, sdb, vdaa), and a partition of it:
       the prefix, one to six letters (virDiskNameToIndex takes no more), up to nine digits.
       Groups: 1 prefix, 2 letters, 3 partition. The one grammar of disk names: the kernel
       command line (os.xsl), the disks' order (below) and x2k guest's device names
       (guest/DiskNames.XEN_DISK_NAME, the same text: DiskNamePatternTest) use it. -->
  <xsl:variable name="x2k:disk-name-regex" as="xs:string" select="'(xvd|[hsv]d)([a-z]{1,6})([0-9]{0,9})'"/>

  <!-- libvirt's disk suffix for a 0-based index: 0 a, 25 z, 26 aa, 701 zz, 702 aaa
       (virDiskNameToIndex read backwards). -->
  <xsl:function name="x2k:disk-suffix" as="xs:string" visibility="public">
    <xsl:param name="index" as="xs:integer"/>
    <xsl:variable name="letter" select="codepoints-to-string(97 + $index mod 26)"/>
    <xsl:sequence select="if ($index lt 26) then $letter
                          else x2k:disk-suffix($index idiv 26 - 1) || $letter"/>
  </xsl:function>

  <!-- Where a disk name sorts among disks the way Xen numbered them: disk index
       (xvda 0, xvdb 1, xvdaa 26), then partition (xvda 0, xvda1 1, xvda2 2).
       Names of another shape sort last, and so do names of more than six letters,
       which libvirt refuses (virDiskNameToIndex stops short of overflow) and whose
       index would be a number of the name's length. -->
  <xsl:function name="x2k:disk-order" as="xs:integer+" visibility="public">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*"
        select="if (string-length($name) gt 20) then ()
                else analyze-string($name, '^' || $x2k:disk-name-regex || '$')/*:match/*:group[@nr = (2, 3)] ! string()"/>
    <xsl:sequence select="
        if (empty($parts)) then (999999, 0)
        else (fold-left(string-to-codepoints($parts[1]), -1,
                        function($index, $c) { ($index + 1) * 26 + $c - 97 }),
              if ($parts[2]) then xs:integer($parts[2]) else 0)"/>
  </xsl:function>
</xsl:stylesheet>
