package org.x2k.guest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the guest boots on KVM. pygrub and PV-GRUB read the guest's menu in dom0; KVM's BIOS needs a
 * bootloader on the disk. A guest whose GRUB was installed for BIOS (core.img in /boot/grub) boots
 * from its disk; any other boots its own newest kernel and initramfs, which x2k copies out to the
 * host (direct kernel boot), as does a guest Xen booted with dom0's kernel.
 */
final class BootRules {
  private BootRules() {}

  /**
   * The XML report's actions these rules do in the guest (a kernel and bootloader of the guest's
   * own, with Xen's arguments).
   */
  static final Set<String> COMPLETES = Set.of("guest-kernel", "guest-command-line");

  private static final Pattern ROOT = Pattern.compile("(?<=^|\\s)root=\\S+");

  static void apply(Planner planner, Kernels kernels) throws GuestException {
    if (kernels.forKvm().isEmpty()) {
      planner.finding(
          "guest-host-kernel",
          "required",
          "the guest has no kernel for KVM of its own"
              + (kernels.all().isEmpty() ? "" : " (only " + String.join(", ", kernels.all()) + ")")
              + ": it keeps booting the host's kernel, which must have virtio drivers");
      return;
    }
    if (planner.plan.bootsFromDisk() && hasBiosGrub(planner)) {
      return;
    }
    if (planner.plan.bootsFromDisk() && installGrub(planner)) {
      return;
    }
    String version = kernels.forKvm().get(0);
    String kernel = Kernels.kernelFile(planner.files, version);
    String initrd =
        InitramfsRules.existingInitrd(planner, version)
            .orElse(InitramfsRules.expectedInitrd(planner, version));
    String arguments = menuArguments(planner, version).orElse(planner.plan.xenCommandLine());
    arguments = arguments.replaceAll("(?<=^|\\s)BOOT_IMAGE=\\S*\\s*", "").strip();
    arguments = KernelCommandLine.rewrite(planner, arguments, "the kernel command line");
    if (!ROOT.matcher(arguments).find()) {
      Optional<String> root = planner.facts.root().flatMap(Filesystem::stableReference);
      if (root.isPresent()) {
        arguments = ("root=" + root.get() + " ro " + arguments).strip();
      }
    }
    planner.bootKernel(new KernelBoot(version, kernel, initrd, arguments.strip()));
  }

  /**
   * GRUB 2 for BIOS installed on the first disk, where the guest has it (grub-pc; grub2-pc) and
   * that disk has an MBR partition table, and its menu made again from /etc/default/grub (which
   * BootloaderRules made valid on both hypervisors). Kernels of both flavours stay in the menu.
   */
  private static boolean installGrub(Planner planner) throws GuestException {
    String disk = planner.facts.biosBootDisk();
    if (disk.isEmpty() || !planner.files.isFile("/etc/default/grub")) {
      return false;
    }
    for (String flavour : new String[] {"grub", "grub2"}) {
      Optional<String> install = planner.program(flavour + "-install");
      Optional<String> mkconfig = planner.program(flavour + "-mkconfig");
      boolean modules =
          planner.files.isDirectory("/usr/lib/" + flavour + "/i386-pc")
              || planner.files.isDirectory("/usr/share/" + flavour + "/i386-pc");
      if (install.isPresent() && mkconfig.isPresent() && modules) {
        String directory = "/boot/" + flavour;
        planner.installBootloader(
            new GuestChange.InstallBootloader(
                disk,
                directory,
                List.of(
                    List.of(install.get(), "--target=i386-pc", disk),
                    List.of(mkconfig.get(), "-o", directory + "/grub.cfg")),
                "GRUB installed on the first disk, so that the guest boots by itself"));
        return true;
      }
    }
    return false;
  }

  /** GRUB 2 for BIOS, as grub-install leaves it. */
  private static boolean hasBiosGrub(Planner planner) throws GuestException {
    return planner.files.isFile("/boot/grub/i386-pc/core.img")
        || planner.files.isFile("/boot/grub2/i386-pc/core.img");
  }

  /** The arguments GRUB's menu gives kernel {@code version}, as the rules left the menu. */
  private static Optional<String> menuArguments(Planner planner, String version)
      throws GuestException {
    Pattern entry =
        Pattern.compile(
            "(?m)^\\s*(?:kernel|linux|linux16|linuxefi)\\s+\\S*vmlinu[xz]-"
                + Pattern.quote(version)
                + "(?:\\s+(.*))?$");
    for (String menu :
        new String[] {
          "/boot/grub/grub.cfg",
          "/boot/grub2/grub.cfg",
          "/boot/grub/menu.lst",
          "/boot/grub/grub.conf"
        }) {
      Matcher matcher = entry.matcher(planner.text(menu).orElse(""));
      if (matcher.find()) {
        return Optional.of(matcher.group(1) == null ? "" : matcher.group(1));
      }
    }
    return Optional.empty();
  }
}
