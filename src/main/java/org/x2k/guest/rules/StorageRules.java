package org.x2k.guest.rules;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.GuestException;

/**
 * The guest's disks have new names on KVM (xvda1 is vda1): fstab, crypttab and the resume device
 * name them by UUID= or LABEL= instead, which both hypervisors resolve alike.
 */
final class StorageRules {
  private StorageRules() {}

  /**
   * The XML report's actions these rules do in the guest (the guest finds its renamed disks by UUID
   * or label).
   */
  static final Set<String> COMPLETES = Set.of("guest-disk-names");

  /** A line's first two fields, with the blanks around them kept. */
  private static final Pattern TWO_FIELDS = Pattern.compile("^(\\s*)(\\S+)(\\s+)(\\S+)(.*)$");

  static void apply(Planner planner) throws GuestException {
    fstab(planner);
    crypttab(planner);
    resume(planner);
  }

  /** fstab(5): the first field is the device. */
  private static void fstab(Planner planner) throws GuestException {
    Optional<String> text = planner.text("/etc/fstab");
    if (text.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder();
    for (String line : ConfigLines.of(text.get())) {
      Matcher fields = TWO_FIELDS.matcher(ConfigLines.stripNewline(line));
      if (!ConfigLines.isComment(line) && fields.matches()) {
        String device = planner.stableDevicesIfWhole(fields.group(2), "/etc/fstab");
        out.append(fields.group(1))
            .append(device)
            .append(fields.group(3))
            .append(fields.group(4))
            .append(fields.group(5))
            .append(ConfigLines.newline(line));
      } else {
        out.append(line);
      }
    }
    planner.edit("/etc/fstab", out.toString(), "fstab names filesystems by UUID");
  }

  /** crypttab(5): the second field is the encrypted device. */
  private static void crypttab(Planner planner) throws GuestException {
    Optional<String> text = planner.text("/etc/crypttab");
    if (text.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder();
    for (String line : ConfigLines.of(text.get())) {
      Matcher fields = TWO_FIELDS.matcher(ConfigLines.stripNewline(line));
      if (!ConfigLines.isComment(line) && fields.matches()) {
        out.append(fields.group(1))
            .append(fields.group(2))
            .append(fields.group(3))
            .append(planner.stableDevicesIfWhole(fields.group(4), "/etc/crypttab"))
            .append(fields.group(5))
            .append(ConfigLines.newline(line));
      } else {
        out.append(line);
      }
    }
    planner.edit("/etc/crypttab", out.toString(), "crypttab names devices by UUID");
  }

  /**
   * The resume device of initramfs-tools (RESUME= in conf.d/resume) and of uswsusp; the kernel's
   * resume= is on GRUB's command line (BootloaderRules).
   */
  private static void resume(Planner planner) throws GuestException {
    for (String path : new String[] {"/etc/initramfs-tools/conf.d/resume", "/etc/uswsusp.conf"}) {
      Optional<String> text = planner.text(path);
      if (text.isPresent()) {
        planner.edit(
            path, planner.stableDevices(text.get(), path), "the resume device is named by UUID");
      }
    }
  }
}
