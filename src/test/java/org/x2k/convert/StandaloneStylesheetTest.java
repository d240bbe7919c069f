package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.Xslt30Transformer;
import org.junit.jupiter.api.Test;
import org.x2k.cli.Cli;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/**
 * The stylesheets under xslt/ work on their own, run from the source tree by a plain XSLT 3.0
 * processor the way the README shows, and give the same XML as x2k.
 */
class StandaloneStylesheetTest {
  private static final Path XSLT =
      Path.of(System.getProperty("golden.dir", "src/test/resources/golden"))
          .resolve("../../../../xslt")
          .normalize();
  private static final Path EXAMPLE =
      Path.of(System.getProperty("examples.dir", "examples")).resolve("ucs3-pv.xen.xml");

  private static String runStandalone(String stylesheet, Path input, String... parameters)
      throws Exception {
    Processor processor = new Processor(false);
    Xslt30Transformer transformer =
        processor
            .newXsltCompiler()
            .compile(new StreamSource(XSLT.resolve(stylesheet).toFile()))
            .load30();
    Map<QName, XdmValue> values = new HashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      values.put(new QName(parameters[i]), new XdmAtomicValue(parameters[i + 1]));
    }
    transformer.setStylesheetParameters(values);
    StringWriter out = new StringWriter();
    Serializer serializer = processor.newSerializer(out);
    transformer.transform(new StreamSource(input.toFile()), serializer);
    return out.toString();
  }

  private static void assertSameXml(String expected, String actual) {
    Diff diff =
        DiffBuilder.compare(Input.fromString(expected))
            .withTest(Input.fromString(actual))
            .ignoreWhitespace()
            .checkForIdentical()
            .build();
    assertFalse(diff.hasDifferences(), diff::fullDescription);
  }

  @Test
  void xen2qemuGivesWhatX2kGives() throws Exception {
    String standalone = runStandalone("xen2qemu.xsl", EXAMPLE);
    String x2k = Cli.run("", "convert", EXAMPLE.toString()).out();
    assertTrue(x2k.contains("<domain type='kvm'>"), x2k);
    assertSameXml(x2k, standalone);
  }

  @Test
  void xen2qemuTakesParameters() throws Exception {
    String standalone = runStandalone("xen2qemu.xsl", EXAMPLE, "emulator", "/usr/libexec/qemu-kvm");
    assertTrue(
        standalone.contains("<emulator>/usr/libexec/qemu-kvm</emulator>")
            || !Files.readString(EXAMPLE).contains("<emulator>"),
        standalone);
    String qemu = runStandalone("xen2qemu.xsl", EXAMPLE, "domain-type", "qemu");
    assertTrue(qemu.contains("<domain type=\"qemu\""), qemu);
  }

  @Test
  void bridgeRenameTakesTheSeedHooksParameters() throws Exception {
    String renamed =
        runStandalone("bridge-rename.xsl", EXAMPLE, "src_bridge", "eth0", "dst_bridge", "br0");
    assertTrue(renamed.contains("bridge=\"br0\""), renamed);
    assertFalse(renamed.contains("bridge=\"eth0\""), renamed);
    assertTrue(renamed.contains("type=\"xen\""), "bridge-rename must not convert: " + renamed);
  }

  @Test
  void stylesheetsAreWhereTheReadmeSays() {
    assertTrue(new File(XSLT.toFile(), "xen2qemu.xsl").isFile(), XSLT.toString());
    assertTrue(new File(XSLT.toFile(), "bridge-rename.xsl").isFile(), XSLT.toString());
  }
}
