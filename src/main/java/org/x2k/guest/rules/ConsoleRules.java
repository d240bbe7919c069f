package org.x2k.guest.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.GuestException;

/**
 * A paravirtualised guest's login prompt was on the Xen console (hvc0, xvc0 of old), which KVM
 * lacks, as Xen lacks ttyS0. Gettys bound to one of them move to the kernel's console instead, by
 * the distribution's own means: /dev/console in inittab (sysvinit) and in Upstart's jobs, and
 * systemd's getty generator, which starts one on each console the kernel uses.
 */
final class ConsoleRules {
  private ConsoleRules() {}

  /** The XML report's actions these rules do in the guest (a getty and root logins on ttyS0). */
  static final Set<String> COMPLETES = Set.of("guest-console");

  private static final String WHY = "getty on the kernel's console (hvc0 on Xen, ttyS0 on KVM)";

  /** A getty's terminal argument naming the Xen console. */
  private static final Pattern XEN_TTY = Pattern.compile("(?<=\\s)(?:/dev/)?(hvc0|xvc0)(?=\\s|$)");

  static void apply(Planner planner) throws GuestException {
    if (!planner.plan.paravirtual()) {
      return;
    }
    inittab(planner);
    upstart(planner);
    systemd(planner);
    securetty(planner);
  }

  /** inittab(5): id:runlevels:action:process; "getty ... hvc0" becomes "getty ... console". */
  private static void inittab(Planner planner) throws GuestException {
    Optional<String> text = planner.text("/etc/inittab");
    if (text.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder();
    for (String line : ConfigLines.of(text.get())) {
      String[] fields = line.split(":", 4);
      if (!ConfigLines.isComment(line) && fields.length == 4 && fields[3].contains("getty")) {
        out.append(fields[0])
            .append(':')
            .append(fields[1])
            .append(':')
            .append(fields[2])
            .append(':')
            .append(XEN_TTY.matcher(fields[3]).replaceAll("console"));
      } else {
        out.append(line);
      }
    }
    planner.edit("/etc/inittab", out.toString(), WHY);
  }

  /** Upstart (Ubuntu 10.04-14.04, RHEL 6): a job whose exec runs a getty on hvc0. */
  private static void upstart(Planner planner) throws GuestException {
    for (String name : planner.files.list("/etc/init")) {
      String path = "/etc/init/" + name;
      if (!name.endsWith(".conf") || planner.files.linkTarget(path).isPresent()) {
        continue;
      }
      Optional<String> text = planner.text(path);
      if (text.isEmpty()) {
        continue;
      }
      StringBuilder out = new StringBuilder();
      for (String line : ConfigLines.of(text.get())) {
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("exec ") && trimmed.contains("getty")) {
          Matcher matcher = XEN_TTY.matcher(line);
          out.append(matcher.replaceAll("console"));
        } else {
          out.append(line);
        }
      }
      if (!out.toString().equals(text.get())) {
        planner.edit(path, out.toString(), WHY);
      }
    }
  }

  /**
   * systemd: an enabled serial-getty@hvc0 (or getty@) is dropped; systemd-getty-generator starts a
   * getty on the console the kernel has, hvc0 or ttyS0.
   */
  private static void systemd(Planner planner) throws GuestException {
    String wants = "/etc/systemd/system/getty.target.wants";
    for (String name : planner.files.list(wants)) {
      if (name.matches("(serial-)?getty@(hvc0|xvc0)\\.service")) {
        Optional<String> target = planner.files.linkTarget(wants + "/" + name);
        if (target.isPresent()) {
          planner.unlink(wants + "/" + name, target.get(), WHY);
        }
      }
    }
  }

  /** securetty(5): root may log in on ttyS0 and on the console as on hvc0. */
  private static void securetty(Planner planner) throws GuestException {
    Optional<String> text = planner.text("/etc/securetty");
    if (text.isEmpty()) {
      return;
    }
    String content = text.get();
    List<String> present = content.lines().map(String::strip).toList();
    boolean xenListed = present.contains("hvc0") || present.contains("xvc0");
    if (!xenListed) {
      return;
    }
    StringBuilder out = new StringBuilder(content);
    for (String tty : new String[] {"console", "ttyS0"}) {
      if (!present.contains(tty)) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
          out.append('\n');
        }
        out.append(tty).append('\n');
      }
    }
    planner.edit("/etc/securetty", out.toString(), "root may log in on ttyS0 and the console");
  }
}
