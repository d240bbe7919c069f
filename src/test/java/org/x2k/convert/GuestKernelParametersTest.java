package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
