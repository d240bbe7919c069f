package org.x2k.guest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The initramfs finds the root disk: a Xen guest's often holds only Xen's drivers (xen-blkfront,
 * xen-netfront), and KVM's disks need virtio. The virtio drivers are added to the guest's own
 * initramfs configuration, Xen's kept, and the initramfs of each kernel that can run on KVM is made
 * again by the guest's own tool: initramfs-tools (Debian, Ubuntu, UCS), dracut (RHEL 6 and later,
 * SLES 12), SUSE's mkinitrd (/etc/sysconfig/kernel), or RHEL 5's mkinitrd (/etc/modprobe.conf).
 */
final class InitramfsRules {
  private InitramfsRules() {}

  static final List<String> VIRTIO =
      List.of("virtio_pci", "virtio_blk", "virtio_scsi", "virtio_net");

  private static final String WHY = "virtio drivers in the initramfs, Xen's kept";

  static void apply(Planner planner, Kernels kernels) throws GuestException {
    Optional<String> updateInitramfs = planner.program("update-initramfs");
    Optional<String> dracut = planner.program("dracut");
    Optional<String> mkinitrd = planner.program("mkinitrd");
    boolean suse = planner.files.isFile("/etc/sysconfig/kernel");
    if (updateInitramfs.isPresent() && planner.files.isDirectory("/etc/initramfs-tools")) {
      initramfsTools(planner, kernels, updateInitramfs.get());
    } else if (suse && mkinitrd.isPresent()) {
      suse(planner, kernels, mkinitrd.get(), dracut.isPresent());
    } else if (dracut.isPresent()) {
      if (!dracutConfig(planner)) {
        return;
      }
      for (String version : kernels.forKvm()) {
        String image = initrd(planner, version, "/boot/initramfs-" + version + ".img");
        planner.run(List.of(dracut.get(), "-f", image, version), List.of(image), WHY);
      }
    } else if (mkinitrd.isPresent() && planner.files.isFile("/etc/modprobe.conf")) {
      redHat5(planner, kernels, mkinitrd.get());
    } else {
      planner.finding(
          "guest-initramfs",
          "required",
          "x2k found no initramfs tool it knows in the guest (initramfs-tools, dracut,"
              + " mkinitrd): make sure the initramfs of "
              + kernels.forKvm().get(0)
              + " has virtio_blk, virtio_pci and virtio_net");
    }
  }

  /** initramfs-tools: one module per line in /etc/initramfs-tools/modules. */
  private static void initramfsTools(Planner planner, Kernels kernels, String program)
      throws GuestException {
    String path = "/etc/initramfs-tools/modules";
    String text = planner.text(path).orElse("");
    Set<String> listed = new LinkedHashSet<>();
    for (String line : text.lines().toList()) {
      String[] words = line.strip().split("\\s+");
      if (!line.strip().startsWith("#") && !words[0].isEmpty()) {
        listed.add(normal(words[0]));
      }
    }
    List<String> missing = VIRTIO.stream().filter(m -> !listed.contains(normal(m))).toList();
    if (missing.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder(text);
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
    out.append("# x2k: virtio drivers for KVM; Xen's stay for going back\n");
    missing.forEach(module -> out.append(module).append('\n'));
    planner.edit(path, out.toString(), WHY);
    for (String version : kernels.forKvm()) {
      String image = "/boot/initrd.img-" + version;
      boolean exists = planner.files.isFile(image);
      List<String> rewrites = new ArrayList<>(List.of(image));
      // update-initramfs keeps a checksum of each image it made
      rewrites.add("/var/lib/initramfs-tools/" + version);
      planner.run(List.of(program, exists ? "-u" : "-c", "-k", version), rewrites, WHY);
    }
  }

  /** dracut: a configuration file of x2k's own in /etc/dracut.conf.d. */
  private static boolean dracutConfig(Planner planner) throws GuestException {
    String path = "/etc/dracut.conf.d/90-x2k-virtio.conf";
    if (planner.text(path).isPresent()) {
      return false;
    }
    planner.edit(
        path,
        "# x2k: virtio drivers for KVM; Xen's stay for going back\n"
            + "add_drivers+=\" "
            + String.join(" ", VIRTIO)
            + " \"\n",
        WHY);
    return true;
  }

  private static final Pattern INITRD_MODULES =
      Pattern.compile("(?m)^(\\s*INITRD_MODULES=)\"([^\"]*)\"");

  /**
   * SUSE: INITRD_MODULES in /etc/sysconfig/kernel, read by mkinitrd (SLES 11) and by dracut's
   * mkinitrd wrapper (SLES 12), which rebuilds every kernel's initrd.
   */
  private static void suse(Planner planner, Kernels kernels, String mkinitrd, boolean hasDracut)
      throws GuestException {
    String path = "/etc/sysconfig/kernel";
    String text = planner.text(path).orElse("");
    Matcher matcher = INITRD_MODULES.matcher(text);
    boolean changed = false;
    if (matcher.find()) {
      List<String> modules = new ArrayList<>(List.of(matcher.group(2).strip().split("\\s+")));
      modules.removeIf(String::isEmpty);
      List<String> normalised = modules.stream().map(InitramfsRules::normal).toList();
      boolean added = false;
      for (String module : VIRTIO) {
        if (!normalised.contains(normal(module))) {
          modules.add(module);
          added = true;
        }
      }
      if (added) {
        changed = true;
        planner.edit(
            path,
            text.substring(0, matcher.start())
                + matcher.group(1)
                + "\""
                + String.join(" ", modules)
                + "\""
                + text.substring(matcher.end()),
            WHY);
      }
    }
    if (hasDracut) {
      changed |= dracutConfig(planner);
    }
    if (!changed) {
      return;
    }
    List<String> images = new ArrayList<>();
    for (String version : kernels.all()) {
      images.add(initrd(planner, version, "/boot/initrd-" + version));
    }
    planner.run(List.of(mkinitrd), images, WHY);
  }

  private static final Pattern HOSTADAPTER =
      Pattern.compile("(?m)^\\s*alias\\s+scsi_hostadapter([0-9]*)\\s+(\\S+)");

  /**
   * RHEL 5: mkinitrd loads the scsi_hostadapter aliases of /etc/modprobe.conf (xenblk under Xen);
   * virtio_blk is added as one more, and virtio_pci, which it needs, given with --with.
   */
  private static void redHat5(Planner planner, Kernels kernels, String mkinitrd)
      throws GuestException {
    String path = "/etc/modprobe.conf";
    String text = planner.text(path).orElse("");
    Matcher matcher = HOSTADAPTER.matcher(text);
    int next = 0;
    boolean hasVirtio = false;
    while (matcher.find()) {
      int number = matcher.group(1).isEmpty() ? 0 : Integer.parseInt(matcher.group(1));
      next = Math.max(next, number + 1);
      hasVirtio |= matcher.group(2).equals("virtio_blk");
    }
    if (hasVirtio) {
      return;
    }
    {
      String suffix = next == 0 ? "" : Integer.toString(next);
      String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
      planner.edit(
          path, text + separator + "alias scsi_hostadapter" + suffix + " virtio_blk\n", WHY);
    }
    for (String version : kernels.forKvm()) {
      String image = initrd(planner, version, "/boot/initrd-" + version + ".img");
      planner.run(
          List.of(mkinitrd, "-f", "--with=virtio_pci", "--with=virtio_blk", image, version),
          List.of(image),
          WHY);
    }
  }

  /** The initramfs image of {@code version} that is there, or {@code otherwise}. */
  private static String initrd(Planner planner, String version, String otherwise)
      throws GuestException {
    return planner
        .firstFile(
            "/boot/initrd.img-" + version,
            "/boot/initramfs-" + version + ".img",
            "/boot/initrd-" + version + ".img",
            "/boot/initrd-" + version)
        .orElse(otherwise);
  }

  /** The image x2k boots {@code version} with, if it has one. */
  static Optional<String> existingInitrd(Planner planner, String version) throws GuestException {
    return planner.firstFile(
        "/boot/initrd.img-" + version,
        "/boot/initramfs-" + version + ".img",
        "/boot/initrd-" + version + ".img",
        "/boot/initrd-" + version);
  }

  /** The image each tool writes for {@code version}. */
  static String expectedInitrd(Planner planner, String version) throws GuestException {
    if (planner.program("update-initramfs").isPresent()) {
      return "/boot/initrd.img-" + version;
    }
    return initrd(planner, version, "/boot/initramfs-" + version + ".img");
  }

  private static String normal(String module) {
    return module.replace('-', '_');
  }
}
