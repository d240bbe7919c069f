package org.x2k.guest.rules;

import java.util.regex.Pattern;
import org.x2k.guest.GuestException;

/**
 * Files x2k creates in a guest that enforces SELinux (RHEL, CentOS, Fedora) carry no SELinux label,
 * and confined services may not read them (systemd-udevd a .link file). The guest relabels its
 * filesystems at its next boot (/.autorelabel, which the boot removes), as virt-customize's
 * --selinux-relabel has it do.
 */
final class SelinuxRules {
  private SelinuxRules() {}

  private static final Pattern ACTIVE =
      Pattern.compile("(?m)^\\s*SELINUX\\s*=\\s*\"?(enforcing|permissive)\"?\\s*$");

  static void apply(Planner planner) throws GuestException {
    String config = planner.text("/etc/selinux/config").orElse("");
    if (ACTIVE.matcher(config).find()
        && planner.createsFiles()
        && !planner.files.exists("/.autorelabel")) {
      planner.edit("/.autorelabel", "", "SELinux labels files x2k created at the next boot");
    }
  }
}
