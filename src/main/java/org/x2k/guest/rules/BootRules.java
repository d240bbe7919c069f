package org.x2k.guest.rules;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.Filesystem;
import org.x2k.guest.GuestChange;
import org.x2k.guest.GuestException;
import org.x2k.guest.KernelBoot;
import org.x2k.guest.rules.BootStack.Bootloader;
import org.x2k.guest.rules.BootStack.Kernel;

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

  static void apply(Planner planner) throws GuestException {
    BootStack boot = planner.boot;
    if (boot.forKvm().isEmpty()) {
      planner.finding(
          "guest-host-kernel",
          "required",
          "the guest has no kernel for KVM of its own"
              + (boot.kernels().isEmpty()
                  ? ""
                  : " (only " + String.join(", ", boot.versions()) + ")")
              + ": it keeps booting the host's kernel, which must have virtio drivers");
      return;
    }
    if (planner.plan.bootsFromDisk() && boot.bootloader().installedForBios()) {
      return;
    }
    if (planner.plan.bootsFromDisk() && installGrub(planner)) {
      return;
    }
    Kernel kernel = boot.forKvm().get(0);
    String arguments =
        menuArguments(planner, kernel.version()).orElse(planner.plan.xenCommandLine());
    arguments = arguments.replaceAll("(?<=^|\\s)BOOT_IMAGE=\\S*\\s*", "").strip();
    arguments = KernelCommandLine.rewrite(planner, arguments, "the kernel command line");
    if (!ROOT.matcher(arguments).find()) {
      Optional<String> root = planner.facts.root().flatMap(Filesystem::stableReference);
      if (root.isPresent()) {
        // a btrfs subvolume root: the kernel mounts the filesystem's default subvolume otherwise
        String flags =
            planner.facts.rootSubvolume().isEmpty() || arguments.matches("(^|.*\\s)rootflags=.*")
                ? ""
                : " rootflags=subvol=" + planner.facts.rootSubvolume();
        arguments = ("root=" + root.get() + flags + " ro " + arguments).strip();
      }
    }
    planner.bootKernel(
        new KernelBoot(kernel.version(), kernel.file(), boot.initrdOf(kernel), arguments.strip()));
  }

  /**
   * GRUB 2 for BIOS installed on the first disk, where the guest has it (grub-pc; grub2-pc) and
   * that disk has an MBR partition table, and its menu made again from /etc/default/grub (which
   * BootloaderRules made valid on both hypervisors, with the arguments Xen booted it with). Kernels
   * of both flavours stay in the menu.
   */
  private static boolean installGrub(Planner planner) throws GuestException {
    String disk = planner.facts.biosBootDisk();
    Bootloader grub = planner.boot.bootloader();
    if (disk.isEmpty() || grub.defaults().isEmpty() || grub.installer().isEmpty()) {
      return false;
    }
    Bootloader.Installer installer = grub.installer().get();
    keepXenArguments(planner, grub.defaults().get());
    planner.installBootloader(
        new GuestChange.InstallBootloader(
            disk,
            installer.directory(),
            List.of(
                List.of(installer.install(), "--target=i386-pc", disk),
                List.of(installer.mkconfig(), "-o", installer.directory() + "/grub.cfg")),
            "GRUB installed on the first disk, so that the guest boots by itself"));
    return true;
  }

  /** What grub-mkconfig puts on every kernel's command line itself, or GRUB_CMDLINE_* decide. */
  private static final Pattern MADE_BY_MKCONFIG =
      Pattern.compile("root=.*|rootflags=.*|ro|rw|BOOT_IMAGE=.*|console=.*");

  /**
   * The arguments Xen booted the guest with that grub-mkconfig would drop: it makes the new menu
   * from /etc/default/grub alone, while pygrub read the menu itself (grub.cfg before menu.lst, in
   * pygrub's order), where an administrator may have added arguments by hand. They go into
   * GRUB_CMDLINE_LINUX, so that the guest boots on KVM as it did on Xen (net.ifnames=0 there keeps
   * its NICs' names, which NetworkRules relies on).
   */
  private static void keepXenArguments(Planner planner, String defaults) throws GuestException {
    List<Bootloader.Menu> pygrubOrder =
        planner.boot.bootloader().menus().stream()
            .sorted(Comparator.comparing(Bootloader.Menu::legacy))
            .toList();
    Optional<String> booted =
        menuArguments(planner, planner.boot.forKvm().get(0).version(), pygrubOrder);
    if (booted.isEmpty()) {
      return;
    }
    Set<String> given =
        new HashSet<>(
            Arrays.asList(BootloaderRules.defaultArguments(planner, defaults).split("\\s+")));
    List<String> kept =
        Arrays.stream(booted.get().strip().split("\\s+"))
            .filter(argument -> !argument.isEmpty())
            .filter(argument -> !MADE_BY_MKCONFIG.matcher(argument).matches())
            .filter(argument -> !given.contains(argument))
            .distinct()
            .toList();
    if (!kept.isEmpty()) {
      BootloaderRules.addToDefaults(
          planner,
          defaults,
          String.join(" ", kept),
          "the kernel arguments pygrub booted it with, kept in the menu GRUB makes again");
    }
  }

  /** The arguments GRUB's menu gives kernel {@code version}, as the rules left the menu. */
  private static Optional<String> menuArguments(Planner planner, String version)
      throws GuestException {
    return menuArguments(planner, version, planner.boot.bootloader().menus());
  }

  /** The arguments the first of {@code menus} with kernel {@code version} gives it. */
  private static Optional<String> menuArguments(
      Planner planner, String version, List<Bootloader.Menu> menus) throws GuestException {
    Pattern entry =
        Pattern.compile(
            "(?m)^\\s*(?:kernel|linux|linux16|linuxefi)\\s+\\S*vmlinu[xz]-"
                + Pattern.quote(version)
                + "(?:\\s+(.*))?$");
    for (Bootloader.Menu menu : menus) {
      Matcher matcher = entry.matcher(planner.text(menu.path()).orElse(""));
      if (matcher.find()) {
        return Optional.of(matcher.group(1) == null ? "" : matcher.group(1));
      }
    }
    return Optional.empty();
  }
}
