package org.x2k.guest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.guest.DirectoryFiles;
import org.x2k.guest.Filesystem;
import org.x2k.guest.Finding;
import org.x2k.guest.GuestChange;
import org.x2k.guest.GuestChanges;
import org.x2k.guest.GuestException;
import org.x2k.guest.GuestFacts;
import org.x2k.guest.GuestPlan;

/** The rules' small parts, and what the golden trees do not show. */
class GuestRulesTest {
  @Test
  void xenOnlyKernelFlavoursAreRecognised() {
    for (String xen :
        List.of("2.6.18-419.el5xen", "2.6.32-5-xen-amd64", "3.0.101-63-xen", "2.6.24-19-xen")) {
      assertTrue(BootStack.Kernel.isXenOnly(xen), xen);
    }
    for (String kvm :
        List.of(
            "6.1.0-13-amd64",
            "2.6.18-419.el5",
            "3.0.101-63-default",
            "4.9.0-ucs109-amd64",
            "5.15.0-91-generic",
            "6.1.0-50-cloud-amd64")) {
      assertFalse(BootStack.Kernel.isXenOnly(kvm), kvm);
    }
  }

  @Test
  void consolesAreAddedAfterTheXenConsoleOrBothWhenNoneIsNamed() {
    assertEquals(
        "ro console=hvc0 console=ttyS0 quiet",
        KernelCommandLine.withBothConsoles("ro console=hvc0 quiet"));
    assertEquals(
        "ro quiet console=hvc0 console=ttyS0", KernelCommandLine.withBothConsoles("ro quiet"));
    assertEquals(
        "console=tty0 console=xvc0 console=ttyS0",
        KernelCommandLine.withBothConsoles("console=tty0 console=xvc0"));
    assertEquals(
        "console=ttyS0,115200 console=hvc0",
        KernelCommandLine.withBothConsoles("console=ttyS0,115200 console=hvc0"));
    assertEquals("console=hvc0 console=ttyS0", KernelCommandLine.withBothConsoles(""));
  }

  @Test
  void aDeviceNamedInsideAnotherWordIsLeftAlone(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("etc"));
    Files.writeString(
        guest.resolve("etc/fstab"),
        "/dev/xvda1 / ext4 defaults 0 1\n/srv/dev/xvda1 /mnt none bind 0 0\n");
    GuestChanges changes =
        plan(
            guest,
            Map.of(
                "xvda1",
                new Filesystem("xvda1", "ext4", "0a1b2c3d-0000-4000-8000-00000000000a", "")));
    String fstab = edited(changes, "/etc/fstab");
    assertEquals(
        "UUID=0a1b2c3d-0000-4000-8000-00000000000a / ext4 defaults 0 1\n"
            + "/srv/dev/xvda1 /mnt none bind 0 0\n",
        fstab);
  }

  @Test
  void aRenamedDeviceWithoutUuidOrLabelIsReportedNotGuessed(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("etc"));
    Files.writeString(guest.resolve("etc/fstab"), "/dev/xvdb1 /srv ext2 defaults 0 2\n");
    GuestChanges changes = plan(guest, Map.of("xvdb1", new Filesystem("xvdb1", "ext2", "", "")));
    assertTrue(changes.changes().stream().noneMatch(c -> c.path().equals("/etc/fstab")));
    assertTrue(
        changes.findings().stream().map(Finding::code).toList().contains("guest-device-unnamed"));
    assertTrue(
        changes.findings().get(0).text().contains("/dev/vdb1"), changes.findings().get(0).text());
  }

  @Test
  void aHostileLabelIsNotWrittenIntoFstab(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("etc"));
    Files.writeString(guest.resolve("etc/fstab"), "/dev/xvda1 / ext4 defaults 0 1\n");
    GuestChanges changes =
        plan(guest, Map.of("xvda1", new Filesystem("xvda1", "ext4", "", "x /etc ext4")));
    assertTrue(changes.changes().stream().noneMatch(c -> c.path().equals("/etc/fstab")));
  }

  /** A menu line whose root stays (an LVM name) changed for its console only, and says so. */
  @Test
  void aMenuChangeSaysWhatChangedInIt(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("boot/grub"));
    Files.writeString(
        guest.resolve("boot/grub/menu.lst"),
        "title Debian\n  kernel /vmlinuz-6.1.0-13-amd64 root=/dev/mapper/vg-root ro"
            + " console=hvc0\n");
    GuestChanges lvmRoot =
        plan(
            guest,
            Map.of(
                "xvda1",
                new Filesystem("xvda1", "ext4", "0a1b2c3d-0000-4000-8000-00000000000a", "")));
    assertEquals(
        "GRUB's kernel command line: a console on ttyS0", why(lvmRoot, "/boot/grub/menu.lst"));
    Files.writeString(
        guest.resolve("boot/grub/menu.lst"),
        "title Debian\n  kernel /vmlinuz-6.1.0-13-amd64 root=/dev/xvda1 ro console=hvc0\n");
    GuestChanges xenRoot =
        plan(
            guest,
            Map.of(
                "xvda1",
                new Filesystem("xvda1", "ext4", "0a1b2c3d-0000-4000-8000-00000000000a", "")));
    assertEquals(
        "GRUB's kernel command line: devices by UUID, a console on ttyS0",
        why(xenRoot, "/boot/grub/menu.lst"));
  }

  /** A root on a btrfs subvolume boots with it: the kernel would mount the default otherwise. */
  @Test
  void aSubvolumeRootIsNamedOnTheKernelsCommandLine(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("boot"));
    Files.createDirectories(guest.resolve("lib/modules/6.1.0-13-amd64"));
    Files.writeString(guest.resolve("boot/vmlinuz-6.1.0-13-amd64"), "k");
    GuestChanges changes =
        Planner.plan(
            new DirectoryFiles(guest),
            new GuestFacts(
                "sles",
                15,
                5,
                "SLES",
                Map.of(
                    "xvda2",
                    new Filesystem("xvda2", "btrfs", "0a1b2c3d-0000-4000-8000-00000000000a", "")),
                "xvda2",
                "",
                "@"),
            new GuestPlan(Map.of("xvda", "vda"), List.of(), true, false, ""));
    assertEquals(
        "root=UUID=0a1b2c3d-0000-4000-8000-00000000000a rootflags=subvol=@ ro console=hvc0"
            + " console=ttyS0",
        changes.kernelBoot().orElseThrow().commandLine());
  }

  /**
   * An argument both GRUB_CMDLINE_LINUX and GRUB_CMDLINE_LINUX_DEFAULT give is given: the arguments
   * pygrub booted with are compared against them once each.
   */
  @Test
  void anArgumentGivenTwiceInDefaultGrubIsNotAddedAgain(@TempDir Path guest) throws Exception {
    Path before =
        Path.of("src/test/resources/guest-trees/debian-grub-install-pygrub-menu-arguments/before");
    try (var files = Files.walk(before)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = guest.resolve(before.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
    Files.writeString(
        guest.resolve("etc/default/grub"),
        "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet elevator=noop\"\n"
            + "GRUB_CMDLINE_LINUX=\"elevator=noop\"\n");
    GuestChanges changes =
        Planner.plan(
            new DirectoryFiles(guest),
            new GuestFacts(
                "debian",
                11,
                0,
                "Debian",
                Map.of(
                    "xvda1",
                    new Filesystem("xvda1", "ext3", "4f6c3a9e-2b1d-4e5f-9a7c-0d8e6b2f1a3c", "")),
                "xvda1",
                "/dev/sda"),
            new GuestPlan(Map.of("xvda", "vda"), List.of(), true, true, ""));
    assertEquals(
        "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet elevator=noop\"\n"
            + "GRUB_CMDLINE_LINUX=\"elevator=noop console=hvc0 console=ttyS0 net.ifnames=0\"\n",
        edited(changes, "/etc/default/grub"));
  }

  private static String why(GuestChanges changes, String path) {
    return changes.changes().stream()
        .filter(c -> c instanceof GuestChange.Edit && c.path().equals(path))
        .map(c -> ((GuestChange.Edit) c).why())
        .findFirst()
        .orElseThrow();
  }

  private static GuestChanges plan(Path guest, Map<String, Filesystem> filesystems)
      throws GuestException, IOException {
    Files.createDirectories(guest.resolve("boot"));
    Files.createDirectories(guest.resolve("lib/modules/6.1.0-13-amd64"));
    Files.writeString(guest.resolve("boot/vmlinuz-6.1.0-13-amd64"), "k");
    return Planner.plan(
        new DirectoryFiles(guest),
        new GuestFacts("debian", 12, 0, "Debian", filesystems, "xvda1", ""),
        new GuestPlan(Map.of("xvda", "vda", "xvdb", "vdb"), List.of(), true, false, ""));
  }

  private static String edited(GuestChanges changes, String path) {
    return changes.changes().stream()
        .filter(c -> c instanceof GuestChange.Edit && c.path().equals(path))
        .map(c -> new String(((GuestChange.Edit) c).after(), StandardCharsets.ISO_8859_1))
        .findFirst()
        .orElseThrow();
  }
}
