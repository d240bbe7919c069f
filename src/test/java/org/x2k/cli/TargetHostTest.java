package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Converting for a known KVM host: --capabilities FILE (saved virsh capabilities or
 * domcapabilities) and --define URI, which asks the host. The domain type must be one the host
 * offers, a guest of an architecture it does not run is refused, and the emulator is the host's.
 */
class TargetHostTest {
  private static final Path CAPABILITIES = Path.of("src/test/resources/capabilities");

  @TempDir Path dir;

  private static String caps(String name) {
    return CAPABILITIES.resolve(name).toString();
  }

  /** An HVM Xen domain of architecture {@code arch} (none when empty) with Xen's device model. */
  private Path domain(String name, String arch) throws Exception {
    String archAttribute = arch.isEmpty() ? "" : " arch='" + arch + "'";
    Path file = dir.resolve(name + ".xml");
    Files.writeString(
        file,
        "<domain type='xen'>\n"
            + "  <name>"
            + name
            + "</name>\n"
            + "  <uuid>3f0e5a43-2c1b-4d8e-9f7a-6b5c4d3e2f1a</uuid>\n"
            + "  <memory unit='KiB'>262144</memory>\n"
            + "  <vcpu>1</vcpu>\n"
            + "  <os>\n"
            + "    <type"
            + archAttribute
            + " machine='xenfv'>hvm</type>\n"
            + "  </os>\n"
            + "  <devices>\n"
            + "    <emulator>/usr/lib/xen/bin/qemu-dm</emulator>\n"
            + "  </devices>\n"
            + "</domain>\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private static String emulatorOf(String xml) {
    int start = xml.indexOf("<emulator>");
    return start < 0
        ? ""
        : xml.substring(start + "<emulator>".length(), xml.indexOf("</emulator>"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"debian-no-kvm.capabilities.xml", "debian-no-kvm.domcapabilities.xml"})
  void hostWithoutKvmStopsBeforeAnyConversionAndSuggestsTypeQemu(String file) throws Exception {
    Path out = dir.resolve("out");
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "--capabilities",
            caps(file),
            domain("vm1", "x86_64").toString(),
            domain("vm2", "x86_64").toString(),
            "-o",
            out + "/");
    assertEquals(1, result.exitCode(), result.err());
    assertEquals(
        List.of(
            "x2k: the KVM host of "
                + caps(file)
                + " cannot run kvm domains: it offers only qemu domains; without KVM there, convert"
                + " with --type qemu (QEMU's emulation, much slower)"),
        result.errLines());
    assertFalse(Files.exists(out), "nothing may be written when the host cannot run the domains");
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
    "debian-no-kvm.capabilities.xml,    qemu, x86_64, /usr/bin/qemu-system-x86_64",
    "debian-no-kvm.capabilities.xml,    qemu, i686,   /usr/bin/qemu-system-i386",
    "debian-no-kvm.domcapabilities.xml, qemu, x86_64, /usr/bin/qemu-system-x86_64",
    "debian-kvm.capabilities.xml,       kvm,  x86_64, /usr/bin/qemu-system-x86_64",
    "rhel8-kvm.capabilities.xml,        kvm,  x86_64, /usr/libexec/qemu-kvm",
    "rhel8-kvm.capabilities.xml,        kvm,  i686,   /usr/libexec/qemu-kvm",
    "rhel8-kvm.domcapabilities.xml,     kvm,  x86_64, /usr/libexec/qemu-kvm",
    "rhel8-kvm.domcapabilities.xml,     kvm,  i686,   /usr/libexec/qemu-kvm",
    // RHEL 6: the kvm domain type names its own emulator, unlike the architecture
    "rhel6-kvm.capabilities.xml,        kvm,  x86_64, /usr/libexec/qemu-kvm",
    "rhel6-kvm.capabilities.xml,        qemu, x86_64, /usr/bin/qemu-system-x86_64",
    // a domain that names no architecture gets the host's, and that one's emulator
    "rhel8-kvm.capabilities.xml,        kvm,  '',     /usr/libexec/qemu-kvm",
  })
  void emulatorIsTheOneTheHostReportsForTheGuestsArchitecture(
      String file, String type, String arch, String emulator) throws Exception {
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "--quiet",
            "--type",
            type,
            "--capabilities",
            caps(file),
            domain("vm", arch).toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(emulator, emulatorOf(result.out()));
    assertTrue(result.out().startsWith("<domain type='" + type + "'>"), result.out());
  }

  @Test
  void emulatorOptionWinsOverTheHostsAndNoneDropsIt() throws Exception {
    Path vm = domain("vm", "x86_64");
    Cli.Result chosen =
        Cli.run(
            "",
            "convert",
            "--quiet",
            "--emulator",
            "/opt/qemu/bin/qemu-system-x86_64",
            "--capabilities",
            caps("rhel8-kvm.capabilities.xml"),
            vm.toString());
    assertEquals(0, chosen.exitCode(), chosen.err());
    assertEquals("/opt/qemu/bin/qemu-system-x86_64", emulatorOf(chosen.out()));
    Cli.Result none =
        Cli.run(
            "",
            "convert",
            "--quiet",
            "--emulator",
            "none",
            "--capabilities",
            caps("rhel8-kvm.capabilities.xml"),
            vm.toString());
    assertEquals(0, none.exitCode(), none.err());
    assertFalse(none.out().contains("<emulator"), none.out());
  }

  @Test
  void withoutAKnownHostXensEmulatorIsDroppedForLibvirtToChoose() throws Exception {
    Cli.Result result = Cli.run("", "convert", domain("vm", "x86_64").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertFalse(result.out().contains("<emulator"), result.out());
    assertFalse(result.out().contains("/usr/bin/kvm"), result.out());
    assertTrue(
        result
            .err()
            .contains("emulator /usr/lib/xen/bin/qemu-dm → the host's default (element dropped)"),
        result.err());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ia64", "ppc64", "aarch64"})
  void guestOfAnArchitectureTheHostDoesNotRunIsRefusedInOneLineAndTheBatchGoesOn(String arch)
      throws Exception {
    Path out = dir.resolve("out");
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "--capabilities",
            caps("rhel8-kvm.capabilities.xml"),
            "--quiet",
            domain("foreign", arch).toString(),
            domain("native", "x86_64").toString(),
            "-o",
            out + "/");
    assertEquals(1, result.exitCode(), result.err());
    assertEquals(
        List.of(
            "x2k: "
                + dir.resolve("foreign.xml")
                + ": architecture "
                + arch
                + ": the KVM host of "
                + caps("rhel8-kvm.capabilities.xml")
                + " runs kvm domains for i686, x86_64 only",
            "x2k: 1 converted, 1 failed"),
        result.errLines());
    assertEquals(List.of("native.xml"), HostileInputTest.written(out));
  }

  @Test
  void withoutAKnownHostOnlyX86GuestsAreConverted() throws Exception {
    Cli.Result ia64 = Cli.run("", "convert", "--quiet", domain("itanium", "ia64").toString());
    assertEquals(1, ia64.exitCode(), ia64.err());
    assertEquals(
        List.of(
            "x2k: "
                + dir.resolve("itanium.xml")
                + ": architecture ia64: x2k converts x86 guests (i686, x86_64), which KVM runs on"
                + " x86 hosts; an ia64 guest cannot move to one"),
        ia64.errLines());
    assertEquals("", ia64.out());
    for (String arch : List.of("i686", "x86_64", "")) {
      Cli.Result x86 = Cli.run("", "convert", "--quiet", domain("vm", arch).toString());
      assertEquals(0, x86.exitCode(), arch + ": " + x86.err());
    }
  }

  @Test
  void capabilitiesProblemsAreUsageErrorsOfOneLine() throws Exception {
    Path vm = domain("vm", "x86_64");
    assertUsage(
        "x2k: --capabilities: cannot read " + dir.resolve("missing.xml") + ": no such file",
        "--capabilities",
        dir.resolve("missing.xml").toString(),
        vm.toString());
    assertUsage(
        "x2k: --capabilities: "
            + vm
            + ": root element is <domain>, expected libvirt's <capabilities>"
            + " or <domainCapabilities>",
        "--capabilities",
        vm.toString(),
        vm.toString());
    Path doctype = dir.resolve("doctype.xml");
    Files.writeString(
        doctype,
        "<!DOCTYPE capabilities [<!ENTITY e SYSTEM 'file:///etc/shadow'>]>"
            + "<capabilities>&e;</capabilities>");
    Cli.Result entity = Cli.run("", "convert", "--capabilities", doctype.toString(), vm.toString());
    assertEquals(2, entity.exitCode(), entity.err());
    assertEquals(
        "x2k: --capabilities: "
            + doctype
            + ": refused: a DOCTYPE declaration (x2k reads no DTDs"
            + " or external entities, and libvirt never writes them)",
        entity.errLines().get(0));
    assertFalse(entity.err().contains("root:"), "no file may be read into the message");
    assertUsage(
        "x2k: --define asks URI what it runs: drop --capabilities",
        "--capabilities",
        caps("rhel8-kvm.capabilities.xml"),
        "--define",
        "qemu:///system",
        vm.toString());
  }

  private static void assertUsage(String expected, String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "convert";
    System.arraycopy(options, 0, args, 1, options.length);
    Cli.Result result = Cli.run("", args);
    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().startsWith(expected), result.err());
  }

  /**
   * --define asks the host first: libvirt's built-in test host offers only "test" domains, so no
   * kvm domain can go there, and x2k says so once, before converting anything.
   */
  @Test
  void defineOnAHostWithoutTheTypeStopsWithOneLine() throws Exception {
    Assumptions.assumeTrue(
        Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0"))
            || Files.exists(Path.of("/usr/lib64/libvirt.so.0")),
        "libvirt's client library is not installed here");
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "--define",
            "test:///default",
            domain("vm1", "x86_64").toString(),
            domain("vm2", "x86_64").toString());
    assertEquals(1, result.exitCode(), result.err());
    assertEquals(
        List.of(
            "x2k: test:///default cannot run kvm domains: it offers only test domains;"
                + " is it a KVM host?"),
        result.errLines());
    assertEquals("", result.out());
  }
}
