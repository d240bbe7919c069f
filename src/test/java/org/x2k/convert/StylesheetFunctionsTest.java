package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.streams.Steps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.x2k.convert.Stylesheets.Bundled;

/**
 * The stylesheets' pure functions called directly through Saxon, one case per line, rather than
 * only through whole documents: libvirt's disk names (names.xsl), the renaming plan (disks.xsl),
 * the guest's kernel command line (os.xsl).
 */
class StylesheetFunctionsTest {
  private static final String X2K = "urn:x2k:xslt";
  private static final Stylesheets STYLESHEETS = Stylesheets.bundled();

  private static XdmValue call(String function, XdmValue... arguments) throws SaxonApiException {
    Xslt30Transformer transformer = STYLESHEETS.get(Bundled.XEN2QEMU).load30();
    return transformer.callFunction(new QName(X2K, function), arguments);
  }

  /** A sequence's items, space-separated. */
  private static String text(XdmValue value) {
    return value.stream().map(item -> item.getStringValue()).collect(Collectors.joining(" "));
  }

  private static XdmNode devices(String disks) throws SaxonApiException {
    XdmNode document =
        STYLESHEETS
            .processor
            .newDocumentBuilder()
            .build(
                new StreamSource(
                    new StringReader(
                        "<domain type='xen'><os><type>linux</type></os><devices>"
                            + disks
                            + "</devices></domain>")));
    return (XdmNode) document.select(Steps.path("domain", "devices")).asNode();
  }

  private static String disk(String dev, String bus) {
    return "<disk type='file' device='disk'><source file='/i/"
        + dev
        + "'/><target dev='"
        + dev
        + "' bus='"
        + bus
        + "'/></disk>";
  }

  @ParameterizedTest(name = "disk-suffix({0}) = {1}")
  @CsvSource({"0, a", "25, z", "26, aa", "27, ab", "701, zz", "702, aaa", "18277, zzz"})
  void diskSuffixIsLibvirtsIndexReadBackwards(int index, String suffix) throws SaxonApiException {
    assertEquals(suffix, call("disk-suffix", new XdmAtomicValue(index)).toString());
  }

  @ParameterizedTest(name = "disk-order({0}) = {1}")
  @CsvSource({
    "xvda, 0 0",
    "xvda1, 0 1",
    "xvdb, 1 0",
    "xvdaa, 26 0",
    "hdc, 2 0",
    "sda12, 0 12",
    "vdz, 25 0",
    "xvdabcdefg, 999999 0",
    "fd0, 999999 0",
    "cdrom, 999999 0"
  })
  void diskOrderSortsAsXenNumbered(String name, String order) throws SaxonApiException {
    assertEquals(order, text(call("disk-order", new XdmAtomicValue(name))));
  }

  @Test
  void renamedDisksAreNumberedInXensOrderOnTheFirstFreeNames() throws SaxonApiException {
    XdmNode devices =
        devices(
            disk("xvdc", "xen")
                + disk("xvda2", "xen")
                + disk("xvda1", "xen")
                + disk("vdb", "virtio"));
    Map<String, String> byOldName = new TreeMap<>();
    for (XdmNode target : devices.select(Steps.path("disk", "target")).asListOfNodes()) {
      // final-name reads the plan (target-plan) for a renamed disk, the name itself otherwise
      byOldName.put(target.attribute("dev"), call("final-name", target).toString());
    }
    // vdb keeps its name, so the renamed disks take vda, vdc, vdd in Xen's order
    assertEquals(Map.of("xvda1", "vda", "xvda2", "vdc", "xvdc", "vdd", "vdb", "vdb"), byOldName);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "root=/dev/xvda1 ro console=hvc0 | root=/dev/vdb ro console=ttyS0",
        "root=/dev/xvda2 resume=/dev/xvdb1 | root=/dev/vda2 resume=/dev/vdc1",
        "root=UUID=1234 console=xvc0 quiet | root=UUID=1234 console=ttyS0 quiet",
        "root=/dev/sdq1 | root=/dev/sdq1"
      })
  void guestCommandLineFollowsTheRenamingAndTheConsole(String before, String after)
      throws SaxonApiException {
    XdmNode devices = devices(disk("xvda1", "xen") + disk("xvda", "xen") + disk("xvdb", "xen"));
    // xvda, xvda1 (an image of one partition) and xvdb become vda, vdb and vdc in Xen's order;
    // xvda2, not a disk of its own, is partition 2 of xvda
    String expected = after.strip();
    assertEquals(
        expected,
        call("guest-command-line", new XdmAtomicValue(before.strip()), devices).toString());
  }

  private static String newName(XdmNode devices, String old) throws SaxonApiException {
    return call("new-device-name", devices, new XdmAtomicValue(old)).toString();
  }

  @Test
  void newDeviceNameOfAPartitionFollowsItsDisk() throws SaxonApiException {
    XdmNode devices = devices(disk("xvda", "xen") + disk("xvdb", "xen"));
    assertEquals(
        List.of("vda", "vda3", "vdb", ""),
        List.of(
            newName(devices, "xvda"),
            newName(devices, "xvda3"),
            newName(devices, "xvdb"),
            newName(devices, "xvdc")));
  }
}
