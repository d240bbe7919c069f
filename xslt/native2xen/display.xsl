<?xml version="1.0" encoding="UTF-8"?>
<!--
  Display and user input: graphical consoles (vnc, sdl, spice; PV guests' vfb),
  video, keyboards and pointers, sound cards.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:x2k="urn:x2k:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="x2k:inputs" on-no-match="deep-skip"/>
  <xsl:mode name="x2k:graphics" on-no-match="deep-skip"/>
  <xsl:mode name="x2k:sounds" on-no-match="deep-skip"/>
  <xsl:mode name="x2k:videos" on-no-match="deep-skip"/>

  <xsl:variable name="x2k:display-reads" as="xs:string*"
      select="'vnc', 'vncunused', 'vncdisplay', 'vnclisten', 'vncpasswd', 'keymap', 'sdl', 'display',
              'xauthority', 'vfb', 'spice', 'spicehost', 'spiceport', 'spicetls_port',
              'spicedisable_ticketing', 'spicepasswd', 'spiceagent_mouse', 'spice_clipboard_sharing',
              'usbdevice', 'soundhw', 'stdvga', 'vga', 'videoram'"/>

  <!-- Sound models xl and xm accept, by libvirt's name ("hda" is QEMU's intel-hda,
       libvirt's ich6). -->
  <xsl:variable name="x2k:sound-models" as="xs:string+" select="'sb16', 'es1370', 'pcspk', 'ac97', 'ich6', 'ich9', 'usb'"/>

  <!-- usbdevice (HVM; a list in xl): tablet, mouse or keyboard on USB. Then the
       PS/2 mouse and keyboard every HVM guest has, or Xen's paravirtual ones of a
       PV guest. -->
  <xsl:template match="xen-config" mode="x2k:inputs">
    <xsl:choose>
      <xsl:when test="x2k:os-type(.) = 'hvm'">
        <xsl:for-each select="x2k:strings(., 'usbdevice')[. = ('tablet', 'mouse', 'keyboard')]">
          <input type="{if (. = 'keyboard') then 'keyboard' else .}" bus="usb"/>
        </xsl:for-each>
        <input type="mouse" bus="ps2"/>
        <input type="keyboard" bus="ps2"/>
      </xsl:when>
      <xsl:otherwise>
        <input type="mouse" bus="xen"/>
        <input type="keyboard" bus="xen"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- HVM: vnc = 1 (then vncunused, default 1, picks a free port; else vncdisplay
       N is port 5900+N; vnclisten, vncpasswd, keymap), else sdl = 1 (display,
       xauthority); xl's spice = 1 (spicehost, spiceport, spicetls_port, spicepasswd
       unless spicedisable_ticketing, spiceagent_mouse, spice_clipboard_sharing)
       takes the place of both, as in libvirt. PV: the first vfb entry,
       "type=vnc|sdl,key=value,...", with the same keys. -->
  <xsl:template match="xen-config" mode="x2k:graphics">
    <xsl:choose>
      <xsl:when test="x2k:os-type(.) = 'hvm' and x2k:boolean(., 'spice', false())">
        <xsl:variable name="port" select="(x2k:integer(., 'spiceport'), 0)[1]"/>
        <xsl:variable name="tls-port" select="(x2k:integer(., 'spicetls_port'), 0)[1]"/>
        <graphics type="spice">
          <xsl:if test="$port gt 0"><xsl:attribute name="port" select="$port"/></xsl:if>
          <xsl:if test="$tls-port gt 0"><xsl:attribute name="tlsPort" select="$tls-port"/></xsl:if>
          <xsl:attribute name="autoport" select="if ($port + $tls-port = 0) then 'yes' else 'no'"/>
          <xsl:if test="x2k:text(., 'spicehost')"><xsl:attribute name="listen" select="x2k:text(., 'spicehost')"/></xsl:if>
          <xsl:if test="not(x2k:boolean(., 'spicedisable_ticketing', false())) and exists(x2k:text(., 'spicepasswd'))">
            <xsl:attribute name="passwd" select="x2k:text(., 'spicepasswd')"/>
          </xsl:if>
          <xsl:sequence select="x2k:listen(x2k:text(., 'spicehost'))"/>
          <mouse mode="{if (x2k:boolean(., 'spiceagent_mouse', false())) then 'client' else 'server'}"/>
          <clipboard copypaste="{if (x2k:boolean(., 'spice_clipboard_sharing', false())) then 'yes' else 'no'}"/>
        </graphics>
      </xsl:when>
      <xsl:when test="x2k:os-type(.) = 'hvm' and x2k:boolean(., 'vnc', false())">
        <xsl:sequence select="x2k:vnc(x2k:boolean(., 'vncunused', true()), x2k:integer(., 'vncdisplay'),
            x2k:text(., 'vnclisten'), x2k:text(., 'vncpasswd'), x2k:text(., 'keymap'))"/>
      </xsl:when>
      <xsl:when test="x2k:os-type(.) = 'hvm' and x2k:boolean(., 'sdl', false())">
        <xsl:sequence select="x2k:sdl(x2k:text(., 'display'), x2k:text(., 'xauthority'))"/>
      </xsl:when>
      <xsl:when test="x2k:os-type(.) ne 'hvm' and exists(x2k:strings(., 'vfb'))">
        <xsl:variable name="vfb" select="x2k:options(x2k:strings(., 'vfb')[1])"/>
        <xsl:choose>
          <xsl:when test="$vfb?type = 'sdl' or (not($vfb?type) and $vfb?sdl = '1')">
            <xsl:sequence select="x2k:sdl($vfb?display, $vfb?xauthority)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="x2k:vnc(not($vfb?vncunused = '0'), $vfb?vncdisplay ! xs:integer(.),
                $vfb?vnclisten, $vfb?vncpasswd, $vfb?keymap)"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="x2k:vnc" as="element(graphics)">
    <xsl:param name="unused" as="xs:boolean"/>
    <xsl:param name="display" as="xs:integer?"/>
    <xsl:param name="listen" as="xs:string?"/>
    <xsl:param name="password" as="xs:string?"/>
    <xsl:param name="keymap" as="xs:string?"/>
    <xsl:variable name="autoport" select="$unused and empty($display)"/>
    <graphics type="vnc" port="{if ($autoport) then -1 else 5900 + ($display, 0)[1]}"
        autoport="{if ($autoport) then 'yes' else 'no'}">
      <xsl:if test="$listen"><xsl:attribute name="listen" select="$listen"/></xsl:if>
      <xsl:if test="$keymap"><xsl:attribute name="keymap" select="$keymap"/></xsl:if>
      <xsl:if test="exists($password)"><xsl:attribute name="passwd" select="$password"/></xsl:if>
      <xsl:sequence select="x2k:listen($listen)"/>
    </graphics>
  </xsl:function>

  <xsl:function name="x2k:sdl" as="element(graphics)">
    <xsl:param name="display" as="xs:string?"/>
    <xsl:param name="xauthority" as="xs:string?"/>
    <graphics type="sdl">
      <xsl:if test="$display"><xsl:attribute name="display" select="$display"/></xsl:if>
      <xsl:if test="$xauthority"><xsl:attribute name="xauth" select="$xauthority"/></xsl:if>
    </graphics>
  </xsl:function>

  <xsl:function name="x2k:listen" as="element(listen)">
    <xsl:param name="address" as="xs:string?"/>
    <listen type="address">
      <xsl:if test="$address"><xsl:attribute name="address" select="$address"/></xsl:if>
    </listen>
  </xsl:function>

  <!-- soundhw (HVM): a comma-separated list of cards; "all" meant the two Xen's old
       QEMU had, sb16 and es1370. -->
  <xsl:template match="xen-config[x2k:os-type(.) = 'hvm' and exists(x2k:text(., 'soundhw'))]" mode="x2k:sounds">
    <xsl:variable name="setting" select="x2k:setting(., 'soundhw')"/>
    <xsl:variable name="cards" select="tokenize(x2k:text(., 'soundhw'), ',') ! normalize-space()[.]"/>
    <xsl:for-each select="if ($cards = 'all') then ('sb16', 'es1370') else $cards ! (if (. = 'hda') then 'ich6' else .)">
      <xsl:if test="not(. = $x2k:sound-models)">
        <xsl:sequence select="x2k:malformed($setting, 'a list of sound cards (' || string-join($x2k:sound-models, ', ') || ')')"/>
      </xsl:if>
      <sound model="{.}"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The video card behind a graphical console: Cirrus (8 MiB) for HVM, or
       stdvga = 1 / vga = "stdvga" for QEMU's standard VGA, videoram in MiB;
       Xen's framebuffer for PV. $graphics: the guest's graphical consoles. -->
  <xsl:template match="xen-config" mode="x2k:videos">
    <xsl:param name="graphics" as="element(graphics)*" required="yes"/>
    <xsl:if test="exists($graphics)">
      <xsl:variable name="hvm" select="x2k:os-type(.) = 'hvm'"/>
      <xsl:variable name="stdvga" select="$hvm and (x2k:boolean(., 'stdvga', false()) or x2k:text(., 'vga') = 'stdvga')"/>
      <video>
        <model type="{if (not($hvm)) then 'xen' else if ($stdvga) then 'vga' else 'cirrus'}"
            vram="{if (x2k:integer(., 'videoram') gt 0) then x2k:integer(., 'videoram') * 1024
                   else if (not($hvm)) then 4096 else if ($stdvga) then 16384 else 8192}"
            heads="1" primary="yes"/>
      </video>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
