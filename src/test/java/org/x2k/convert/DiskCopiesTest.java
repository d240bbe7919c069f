package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * disks.xsl's copied disks (--copy-storage): a copied disk names its copy, in the copy's format and
 * type, and leaves the list of storage to copy by hand; the others keep their sources.
 */
class DiskCopiesTest {
  private static final byte[] XEN =
      """
      <domain type='xen'>
        <name>copied</name>
        <uuid>4a5b6c7d-8e9f-4a0b-1c2d-3e4f5a6b7c01</uuid>
        <memory>262144</memory>
        <os><type arch='x86_64'>linux</type><kernel>/boot/vmlinuz</kernel></os>
        <devices>
          <disk type='block' device='disk'>
            <driver name='phy'/>
            <source dev='/dev/vg0/copied-root'/>
            <target dev='xvda' bus='xen'/>
          </disk>
          <disk type='file' device='disk'>
            <driver name='tap' type='aio'/>
            <source file='/var/lib/xen/images/copied-data.img'/>
            <target dev='xvdb' bus='xen'/>
          </disk>
          <disk type='file' device='disk'>
            <source file='/var/lib/xen/images/copied-swap.img'/>
            <target dev='xvdc' bus='xen'/>
          </disk>
          <disk type='file' device='cdrom'>
            <driver name='file'/>
            <source file='/var/lib/xen/images/install.iso'/>
            <target dev='hdc' bus='ide'/>
            <readonly/>
          </disk>
        </devices>
      </domain>
      """
          .getBytes(StandardCharsets.UTF_8);

  private static Report.DiskCopy copy(String xen, String target, String format) {
    return new Report.DiskCopy(xen, "source", target, "file", format, 1, 1, 0.1, true, false);
  }

  @Test
  void copiedDisksNameTheirCopiesAndTheRestIsLeftAsItWas() throws ConversionException {
    DomainConverter converter =
        DomainConverter.xenToKvm(ConversionSettings.DEFAULTS, Map.of(), Map.of());
    List<Report.DiskCopy> copies =
        List.of(
            copy("xvda", "/pool/copied-vda.qcow2", "qcow2"),
            copy("xvdb", "/pool/copied-vdb.img", "raw"),
            copy("xvdc", "/pool/copied-vdc.qcow2", "qcow2"));
    Conversion result = converter.convert(XEN, copies, null);
    String xml = result.xml();
    assertTrue(
        xml.contains(
            "    <disk type='file' device='disk'>\n"
                + "      <driver name='qemu' type='qcow2' cache='none'/>\n"
                + "      <source file='/pool/copied-vda.qcow2'/>\n"
                + "      <target dev='vda' bus='virtio'/>\n"),
        xml);
    assertTrue(xml.contains("<source file='/pool/copied-vdb.img'/>"), xml);
    // a disk whose definition has no driver gets one that says the copy's format
    assertTrue(
        xml.contains(
            "      <driver name='qemu' type='qcow2'/>\n"
                + "      <source file='/pool/copied-vdc.qcow2'/>\n"),
        xml);
    assertTrue(xml.contains("<source file='/var/lib/xen/images/install.iso'/>"), xml);
    assertFalse(xml.contains("/dev/vg0/copied-root"), xml);

    Report report = result.report();
    assertEquals(copies, report.copies());
    assertEquals(
        List.of(new Report.Storage("/var/lib/xen/images/install.iso", "cdrom")), report.storage());
    assertEquals(3, report.changes().stream().filter(c -> c.code().equals("disk-copied")).count());
    String copyStorage =
        report.actions().stream()
            .filter(a -> a.code().equals("copy-storage"))
            .findFirst()
            .orElseThrow()
            .text();
    assertTrue(
        copyStorage.contains("install.iso") && !copyStorage.contains("copied-"), copyStorage);
    // the guest plan tells the copy step each disk's format as Xen has it
    assertEquals(
        List.of("raw", "raw", ""),
        report.guest().orElseThrow().disks().stream()
            .map(GuestDomain.Disk::declaredFormat)
            .toList());
  }
}
