package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An HVM guest's xvd disk was emulated by Xen's QEMU and taken over by PV drivers: it stays
 * emulated unless the guest is known to get virtio drivers (the guest step) or --disk-bus says.
 */
class HvmXenDisksTest {
  private static final byte[] HVM =
      """
      <domain type='xen'>
        <name>hvm-xvda</name>
        <uuid>4a5b6c7d-8e9f-4a0b-1c2d-3e4f5a6b7c8d</uuid>
        <memory>1048576</memory>
        <os><type arch='x86_64' machine='xenfv'>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader></os>
        <devices>
          <disk type='block' device='disk'>
            <source dev='/dev/vg0/hvm-xvda'/>
            <target dev='xvda' bus='xen'/>
          </disk>
        </devices>
      </domain>
      """
          .getBytes(StandardCharsets.UTF_8);

  private static String convert(ConversionSettings settings) throws ConversionException {
    return DomainConverter.xenToKvm(settings, Map.of(), Map.of()).convert(HVM).xml();
  }

  @Test
  void staysEmulatedByDefault() throws ConversionException {
    String xml = convert(ConversionSettings.DEFAULTS);
    assertTrue(xml.contains("<target dev='hda' bus='ide'/>"), xml);
  }

  @Test
  void goesToVirtioWhenTheGuestStepGivesItTheDrivers() throws ConversionException {
    String xml = convert(ConversionSettings.DEFAULTS.withGuestVirtio());
    assertTrue(xml.contains("<target dev='vda' bus='virtio'/>"), xml);
  }

  @Test
  void goesWhereDiskBusSays() throws ConversionException {
    ConversionSettings sata =
        new ConversionSettings(
            null,
            null,
            null,
            null,
            ConversionSettings.DiskBus.sata,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            false,
            false);
    String xml = convert(sata);
    assertTrue(xml.contains("<target dev='sda' bus='sata'/>"), xml);
  }
}
