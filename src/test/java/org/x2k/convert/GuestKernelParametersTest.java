package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * x2k guest's kernel for direct boot (xen2qemu params guest-kernel, guest-initrd, guest-cmdline)
 * replaces whatever booted the guest under Xen, in libvirt's order.
 */
class GuestKernelParametersTest {
  private static final ConversionSettings.DirectBoot GUEST_KERNEL =
      new ConversionSettings.DirectBoot(
          "/var/lib/libvirt/boot/vm/vmlinuz-6.1.0-13-amd64",
          "/var/lib/libvirt/boot/vm/initrd.img-6.1.0-13-amd64",
          "root=UUID=4f6c3a9e-2b1d-4e5f-9a7c-0d8e6b2f1a3c ro console=hvc0 console=ttyS0");

  private static String os(String xml) {
    return xml.substring(xml.indexOf("<os>"), xml.indexOf("</os>") + 5);
  }

  @Test
  void aPygrubGuestBootsItsOwnKernelInsteadOfTheDisk() throws Exception {
    byte[] xen = Files.readAllBytes(Path.of("examples/ucs3-pv.xen.xml"));
    DomainConverter converter =
        DomainConverter.xenToKvm(ConversionSettings.DEFAULTS, Map.of(), Map.of());
    assertTrue(os(converter.convert(xen).xml()).contains("<boot dev='hd'/>"));
    String os = os(converter.convert(xen, GUEST_KERNEL).xml());
    assertEquals(
        "<os>\n    <type arch='x86_64'>hvm</type>\n"
            + "    <kernel>/var/lib/libvirt/boot/vm/vmlinuz-6.1.0-13-amd64</kernel>\n"
            + "    <initrd>/var/lib/libvirt/boot/vm/initrd.img-6.1.0-13-amd64</initrd>\n"
            + "    <cmdline>root=UUID=4f6c3a9e-2b1d-4e5f-9a7c-0d8e6b2f1a3c ro console=hvc0"
            + " console=ttyS0</cmdline>\n  </os>",
        os);
  }

  @Test
  void dom0sKernelIsReplacedToo() throws Exception {
    byte[] xen = Files.readAllBytes(Path.of("examples/debian-xentools-pv.xen.xml"));
    DomainConverter converter =
        DomainConverter.xenToKvm(ConversionSettings.DEFAULTS, Map.of(), Map.of());
    String before = os(converter.convert(xen).xml());
    assertTrue(before.contains("<kernel>/boot/vmlinuz-2.6.32-5-xen-amd64</kernel>"), before);
    String os = os(converter.convert(xen, GUEST_KERNEL).xml());
    assertFalse(os.contains("2.6.32-5-xen-amd64"), os);
    assertTrue(os.contains("<kernel>/var/lib/libvirt/boot/vm/vmlinuz-6.1.0-13-amd64</kernel>"));
    assertFalse(os.contains("<boot "), os);
  }

  /**
   * The report describes the domain as written: a guest booted with its own kernel has no change
   * that says it boots from its disk or got a VGA for GRUB, and nothing asks for a boot loader or
   * Xen's command line; one change names the kernel, initrd and command line it boots.
   */
  @Test
  void theReportOfADirectBootDescribesTheWrittenDomain() throws Exception {
    DomainConverter converter =
        DomainConverter.xenToKvm(ConversionSettings.DEFAULTS, Map.of(), Map.of());
    for (String example :
        List.of("examples/ucs3-pv.xen.xml", "examples/debian-xentools-pv.xen.xml")) {
      Conversion conversion = converter.convert(Files.readAllBytes(Path.of(example)), GUEST_KERNEL);
      String xml = conversion.xml();
      List<String> changes =
          conversion.report().changes().stream().map(c -> c.code() + ": " + c.text()).toList();
      List<String> actions =
          conversion.report().actions().stream().map(Report.Action::code).toList();
      assertFalse(xml.contains("<video>"), example + ": " + xml);
      assertTrue(
          changes.stream().noneMatch(c -> c.contains("first disk") || c.startsWith("video-added")),
          example + ": " + changes);
      assertTrue(
          changes.stream()
              .anyMatch(
                  c ->
                      c.startsWith("guest-kernel-boot: ")
                          && c.contains(GUEST_KERNEL.kernel())
                          && c.contains(GUEST_KERNEL.initrd())
                          && c.contains(GUEST_KERNEL.commandLine())),
          example + ": " + changes);
      assertTrue(
          actions.stream()
              .noneMatch(
                  a ->
                      List.of("guest-kernel", "guest-command-line", "host-kernel-files")
                          .contains(a)),
          example + ": " + actions);
      String replaced =
          example.contains("xentools")
              ? "kernel-replaced: kernel /boot/vmlinuz-2.6.32-5-xen-amd64 (dom0's) → the guest"
                  + " boots its own kernel "
                  + GUEST_KERNEL.kernel()
                  + " directly"
              : "bootloader-dropped: bootloader /usr/bin/pygrub (run by dom0) dropped: the guest"
                  + " boots its own kernel "
                  + GUEST_KERNEL.kernel()
                  + " directly";
      assertTrue(changes.contains(replaced), example + ": " + changes);
    }
  }
}
