package org.x2k.nativecfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.x2k.nativecfg.XenConfig.ListValue;
import org.x2k.nativecfg.XenConfig.Number;
import org.x2k.nativecfg.XenConfig.Text;
import org.x2k.nativecfg.XenConfig.Value;

/**
 * The Python that xm's stock configs compute with (xmexample.hvm and the files made from it) is
 * evaluated; anything else is refused with the line and what is not supported, with bounded work.
 */
class XmPythonTest {
  private static Value value(String text, String name) throws ConfigSyntaxException {
    return XenConfigParser.parse(text).effective().get(name).value();
  }

  private static String refusal(String text) {
    return assertThrows(ConfigSyntaxException.class, () -> XenConfigParser.parse(text))
        .getMessage();
  }

  /** As xmexample.hvm starts, from Xen 3.1 on. */
  private static final String STOCK_HVM_HEAD =
      """
      import os, re
      arch = os.uname()[4]
      if re.search('64', arch):
          arch_libdir = 'lib64'
      else:
          arch_libdir = 'lib'

      device_model = '/usr/' + arch_libdir + '/xen/bin/qemu-dm'
      """;

  @Test
  void theStockHvmHeadPicksTheLibraryDirectory() throws ConfigSyntaxException {
    XenConfig config = XenConfigParser.parse(STOCK_HVM_HEAD);
    assertEquals(new Text("/usr/lib64/xen/bin/qemu-dm"), value(STOCK_HVM_HEAD, "device_model"));
    assertEquals(new Text("x86_64"), value(STOCK_HVM_HEAD, "arch"));
    // the helpers are the config's variables, not Xen settings to report
    assertEquals(Set.of("arch", "arch_libdir"), config.referenced());
    assertTrue(config.pythonOnly().contains("import"), config.pythonOnly().toString());
  }

  @Test
  void onlyTheBranchTakenSetsAnything() throws ConfigSyntaxException {
    String text =
        """
        memory = 512
        if memory > 1024:
            vcpus = 4
        elif memory >= 512 and not memory == 600:
            vcpus = 2
            # a comment, then a blank line

            maxmem = memory * 2
        else:
            vcpus = 1
        if 0: name = 'never'
        name = 'after'
        """;
    XenConfig config = XenConfigParser.parse(text);
    assertEquals(new Number("2"), value(text, "vcpus"));
    assertEquals(new Number("1024"), value(text, "maxmem"));
    assertEquals(new Text("after"), value(text, "name"));
    assertEquals(4, config.settings().size());
  }

  @Test
  void stringsListsAndNumbersCombine() throws ConfigSyntaxException {
    String text =
        """
        base = '/srv/xen/'
        id = 7
        name = "vm%02d-%s" % (id, 'web')
        disk = [ 'file:' + base + name + '.img,xvda,w' ] + [ 'file:' + base + 'swap,xvdb,w' ]
        memory = (256 + 256) // 2 - -1
        root = "/dev/xvda%d ro" % 1
        """;
    assertEquals(new Text("vm07-web"), value(text, "name"));
    assertEquals(
        new ListValue(
            List.of(
                new Text("file:/srv/xen/vm07-web.img,xvda,w"),
                new Text("file:/srv/xen/swap,xvdb,w"))),
        value(text, "disk"));
    assertEquals(new Number("257"), value(text, "memory"));
    assertEquals(new Text("/dev/xvda1 ro"), value(text, "root"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          vmid template | def vmid_check(var, val):\\n    return int(val)\\nname = 'vm%d' % vmid | line 1, column 1: this is a template for xm create vmid=N
          vmid alone    | name = 'vm%d' % vmid                                            | line 1, column 17: vmid is given by xm create vmid=N
          a function    | def f():\\n    pass                                             | line 1, column 1: def (a Python function) is not supported
          from import   | from os import uname                                            | line 1, column 1: from is not supported
          other module  | import subprocess                                               | line 1, column 8: import subprocess is not supported
          no import     | arch = os.uname()[4]                                            | line 1, column 8: os.uname needs import os before it
          other call    | import os\\nx = os.system('reboot')                              | line 2, column 5: calling os.system with 1 argument is not supported
          a method      | a = 'x'\\nb = a.upper()                                          | line 2, column 5: calling a.upper with 0 arguments is not supported
          undefined     | memory = mem                                                    | line 1, column 10: expected a value, found the name mem (strings need quotes)
          a loop        | for d in [1]:\\n    pass                                         | line 1, column 1: for is not supported
          bad indent    | if 1:\\nname = 'a'                                               | line 2, column 1: expected an indented block after ':'
          string kinds  | x = 'a' + 1                                                     | line 1, column 9: a string + a number is not supported
          """)
  void refusesWithTheLineAndWhat(String what, String text, String message) {
    String got = refusal(text.replace("\\n", "\n") + "\n");
    assertTrue(got.startsWith(message), what + ": " + got);
  }

  @Test
  void workIsBounded() {
    // a string that doubles at every line would reach 2^60 characters
    StringBuilder doubling = new StringBuilder("s = 'xxxxxxxx'\n");
    for (int i = 0; i < 60; i++) {
      doubling.append("s = s + s\n");
    }
    assertTrue(refusal(doubling.toString()).contains("a string of more than 65536 characters"));
    // a general regular expression (one that backtracks without end) is never compiled
    String regex = "import re\nif re.search('(.*,){12}x', '" + ",".repeat(40) + "'): x = 1\n";
    String message =
        assertThrows(
                ConfigSyntaxException.class,
                () ->
                    assertTimeoutPreemptively(
                        Duration.ofSeconds(20), () -> XenConfigParser.parse(regex)))
            .getMessage();
    assertTrue(message.contains("x2k searches for plain characters"), message);
    // arithmetic beyond 64 bits
    assertTrue(
        refusal("x = 9223372036854775807 + 1\n").contains("a number beyond 64 bits"), "overflow");
    // nesting
    assertTrue(
        refusal("x = " + "-".repeat(100) + "1 - (" + "(".repeat(100) + "1" + ")".repeat(101) + "\n")
            .contains("nested more than"));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    "64, x86_64, 1",
    "^x86, x86_64, 1",
    "64$, x86_64, 1",
    "^ia64$, x86_64, 0",
    "i386, x86_64, 0"
  })
  void searchesForPlainText(String pattern, String subject, int found)
      throws ConfigSyntaxException {
    String text = "import re\nx = 0\nif re.search('" + pattern + "', '" + subject + "'): x = 1\n";
    assertEquals(new Number(Integer.toString(found)), value(text, "x"));
  }

  @Test
  void plainXlFilesReadAsBefore() throws ConfigSyntaxException {
    String xl = "name = \"a\"\n  memory = 512\nvif = [ 'bridge=xenbr0' ]\n";
    XenConfig config = XenConfigParser.parse(xl);
    assertEquals(List.of(), config.pythonOnly());
    assertFalse(config.has("if"));
    assertEquals(new Number("512"), value(xl, "memory"));
  }
}
