package org.x2k.guest.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel command line made valid on Xen and KVM alike: devices (root=, resume=) by UUID, and a
 * paravirtualised guest's console on both hvc0 (Xen) and ttyS0 (KVM). The kernel enables each
 * console= it has a device for and makes the last one present /dev/console: on Xen PV that is hvc0
 * (there is no UART), on KVM ttyS0 (there is no Xen console).
 */
final class KernelCommandLine {
  private KernelCommandLine() {}

  private static final Pattern CONSOLE = Pattern.compile("(?<=^|\\s)console=(\\S*)");

  static String rewrite(Planner planner, String arguments, String where) {
    String devices = planner.stableDevices(arguments, where);
    return planner.plan.paravirtual() ? withBothConsoles(devices) : devices;
  }

  static String withBothConsoles(String arguments) {
    List<String> consoles = new ArrayList<>();
    int lastEnd = -1;
    Matcher matcher = CONSOLE.matcher(arguments);
    while (matcher.find()) {
      consoles.add(matcher.group(1).replaceFirst(",.*", ""));
      lastEnd = matcher.end();
    }
    if (consoles.contains("ttyS0")) {
      return arguments;
    }
    if (consoles.isEmpty()) {
      return join(arguments, "console=hvc0 console=ttyS0");
    }
    return arguments.substring(0, lastEnd) + " console=ttyS0" + arguments.substring(lastEnd);
  }

  /** Whether {@code arguments} name a console on the Xen console (hvc0, or xvc0 of old). */
  static boolean hasXenConsole(String arguments) {
    Matcher matcher = CONSOLE.matcher(arguments);
    while (matcher.find()) {
      String device = matcher.group(1).replaceFirst(",.*", "");
      if (device.equals("hvc0") || device.equals("xvc0")) {
        return true;
      }
    }
    return false;
  }

  static boolean hasConsole(String arguments) {
    return CONSOLE.matcher(arguments).find();
  }

  private static String join(String arguments, String more) {
    String trimmed = arguments.stripTrailing();
    return (trimmed.isEmpty() ? more : trimmed + " " + more)
        + arguments.substring(trimmed.length());
  }
}
