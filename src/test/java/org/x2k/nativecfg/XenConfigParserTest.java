package org.x2k.nativecfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.x2k.nativecfg.XenConfig.ListValue;
import org.x2k.nativecfg.XenConfig.Number;
import org.x2k.nativecfg.XenConfig.Text;
import org.x2k.nativecfg.XenConfig.Value;

class XenConfigParserTest {
  private static Value value(String text, String name) throws ConfigSyntaxException {
    return XenConfigParser.parse(text).effective().get(name).value();
  }

  @Test
  void readsStringsNumbersAndNestedListsAcrossLines() throws ConfigSyntaxException {
    XenConfig config =
        XenConfigParser.parse(
            """
            name = "vm"   # the guest
            memory = 512; vcpus = 0x2
            disk = [ 'phy:/dev/vg/vm,xvda,w',
                     "file:/srv/b.img,xvdb,r",   # trailing comma next
                   ]
            vnuma = [ [ "pnode=0", "size=512" ], [ "pnode=1" ] ]
            """);
    assertEquals(new Text("vm"), config.effective().get("name").value());
    assertEquals(new Number("512"), config.effective().get("memory").value());
    assertEquals(new Number("0x2"), config.effective().get("vcpus").value());
    assertEquals(
        new ListValue(
            List.of(new Text("phy:/dev/vg/vm,xvda,w"), new Text("file:/srv/b.img,xvdb,r"))),
        config.effective().get("disk").value());
    ListValue vnuma = (ListValue) config.effective().get("vnuma").value();
    assertEquals(2, vnuma.items().size());
    assertEquals(3, config.effective().get("disk").line());
  }

  @Test
  void processesEscapesAndContinuations() throws ConfigSyntaxException {
    assertEquals(new Text("a\\:b \"q\" \tx"), value("t = \"a\\\\:b \\\"q\\\" \\tx\"\n", "t"));
    assertEquals(new Text("se" + "c"), value("p = 'se\\x63'\n", "p"));
    assertEquals(new Text("restart"), value("on_crash = \\\n    \"restart\"\n", "on_crash"));
  }

  @Test
  void appendsWithPlusEqualsAndLastAssignmentWins() throws ConfigSyntaxException {
    XenConfig config =
        XenConfigParser.parse("vif = [ 'a' ]\nvif += [ 'b' ]\nmemory = 1\nmemory = 2\n");
    assertEquals(
        new ListValue(List.of(new Text("a"), new Text("b"))),
        config.effective().get("vif").value());
    assertTrue(config.effective().get("vif").appended());
    assertEquals(new Number("2"), config.effective().get("memory").value());
    assertEquals(4, config.settings().size());
  }

  @Test
  void takesWhatXmFilesHoldOfPython() throws ConfigSyntaxException {
    XenConfig config =
        XenConfigParser.parse(
            "name = \"\"\"a\"b\"\"\"\npae = True\nacpi = False\n"
                + "disk = ( 'x', )\nbootloader = None\n");
    assertEquals(new Text("a\"b"), config.effective().get("name").value());
    assertEquals(new Number("1"), config.effective().get("pae").value());
    assertEquals(new Number("0"), config.effective().get("acpi").value());
    assertEquals(new ListValue(List.of(new Text("x"))), config.effective().get("disk").value());
    assertTrue(!config.effective().containsKey("bootloader"), "None unsets");
    assertEquals(
        List.of("triple-quoted string", "True", "False", "tuple", "None"), config.pythonOnly());
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertEquals(
        "line 2, column 7: expected a value, found the name yes (strings need quotes)",
        assertThrows(
                ConfigSyntaxException.class, () -> XenConfigParser.parse("name = 'a'\nvnc = yes\n"))
            .getMessage());
    assertEquals(
        "line 1, column 8: this string is never closed on its line",
        assertThrows(
                ConfigSyntaxException.class, () -> XenConfigParser.parse("name = \"vm\nx = 1\n"))
            .getMessage());
    assertEquals(
        "line 1, column 8: this list is never closed",
        assertThrows(
                ConfigSyntaxException.class, () -> XenConfigParser.parse("disk = [ 'a',\n 'b'\n"))
            .getMessage());
    assertEquals(
        "line 3, column 1: expected a setting name, found '('",
        assertThrows(
                ConfigSyntaxException.class,
                () -> XenConfigParser.parse("# sxp\n\n(xend-http-server yes)\n"))
            .getMessage());
    assertEquals(
        "line 1, column 8: expected '=' after memory, found '5'",
        assertThrows(ConfigSyntaxException.class, () -> XenConfigParser.parse("memory 512\n"))
            .getMessage());
    assertEquals(
        "line 1, column 12: unexpected '2' after the value of memory",
        assertThrows(ConfigSyntaxException.class, () -> XenConfigParser.parse("memory = 1 2\n"))
            .getMessage());
  }

  @Test
  void detectsTheDialect() throws ConfigSyntaxException {
    assertEquals(
        XenConfig.Format.XM,
        FormatDetector.detect(
                XenConfigParser.parse(
                    "name='a'\nbuilder='hvm'\nkernel='/usr/lib/xen/boot/hvmloader'\n"))
            .format());
    assertEquals(
        XenConfig.Format.XM,
        FormatDetector.detect(XenConfigParser.parse("name='a'\npae=True\n")).format());
    assertEquals(
        XenConfig.Format.XL,
        FormatDetector.detect(XenConfigParser.parse("name='a'\ndisk=['vdev=xvda,target=/x']\n"))
            .format());
    FormatDetector.Detection neither = FormatDetector.detect(XenConfigParser.parse("name='a'\n"));
    assertEquals(XenConfig.Format.XL, neither.format());
    assertEquals("nothing only xm reads", neither.reason());
  }
}
