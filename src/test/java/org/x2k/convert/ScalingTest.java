package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Work grows about linearly with the input, for each family of input that once made it grow faster:
 * appends in a native config ({@code disk += ...}, which copied the list each time), many settings,
 * many renamed disks (whose names were searched from 'a' for each), long disk names (whose sort key
 * was a number as long as the name), and the hook's copy of a document with many namespaces. The
 * measure is the bytes the converting thread allocates, a count that does not depend on the
 * machine's speed or load: doubling the input may at most about double it (2.5x); quadratic work
 * quadruples it.
 */
class ScalingTest {
  private static final DomainConverter CONVERT =
      DomainConverter.xenToKvm(ConversionSettings.DEFAULTS, Map.of(), Map.of());
  private static final DomainConverter BRIDGE =
      DomainConverter.bridgesOnly(Map.of("xenbr0", "br0"), Map.of());

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  record Family(String name, DomainConverter converter, IntFunction<String> input, int size) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> families() {
    return Stream.of(
            new Family("native config of list += lines", CONVERT, ScalingTest::appendedItems, 2000),
            new Family("native config of disk += lines", CONVERT, ScalingTest::appendedDisks, 400),
            new Family("native config of many settings", CONVERT, ScalingTest::manySettings, 4000),
            new Family("domain of renamed disks", CONVERT, ScalingTest::renamedDisks, 400),
            new Family("domain of many input devices", CONVERT, ScalingTest::inputDevices, 1000),
            new Family(
                "domain of many top-level elements", CONVERT, ScalingTest::topLevelElements, 2000),
            new Family("domain with a long disk name", CONVERT, ScalingTest::longDiskName, 16_000),
            new Family(
                "hook on a document with many namespaces", BRIDGE, ScalingTest::namespaces, 2000),
            new Family(
                "domain whose devices declare namespaces",
                CONVERT,
                ScalingTest::declaringDevices,
                SafeXmlParser.MAX_DECLARATIONS / 2))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void doublingTheInputAtMostAboutDoublesTheWork(Family family) throws ConversionException {
    allocatedConverting(family, family.size() / 8); // compiled and warmed on a small one
    long once = allocatedConverting(family, family.size());
    long twice = allocatedConverting(family, 2 * family.size());
    double ratio = (double) twice / once;
    System.out.printf(
        "scaling: %s: %d bytes for n=%d, %d for 2n: %.2fx%n",
        family, once, family.size(), twice, ratio);
    assertTrue(
        ratio <= 2.5, family + ": " + once + " bytes for n, " + twice + " for 2n: " + ratio + "x");
  }

  private static long allocatedConverting(Family family, int n) throws ConversionException {
    byte[] input = family.input().apply(n).getBytes(StandardCharsets.UTF_8);
    // the least of three runs: a stray allocation (a class loaded, a cache filled) is not growth
    long least = Long.MAX_VALUE;
    for (int run = 0; run < 3; run++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      family.converter().convert(input);
      least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
    return least;
  }

  /** libvirt's disk suffix for a 0-based index, as names.xsl computes it. */
  static String suffix(int index) {
    String letter = String.valueOf((char) ('a' + index % 26));
    return index < 26 ? letter : suffix(index / 26 - 1) + letter;
  }

  static String appendedDisks(int n) {
    StringBuilder config =
        new StringBuilder("name = 'guest'\nmemory = 512\nbootloader = 'pygrub'\ndisk = []\n");
    for (int i = 0; i < n; i++) {
      config
          .append("disk += ['phy:/dev/vg/d")
          .append(i)
          .append(",xvd")
          .append(suffix(i))
          .append(",w']\n");
    }
    return config.toString();
  }

  static String appendedItems(int n) {
    StringBuilder config =
        new StringBuilder("name = 'guest'\nmemory = 512\nbootloader = 'pygrub'\n");
    for (int i = 0; i < n; i++) {
      config.append("x2k_test_list += ['item ").append(i).append("']\n");
    }
    return config.toString();
  }

  static String manySettings(int n) {
    StringBuilder config =
        new StringBuilder("name = 'guest'\nmemory = 512\nbootloader = 'pygrub'\n");
    for (int i = 0; i < n; i++) {
      config.append("x2k_test_setting_").append(i).append(" = ").append(i).append('\n');
    }
    return config.toString();
  }

  private static String domain(String devices) {
    return "<domain type='xen'><name>guest</name><uuid>6b3ffc4e-cb6b-4b64-96cb-3b0e00b4fa3a</uuid>"
        + "<memory>524288</memory><vcpu>1</vcpu><bootloader>/usr/bin/pygrub</bootloader>"
        + "<os><type>linux</type></os><devices>"
        + devices
        + "</devices></domain>";
  }

  static String renamedDisks(int n) {
    StringBuilder devices = new StringBuilder();
    for (int i = 0; i < n; i++) {
      devices
          .append("<disk type='block' device='disk'><source dev='/dev/vg/d")
          .append(i)
          .append("'/><target dev='xvd")
          .append(suffix(i))
          .append("' bus='xen'/></disk>");
    }
    return domain(devices.toString());
  }

  static String inputDevices(int n) {
    // positional patterns (input[...][1]) once made every device a scan of its siblings
    return domain("<input type='mouse' bus='ps2'/><input type='tablet' bus='xen'/>".repeat(n / 2));
  }

  static String topLevelElements(int n) {
    // out of libvirt's order, each after one libvirt writes later: the repair sorts them
    return domain("")
        .replace(
            "<vcpu>",
            "<description>d</description><on_reboot>restart</on_reboot>".repeat(n / 2) + "<vcpu>");
  }

  static String longDiskName(int n) {
    return domain(
        "<disk type='block' device='disk'><source dev='/dev/vg/root'/><target dev='xvd"
            + "z".repeat(n)
            + "' bus='xen'/></disk>");
  }

  static String namespaces(int n) {
    StringBuilder declarations = new StringBuilder();
    for (int i = 0; i < SafeXmlParser.MAX_NAMESPACES - 1; i++) {
      declarations.append(" xmlns:n").append(i).append("='urn:x2k:test:").append(i).append('\'');
    }
    StringBuilder devices = new StringBuilder();
    for (int i = 0; i < n; i++) {
      devices
          .append("<interface type='bridge'><source bridge='xenbr0'/><mac address='00:16:3e:00:")
          .append(String.format("%02x:%02x", i / 256 % 256, i % 256))
          .append("'/></interface>");
    }
    return domain(devices.toString())
        .replaceFirst("<domain type='xen'", "<domain type='xen'" + declarations);
  }

  /** Each NIC declares a namespace of its own (the bound on declarations is twice n). */
  static String declaringDevices(int n) {
    StringBuilder devices = new StringBuilder();
    for (int i = 0; i < n; i++) {
      devices
          .append("<interface type='bridge' xmlns:d")
          .append(i)
          .append("='urn:x2k:test:")
          .append(i)
          .append("'><source bridge='xenbr0'/><mac address='00:16:3e:00:")
          .append(String.format("%02x:%02x", i / 256 % 256, i % 256))
          .append("'/></interface>");
    }
    return domain(devices.toString());
  }
}
