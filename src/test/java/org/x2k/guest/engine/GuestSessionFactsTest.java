package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.x2k.guest.GuestFacts;

/** What inspection's answers make of the guest's root, whatever names the appliance gave. */
class GuestSessionFactsTest {
  /**
   * The calls facts() makes, answered as libguestfs did for a btrfs guest when the appliance's
   * kernel found its own disk first: the subvolume mountables name the guest's partition /dev/sdb2,
   * the plain devices /dev/sda2, as the disk was added.
   */
  public static final class SwappedNamesAppliance {
    public String vfs_uuid(String device) {
      return device.startsWith("/dev/sda2") ? "05155e5d-7fc7-45a4-b6f5-b12422edb616" : "";
    }

    public String vfs_label(String device) {
      return "";
    }

    public String mountable_subvolume(String mountable) {
      return mountable.substring(mountable.lastIndexOf('/') + 1);
    }

    public String inspect_get_distro(String root) {
      return "debian";
    }

    public int inspect_get_major_version(String root) {
      return 12;
    }

    public int inspect_get_minor_version(String root) {
      return 0;
    }

    public String inspect_get_product_name(String root) {
      return "Debian GNU/Linux 12 (bookworm)";
    }

    public String part_get_parttype(String disk) {
      return "msdos";
    }

    public void close() {}
  }

  /**
   * A btrfs guest's mounts as that appliance makes them: mountpoints names each mounted device as
   * the disk was added, one mount point per device (the last mounted wins).
   */
  public static final class SwappedNamesMounts {
    final Map<String, String> byDevice = new LinkedHashMap<>();

    public void mount(String mountable, String mountpoint) {
      byDevice.put(mountable.replaceFirst("^btrfsvol:/dev/sd[ab]2/.*", "/dev/sda2"), mountpoint);
    }

    public Map<String, String> mountpoints() {
      return Map.copyOf(byDevice);
    }

    public boolean is_file(String path, Map<?, ?> options) {
      return path.equals("/etc/fstab");
    }

    public boolean is_dir(String path, Map<?, ?> options) {
      return path.equals("/boot");
    }

    public long filesize(String path) {
      return FSTAB.length;
    }

    public void download(String path, String local) throws IOException {
      Files.write(Path.of(local), FSTAB);
    }

    public void close() {}

    static final byte[] FSTAB =
        "/dev/xvda2 / btrfs subvol=@ 0 0\n/dev/xvda2 /boot btrfs subvol=@boot 0 0\n"
            .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theRootsDeviceIsAskedBeforeASubvolumeOfTheSameDeviceIsMountedOnBoot() throws Exception {
    SwappedNamesMounts appliance = new SwappedNamesMounts();
    try (Libguestfs guest = Libguestfs.over(appliance, new StageClock())) {
      String rootDevice =
          GuestSession.mount(
              guest,
              "btrfsvol:/dev/sdb2/@",
              Map.of("/dev/sda2", "btrfs", "btrfsvol:/dev/sdb2/@", "btrfs"),
              Map.of("/dev/sda", "xvda", "/dev/sda2", "xvda2"),
              List.of(),
              new ArrayList<>());
      assertEquals("/dev/sda2", rootDevice);
      assertEquals(Map.of("/dev/sda2", "/boot"), appliance.byDevice); // /boot was mounted after
    }
  }

  @Test
  void aSubvolumeRootIsFoundWhenTheApplianceNamesItsDeviceOtherwise() throws Exception {
    try (Libguestfs guest = Libguestfs.over(new SwappedNamesAppliance(), new StageClock())) {
      GuestFacts facts =
          GuestSession.facts(
              guest,
              "/dev/sda",
              "btrfsvol:/dev/sdb2/@",
              "/dev/sda2",
              Map.of(
                  "/dev/sda1", "swap",
                  "/dev/sda2", "btrfs",
                  "btrfsvol:/dev/sdb2/@", "btrfs",
                  "btrfsvol:/dev/sdb2/@boot", "btrfs"),
              Map.of("/dev/sda", "xvda", "/dev/sda1", "xvda1", "/dev/sda2", "xvda2"));
      assertEquals("xvda2", facts.rootDevice());
      assertEquals("@", facts.rootSubvolume());
      assertEquals(
          "UUID=05155e5d-7fc7-45a4-b6f5-b12422edb616",
          facts.root().orElseThrow().stableReference().orElseThrow());
    }
  }
}
