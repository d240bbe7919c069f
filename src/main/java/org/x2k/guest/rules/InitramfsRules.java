package org.x2k.guest.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.GuestException;
import org.x2k.guest.rules.BootStack.Initramfs;
import org.x2k.guest.rules.BootStack.Kernel;

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

  static void apply(Planner planner) throws GuestException {
    BootStack boot = planner.boot;
    if (boot.forKvm().isEmpty()) {
      return; // nothing of the guest's own boots on KVM: BootRules reports the host's kernel
    }
    Initramfs initramfs = boot.initramfs();
    switch (initramfs.kind()) {
      case INITRAMFS_TOOLS -> initramfsTools(planner, initramfs.program());
      case SUSE_MKINITRD -> suse(planner, initramfs);
      case DRACUT -> dracut(planner, initramfs.program());
      case REDHAT5_MKINITRD -> redHat5(planner, initramfs.program());
      case NONE ->
          planner.finding(
              "guest-initramfs",
              "required",
              "x2k found no initramfs tool it knows in the guest (initramfs-tools, dracut,"
                  + " mkinitrd): make sure the initramfs of "
                  + boot.forKvm().get(0).version()
                  + " has virtio_blk, virtio_pci and virtio_net");
    }
  }

  /** initramfs-tools: one module per line in /etc/initramfs-tools/modules. */
  private static void initramfsTools(Planner planner, String program) throws GuestException {
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
    StringBuilder out = ConfigLines.openEnded(text);
    out.append("# x2k: virtio drivers for KVM; Xen's stay for going back\n");
    missing.forEach(module -> out.append(module).append('\n'));
    planner.edit(path, out.toString(), WHY);
    for (Kernel kernel : planner.boot.forKvm()) {
      String version = kernel.version();
      // update-initramfs makes only its own name, and -u only an image it made
      String image = Initramfs.Kind.INITRAMFS_TOOLS.defaultImage(version);
      boolean exists = planner.files.isFile(image);
      List<String> rewrites = new ArrayList<>(List.of(image));
      // update-initramfs keeps a checksum of each image it made
      rewrites.add("/var/lib/initramfs-tools/" + version);
      planner.run(List.of(program, exists ? "-u" : "-c", "-k", version), rewrites, WHY);
    }
  }

  /** dracut: its configuration, and each KVM kernel's image made again. */
  private static void dracut(Planner planner, String program) throws GuestException {
    if (!dracutConfig(planner)) {
      return;
    }
    for (Kernel kernel : planner.boot.forKvm()) {
      String image = planner.boot.initrdOf(kernel);
      planner.run(List.of(program, "-f", image, kernel.version()), List.of(image), WHY);
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
  private static void suse(Planner planner, Initramfs mkinitrd) throws GuestException {
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
    if (mkinitrd.dracut()) {
      changed |= dracutConfig(planner);
    }
    if (!changed) {
      return;
    }
    List<String> images = new ArrayList<>();
    for (Kernel kernel : planner.boot.kernels()) {
      images.add(planner.boot.initrdOf(kernel));
    }
    planner.run(List.of(mkinitrd.program()), images, WHY);
  }

  private static final Pattern HOSTADAPTER =
      Pattern.compile("(?m)^\\s*alias\\s+scsi_hostadapter([0-9]*)\\s+(\\S+)");

  /**
   * RHEL 5: mkinitrd loads the scsi_hostadapter aliases of /etc/modprobe.conf (xenblk under Xen);
   * virtio_blk is added as one more, and virtio_pci, which it needs, given with --with.
   */
  private static void redHat5(Planner planner, String mkinitrd) throws GuestException {
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
    for (Kernel kernel : planner.boot.forKvm()) {
      String image = planner.boot.initrdOf(kernel);
      planner.run(
          List.of(
              mkinitrd, "-f", "--with=virtio_pci", "--with=virtio_blk", image, kernel.version()),
          List.of(image),
          WHY);
    }
  }

  private static String normal(String module) {
    return module.replace('-', '_');
  }
}
