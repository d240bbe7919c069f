package org.x2k.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading what libvirt says a host runs, from saved capabilities of real host layouts. */
class HostCapabilitiesTest {
  private static HostCapabilities read(String name) throws Exception {
    Path file = Path.of("src/test/resources/capabilities", name);
    return HostCapabilities.parse(Files.readAllBytes(file), name);
  }

  @Test
  void debianWithoutKvmOffersOnlyQemuWithAnEmulatorPerArchitecture() throws Exception {
    HostCapabilities host = read("debian-no-kvm.capabilities.xml");
    assertEquals("x86_64", host.hostArch());
    assertEquals(List.of("qemu"), host.domainTypes());
    assertEquals(
        Map.of("i686", "/usr/bin/qemu-system-i386", "x86_64", "/usr/bin/qemu-system-x86_64"),
        host.emulatorsFor("qemu"));
    assertEquals(Map.of(), host.emulatorsFor("kvm"));
  }

  @Test
  void rhel6sKvmDomainTypeNamesItsOwnEmulator() throws Exception {
    HostCapabilities host = read("rhel6-kvm.capabilities.xml");
    assertEquals(List.of("kvm", "qemu"), host.domainTypes());
    assertEquals(
        Map.of("i686", "/usr/libexec/qemu-kvm", "x86_64", "/usr/libexec/qemu-kvm"),
        host.emulatorsFor("kvm"));
    assertEquals("/usr/bin/qemu-system-x86_64", host.emulatorsFor("qemu").get("x86_64"));
  }

  @Test
  void domainCapabilitiesDescribeOneTypeAndAnX86QemuRunsI686Too() throws Exception {
    HostCapabilities host = read("rhel8-kvm.domcapabilities.xml");
    assertEquals(List.of("kvm"), host.domainTypes());
    assertEquals(
        Map.of("i686", "/usr/libexec/qemu-kvm", "x86_64", "/usr/libexec/qemu-kvm"),
        host.emulatorsFor("kvm"));
    assertEquals("x86_64", host.hostArch());
  }

  @Test
  void xensOwnGuestTypesAreNotKvmOnes() throws Exception {
    String xenHost =
        "<capabilities><host><cpu><arch>x86_64</arch></cpu></host><guest><os_type>xen</os_type><arch"
            + " name='x86_64'><emulator>/usr/lib/xen/bin/qemu-dm</emulator><domain"
            + " type='xen'/></arch></guest></capabilities>";
    HostCapabilities host = HostCapabilities.parse(xenHost.getBytes(), "xen");
    assertEquals(List.of(), host.domainTypes());
  }

  @Test
  void otherDocumentsAreRefusedInOneLine() {
    CapabilitiesException wrongRoot =
        assertThrows(
            CapabilitiesException.class,
            () -> HostCapabilities.parse("<domain type='kvm'/>".getBytes(), "vm.xml"));
    assertTrue(
        wrongRoot.getMessage().startsWith("vm.xml: root element is <domain>"),
        wrongRoot.getMessage());
    CapabilitiesException broken =
        assertThrows(
            CapabilitiesException.class,
            () -> HostCapabilities.parse("<capabilities>".getBytes(), "cut.xml"));
    assertTrue(
        broken.getMessage().startsWith("cut.xml: not well-formed XML: "), broken.getMessage());
    assertThrows(
        CapabilitiesException.class,
        () ->
            HostCapabilities.parse(
                "<domainCapabilities><arch>x86_64</arch></domainCapabilities>".getBytes(), "f"));
    assertThrows(
        CapabilitiesException.class,
        () -> HostCapabilities.parse("<capabilities/>".getBytes(), "f"));
  }
}
