package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LuksNamesTest {
  private static final Map<String, String> UUIDS =
      Map.of(
          "/dev/sda2", "0b1c2d3e-0000-4000-8000-000000000001",
          "/dev/sdb1", "0b1c2d3e-0000-4000-8000-000000000002");
  private static final Map<String, String> XEN_NAMES =
      Map.of("/dev/sda", "xvda", "/dev/sda2", "xvda2", "/dev/sdb1", "xvdb1");

  @Test
  void crypttabNamesTheOpenedDevicesByUuidOrByTheirXenName() {
    String crypttab =
        "# <target name> <source device> <key file> <options>\n"
            + "sda2_crypt UUID=0B1C2D3E-0000-4000-8000-000000000001 none luks,discard\n"
            + "\n"
            + "data_crypt /dev/xvdb1 /etc/keys/data luks\n";
    assertEquals(
        Map.of("/dev/sda2", "sda2_crypt", "/dev/sdb1", "data_crypt"),
        LuksNames.fromCrypttab(crypttab, UUIDS, XEN_NAMES));
  }

  @Test
  void byUuidPathToo() {
    assertEquals(
        Map.of("/dev/sda2", "root_crypt"),
        LuksNames.fromCrypttab(
            "root_crypt /dev/disk/by-uuid/0b1c2d3e-0000-4000-8000-000000000001 none luks\n",
            UUIDS,
            XEN_NAMES));
  }

  @Test
  void devicesNotOpenedAndSourcesNotUnderstoodAreLeftOut() {
    String crypttab =
        "swap_crypt /dev/xvda1 /dev/urandom swap\n" // no LUKS device x2k opened
            + "home_crypt PARTUUID=1234-02 none luks\n"
            + "lonely\n"
            + "other_crypt UUID=ffffffff-0000-4000-8000-000000000009 none luks\n";
    assertEquals(Map.of(), LuksNames.fromCrypttab(crypttab, UUIDS, XEN_NAMES));
  }

  @Test
  void aHostileOrRepeatedNameIsNotPassedOn() {
    String crypttab =
        "../../dev/sda /dev/xvda2 none luks\n"
            + "-o none luks\n"
            + "first_crypt /dev/xvdb1 none luks\n"
            + "second_crypt UUID=0b1c2d3e-0000-4000-8000-000000000002 none luks\n"
            + "first_crypt UUID=0b1c2d3e-0000-4000-8000-000000000001 none luks\n";
    // xvda2's entries: a path and a name given twice; xvdb1 keeps its first entry's name
    assertEquals(
        Map.of("/dev/sdb1", "first_crypt"), LuksNames.fromCrypttab(crypttab, UUIDS, XEN_NAMES));
  }

  @Test
  void aRenamedMappingRenamesItsDeviceAndItsSubvolumesOnly() {
    Map<String, String> renamed = Map.of("/dev/mapper/x2k-luks-1", "/dev/mapper/root_crypt");
    assertEquals(
        "/dev/mapper/root_crypt", GuestSession.renamedMountable("/dev/mapper/x2k-luks-1", renamed));
    assertEquals(
        "btrfsvol:/dev/mapper/root_crypt/@",
        GuestSession.renamedMountable("btrfsvol:/dev/mapper/x2k-luks-1/@", renamed));
    assertEquals(
        "/dev/mapper/x2k-luks-10",
        GuestSession.renamedMountable("/dev/mapper/x2k-luks-10", renamed));
    assertEquals("/dev/vg/root", GuestSession.renamedMountable("/dev/vg/root", renamed));
  }
}
