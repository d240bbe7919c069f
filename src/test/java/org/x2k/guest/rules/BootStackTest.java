package org.x2k.guest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.guest.DirectoryFiles;
import org.x2k.guest.GuestChange;
import org.x2k.guest.GuestChanges;
import org.x2k.guest.GuestFacts;
import org.x2k.guest.GuestPlan;
import org.x2k.guest.rules.BootStack.Bootloader.Menu;
import org.x2k.guest.rules.BootStack.Initramfs;
import org.x2k.guest.rules.BootStack.Kernel;

/** The guest's boot stack is found once, and every rule reads the same answer from it. */
class BootStackTest {
  @Test
  void aDebianGuestHasInitramfsToolsGrub2AndItsInstaller(@TempDir Path guest) throws Exception {
    kernel(guest, "6.1.0-13-amd64", "initrd.img-6.1.0-13-amd64");
    file(guest, "usr/sbin/update-initramfs");
    Files.createDirectories(guest.resolve("etc/initramfs-tools"));
    file(guest, "boot/grub/grub.cfg");
    file(guest, "etc/default/grub");
    file(guest, "usr/sbin/grub-install");
    file(guest, "usr/sbin/grub-mkconfig");
    Files.createDirectories(guest.resolve("usr/lib/grub/i386-pc"));

    BootStack boot = BootStack.detect(new DirectoryFiles(guest));

    assertEquals(
        new Initramfs(Initramfs.Kind.INITRAMFS_TOOLS, "/usr/sbin/update-initramfs", false),
        boot.initramfs());
    assertEquals(List.of(new Menu("/boot/grub/grub.cfg", false, false)), boot.bootloader().menus());
    assertEquals(Optional.of("/etc/default/grub"), boot.bootloader().defaults());
    assertEquals(
        Optional.of(
            new BootStack.Bootloader.Installer(
                "/boot/grub", "/usr/sbin/grub-install", "/usr/sbin/grub-mkconfig")),
        boot.bootloader().installer());
    assertEquals(
        List.of(
            new Kernel(
                "6.1.0-13-amd64",
                "/boot/vmlinuz-6.1.0-13-amd64",
                false,
                Optional.of("/boot/initrd.img-6.1.0-13-amd64"))),
        boot.kernels());
  }

  @Test
  void kernelsAreNewestFirstByTheirNumbersAndXenFlavoursAreKnown(@TempDir Path guest)
      throws Exception {
    kernel(guest, "2.6.18-9.el5", null);
    kernel(guest, "2.6.18-10.el5xen", null);
    kernel(guest, "2.6.18-10.el5", null);

    BootStack boot = BootStack.detect(new DirectoryFiles(guest));

    assertEquals(List.of("2.6.18-10.el5xen", "2.6.18-10.el5", "2.6.18-9.el5"), boot.versions());
    assertEquals(
        List.of("2.6.18-10.el5", "2.6.18-9.el5"),
        boot.forKvm().stream().map(Kernel::version).toList());
  }

  @Test
  void aRedHat5MenuLinkIsReadButNotEdited(@TempDir Path guest) throws Exception {
    kernel(guest, "2.6.18-419.el5", "initrd-2.6.18-419.el5.img");
    file(guest, "sbin/mkinitrd");
    file(guest, "etc/modprobe.conf");
    file(guest, "boot/grub/grub.conf");
    Files.createSymbolicLink(guest.resolve("boot/grub/menu.lst"), Path.of("./grub.conf"));

    BootStack boot = BootStack.detect(new DirectoryFiles(guest));

    assertEquals(Initramfs.Kind.REDHAT5_MKINITRD, boot.initramfs().kind());
    assertEquals(
        List.of(
            new Menu("/boot/grub/menu.lst", true, true),
            new Menu("/boot/grub/grub.conf", true, false)),
        boot.bootloader().menus());
    assertEquals(Optional.empty(), boot.bootloader().installer());
  }

  /**
   * SUSE's mkinitrd writes /boot/initrd-VERSION: a kernel without an image yet boots the image that
   * the rebuild makes, not another tool's name for it.
   */
  @Test
  void theKernelBootsTheImageItsInitramfsToolMakes(@TempDir Path guest) throws Exception {
    kernel(guest, "3.0.101-63-default", null);
    file(guest, "sbin/mkinitrd");
    file(guest, "etc/sysconfig/kernel", "INITRD_MODULES=\"xenblk\"\n");
    DirectoryFiles files = new DirectoryFiles(guest);

    GuestChanges changes =
        Planner.plan(
            files,
            new GuestFacts("sles", 11, 4, "SLES", Map.of(), "xvda2", ""),
            new GuestPlan(Map.of("xvda", "vda"), List.of(), true, false, "root=/dev/xvda2"));

    String booted = changes.kernelBoot().orElseThrow().initrd();
    assertEquals("/boot/initrd-3.0.101-63-default", booted);
    GuestChange.Run rebuild =
        changes.changes().stream()
            .filter(GuestChange.Run.class::isInstance)
            .map(GuestChange.Run.class::cast)
            .findFirst()
            .orElseThrow();
    assertTrue(rebuild.rewrites().contains(booted), rebuild.rewrites().toString());
  }

  private static void kernel(Path guest, String version, String initrd) throws IOException {
    file(guest, "boot/vmlinuz-" + version);
    Files.createDirectories(guest.resolve("lib/modules/" + version));
    if (initrd != null) {
      file(guest, "boot/" + initrd);
    }
  }

  private static void file(Path guest, String path) throws IOException {
    file(guest, path, "x");
  }

  private static void file(Path guest, String path, String content) throws IOException {
    Files.createDirectories(guest.resolve(path).getParent());
    Files.writeString(guest.resolve(path), content);
  }
}
