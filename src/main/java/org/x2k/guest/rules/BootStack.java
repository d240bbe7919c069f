package org.x2k.guest.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.GuestException;
import org.x2k.guest.GuestFiles;

/**
 * What boots the guest, found once before any rule runs and handed to each (as virt-v2v's
 * detect_bootloader and kernel_info): its GRUB with the files it reads and the tools that install
 * it, the tool that makes its initramfs, and its kernels, each with its initramfs.
 *
 * @param bootloader the guest's GRUB
 * @param initramfs the guest's initramfs system
 * @param kernels every installed kernel, newest first
 */
record BootStack(Bootloader bootloader, Initramfs initramfs, List<Kernel> kernels) {
  BootStack {
    kernels = List.copyOf(kernels);
  }

  /** The kernels that are no Xen-only flavour, newest first. */
  List<Kernel> forKvm() {
    return kernels.stream().filter(kernel -> !kernel.xenOnly()).toList();
  }

  /** Every installed kernel's version, newest first. */
  List<String> versions() {
    return kernels.stream().map(Kernel::version).toList();
  }

  /** The initramfs {@code kernel} boots with on KVM: its own, or the one its tool will make. */
  String initrdOf(Kernel kernel) {
    return kernel.initrd().orElse(initramfs.kind().defaultImage(kernel.version()));
  }

  static BootStack detect(GuestFiles files) throws GuestException {
    return new BootStack(
        Bootloader.detect(files), Initramfs.detect(files), Kernel.installed(files));
  }

  /**
   * An installed kernel: /boot/vmlinuz-VERSION (or vmlinux-) with modules in /lib/modules/VERSION.
   *
   * @param version its version
   * @param file its path
   * @param xenOnly whether it is a Xen-only flavour, which cannot boot on KVM
   * @param initrd the initramfs image it has, if any
   */
  record Kernel(String version, String file, boolean xenOnly, Optional<String> initrd) {
    /**
     * Xen-only flavours: RHEL 5's kernel-xen (2.6.18-419.el5xen), Debian's and Ubuntu's -xen-
     * (2.6.32-5-xen-amd64, 2.6.24-19-xen), SUSE's -xen (3.0.101-63-xen). They run only as Xen
     * guests.
     */
    private static final Pattern XEN_FLAVOUR = Pattern.compile(".*([.-]|el[0-9]+)xen([.-].*)?");

    static boolean isXenOnly(String version) {
      return XEN_FLAVOUR.matcher(version).matches();
    }

    private static List<Kernel> installed(GuestFiles files) throws GuestException {
      List<String> versions = new ArrayList<>();
      for (String name : files.list("/boot")) {
        String version = name.replaceFirst("^vmlinu[xz]-", "");
        if (version.equals(name) || version.endsWith(".gz") || version.isEmpty()) {
          continue;
        }
        if (!versions.contains(version)
            && files.isFile("/boot/" + name)
            && hasModules(files, version)) {
          versions.add(version);
        }
      }
      versions.sort(Comparator.comparing(Kernel::sortKey).reversed());
      List<Kernel> kernels = new ArrayList<>();
      for (String version : versions) {
        String vmlinuz = "/boot/vmlinuz-" + version;
        kernels.add(
            new Kernel(
                version,
                files.isFile(vmlinuz) ? vmlinuz : "/boot/vmlinux-" + version,
                isXenOnly(version),
                firstFile(
                    files,
                    "/boot/initrd.img-" + version,
                    "/boot/initramfs-" + version + ".img",
                    "/boot/initrd-" + version + ".img",
                    "/boot/initrd-" + version)));
      }
      return kernels;
    }

    private static boolean hasModules(GuestFiles files, String version) throws GuestException {
      return files.isDirectory("/lib/modules/" + version)
          || files.isDirectory("/usr/lib/modules/" + version);
    }

    /** Compares versions by their numbers first (2.6.32-10 after 2.6.32-9), then as text. */
    private static String sortKey(String version) {
      StringBuilder key = new StringBuilder();
      Matcher matcher = Pattern.compile("[0-9]+|[^0-9]+").matcher(version);
      while (matcher.find()) {
        String part = matcher.group();
        key.append(
            Character.isDigit(part.charAt(0))
                ? String.format("%12s", part.length() > 12 ? part.substring(0, 12) : part)
                    .replace(' ', '0')
                : part);
      }
      return key.toString();
    }
  }

  /**
   * The guest's GRUB: the menus pygrub, PV-GRUB or GRUB read, the file update-grub makes GRUB 2's
   * menu from, whether GRUB 2 is installed for BIOS, and the tools that would install it.
   *
   * @param menus GRUB 2's grub.cfg first, then GRUB Legacy's menu.lst and grub.conf, as present
   * @param defaults /etc/default/grub, if present
   * @param installedForBios whether grub-install left core.img for i386-pc in /boot
   * @param installer GRUB 2's tools for i386-pc, if the guest has them all
   */
  record Bootloader(
      List<Menu> menus,
      Optional<String> defaults,
      boolean installedForBios,
      Optional<Installer> installer) {
    Bootloader {
      menus = List.copyOf(menus);
    }

    /**
     * A menu file with the kernel lines GRUB boots.
     *
     * @param path where it is
     * @param legacy whether it is GRUB Legacy's (kernel lines) rather than GRUB 2's (linux lines)
     * @param link whether it is a symbolic link (to another menu, edited there)
     */
    record Menu(String path, boolean legacy, boolean link) {}

    /**
     * GRUB 2's grub-install and grub-mkconfig (grub2- on RHEL and SUSE) with its i386-pc modules.
     *
     * @param directory where its menu goes (/boot/grub, /boot/grub2)
     * @param install grub-install's path
     * @param mkconfig grub-mkconfig's path
     */
    record Installer(String directory, String install, String mkconfig) {}

    private static Bootloader detect(GuestFiles files) throws GuestException {
      List<Menu> menus = new ArrayList<>();
      for (String path :
          List.of(
              "/boot/grub/grub.cfg",
              "/boot/grub2/grub.cfg",
              "/boot/grub/menu.lst",
              "/boot/grub/grub.conf")) {
        if (files.isFile(path)) {
          menus.add(new Menu(path, !path.endsWith(".cfg"), files.linkTarget(path).isPresent()));
        }
      }
      String defaults = "/etc/default/grub";
      return new Bootloader(
          menus,
          files.isFile(defaults) ? Optional.of(defaults) : Optional.empty(),
          files.isFile("/boot/grub/i386-pc/core.img")
              || files.isFile("/boot/grub2/i386-pc/core.img"),
          installer(files));
    }

    private static Optional<Installer> installer(GuestFiles files) throws GuestException {
      for (String flavour : List.of("grub", "grub2")) {
        Optional<String> install = program(files, flavour + "-install");
        Optional<String> mkconfig = program(files, flavour + "-mkconfig");
        boolean modules =
            files.isDirectory("/usr/lib/" + flavour + "/i386-pc")
                || files.isDirectory("/usr/share/" + flavour + "/i386-pc");
        if (install.isPresent() && mkconfig.isPresent() && modules) {
          return Optional.of(new Installer("/boot/" + flavour, install.get(), mkconfig.get()));
        }
      }
      return Optional.empty();
    }
  }

  /**
   * The tool that makes the guest's initramfs, decided once: initramfs-tools (Debian, Ubuntu, UCS),
   * SUSE's mkinitrd reading /etc/sysconfig/kernel (SLES 11; SLES 12's is dracut's wrapper), dracut
   * (RHEL 6 and later), or RHEL 5's mkinitrd reading /etc/modprobe.conf.
   *
   * @param kind which of them
   * @param program its path in the guest; empty for {@link Kind#NONE}
   * @param dracut whether dracut is there too (SUSE's mkinitrd then runs it)
   */
  record Initramfs(Kind kind, String program, boolean dracut) {
    enum Kind {
      INITRAMFS_TOOLS("/boot/initrd.img-%s"),
      SUSE_MKINITRD("/boot/initrd-%s"),
      DRACUT("/boot/initramfs-%s.img"),
      REDHAT5_MKINITRD("/boot/initrd-%s.img"),
      NONE("/boot/initramfs-%s.img");

      private final String image;

      Kind(String image) {
        this.image = image;
      }

      /** The image this tool writes for kernel {@code version} where it finds none. */
      String defaultImage(String version) {
        return image.formatted(version);
      }
    }

    private static Initramfs detect(GuestFiles files) throws GuestException {
      Optional<String> updateInitramfs = BootStack.program(files, "update-initramfs");
      Optional<String> dracut = BootStack.program(files, "dracut");
      Optional<String> mkinitrd = BootStack.program(files, "mkinitrd");
      if (updateInitramfs.isPresent() && files.isDirectory("/etc/initramfs-tools")) {
        return new Initramfs(Kind.INITRAMFS_TOOLS, updateInitramfs.get(), dracut.isPresent());
      }
      if (mkinitrd.isPresent() && files.isFile("/etc/sysconfig/kernel")) {
        return new Initramfs(Kind.SUSE_MKINITRD, mkinitrd.get(), dracut.isPresent());
      }
      if (dracut.isPresent()) {
        return new Initramfs(Kind.DRACUT, dracut.get(), true);
      }
      if (mkinitrd.isPresent() && files.isFile("/etc/modprobe.conf")) {
        return new Initramfs(Kind.REDHAT5_MKINITRD, mkinitrd.get(), false);
      }
      return new Initramfs(Kind.NONE, "", false);
    }
  }

  /** The path of program {@code name} in the guest's system directories, if it has it. */
  static Optional<String> program(GuestFiles files, String name) throws GuestException {
    return firstFile(
        files, "/usr/sbin/" + name, "/sbin/" + name, "/usr/bin/" + name, "/bin/" + name);
  }

  private static Optional<String> firstFile(GuestFiles files, String... candidates)
      throws GuestException {
    for (String candidate : candidates) {
      if (files.isFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
