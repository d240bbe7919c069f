package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * An fstab entry on a btrfs subvolume mounts that subvolume, not the filesystem's top level.
 * (Mounting a real one: scripts/check-guest's btrfs guest.)
 */
class GuestMountsTest {
  @Test
  void aSubvolumeOptionNamesTheSubvolumeToMount() {
    assertEquals(
        "btrfsvol:/dev/sda2/@boot", GuestSession.mountable("/dev/sda2", "defaults,subvol=@boot"));
    assertEquals(
        "btrfsvol:/dev/sda2/@/home",
        GuestSession.mountable("/dev/sda2", "subvol=/@/home,compress"));
    assertEquals("/dev/sda2", GuestSession.mountable("/dev/sda2", "defaults,subvolid=257"));
    assertEquals("/dev/sda1", GuestSession.mountable("/dev/sda1", "errors=remount-ro"));
    assertEquals(
        "btrfsvol:/dev/sda2/@", GuestSession.mountable("btrfsvol:/dev/sda2/@", "subvol=@"));
  }
}
