package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the guest step reads of a conversion: which disks it may write to. */
class GuestDomainTest {
  @Test
  void readOnlyAndShareableDisksAreKnownAsSuch() throws Exception {
    String xen =
        Files.readString(Path.of("examples/debian-xentools-pv.xen.xml"))
            .replace(
                "<source dev='/dev/vg0/web01-swap'/>",
                "<source dev='/dev/vg0/web01-swap'/><shareable/>")
            .replace("<source dev='/dev/vg0/web01-disk'/>", "<source dev='/dev/vg0/web01-disk'/>");
    String withData =
        xen.replace(
            "<interface type='bridge'>",
            "<disk type='block' device='disk'><driver name='phy'/>"
                + "<source dev='/dev/vg0/shared-data'/><target dev='xvdb' bus='xen'/><readonly/>"
                + "</disk>\n    <interface type='bridge'>");
    byte[] input = withData.getBytes(StandardCharsets.UTF_8);
    DomainConverter converter =
        DomainConverter.xenToKvm(ConversionSettings.DEFAULTS, Map.of(), Map.of());
    GuestDomain domain = converter.convert(input).report().guest().orElseThrow();
    assertEquals(
        List.of(true, false, true),
        domain.disks().stream().map(GuestDomain.Disk::readOnly).toList(),
        domain.disks().toString());
  }
}
