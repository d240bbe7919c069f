package org.x2k.guest.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.GuestException;
import org.x2k.guest.rules.BootStack.Bootloader.Menu;

/**
 * GRUB's kernel command lines (menu.lst and grub.conf of GRUB Legacy, which pygrub read; grub.cfg
 * of GRUB 2, and /etc/default/grub that update-grub makes it from) get root= and resume= by UUID
 * and a console on both hypervisors, so the same menu boots on Xen and on KVM.
 */
final class BootloaderRules {
  private BootloaderRules() {}

  /**
   * The XML report's actions these rules do in the guest (console=ttyS0 on GRUB's command lines).
   */
  static final Set<String> COMPLETES = Set.of("guest-console");

  /** Why a menu changed, from what did: devices named by UUID, a console on ttyS0, or both. */
  private static String why(boolean devices, boolean console) {
    List<String> what = new ArrayList<>();
    if (devices) {
      what.add("devices by UUID");
    }
    if (console) {
      what.add("a console on ttyS0");
    }
    return "GRUB's kernel command line: " + String.join(", ", what);
  }

  /** GRUB Legacy: "kernel /vmlinuz-... ARGS". */
  private static final Pattern LEGACY_KERNEL =
      Pattern.compile("^(\\s*kernel\\s+(?:--\\S+\\s+)*\\S+)(.*)$");

  /** GRUB 2: "linux /vmlinuz-... ARGS" (linux16 and linuxefi as RHEL writes them). */
  private static final Pattern GRUB2_LINUX =
      Pattern.compile("^(\\s*(?:linux|linux16|linuxefi)\\s+\\S+)(.*)$");

  /** /etc/default/grub: GRUB_CMDLINE_LINUX[_DEFAULT]="ARGS" (or '...', or unquoted). */
  private static final Pattern DEFAULT_CMDLINE =
      Pattern.compile(
          "^(\\s*(GRUB_CMDLINE_LINUX(?:_DEFAULT)?)=)(\"([^\"]*)\"|'([^']*)'|(\\S*))(.*)$");

  static void apply(Planner planner) throws GuestException {
    List<Menu> menus = planner.boot.bootloader().menus();
    // GRUB Legacy's menus first, as pygrub reads them
    for (boolean legacy : new boolean[] {true, false}) {
      for (Menu menu : menus) {
        if (menu.legacy() == legacy && !menu.link()) {
          rewriteLines(planner, menu.path(), legacy ? LEGACY_KERNEL : GRUB2_LINUX);
        }
      }
    }
    if (planner.boot.bootloader().defaults().isPresent()) {
      defaultGrub(planner, planner.boot.bootloader().defaults().get());
    }
  }

  private static void rewriteLines(Planner planner, String path, Pattern kernelLine)
      throws GuestException {
    Optional<String> text = planner.text(path);
    if (text.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder();
    boolean devices = false;
    boolean console = false;
    for (String line : ConfigLines.of(text.get())) {
      Matcher matcher = kernelLine.matcher(ConfigLines.stripNewline(line));
      if (matcher.matches()) {
        String arguments = matcher.group(2);
        String stable = planner.stableDevices(arguments, path);
        String rewritten = KernelCommandLine.rewrite(planner, arguments, path);
        devices |= !stable.equals(arguments);
        console |= !rewritten.equals(stable);
        out.append(matcher.group(1)).append(rewritten).append(ConfigLines.newline(line));
      } else {
        out.append(line);
      }
    }
    if (devices || console) {
      planner.edit(path, out.toString(), why(devices, console));
    }
  }

  /**
   * The console goes where the Xen console is named (GRUB_CMDLINE_LINUX_DEFAULT or
   * GRUB_CMDLINE_LINUX), else into GRUB_CMDLINE_LINUX, which every entry gets.
   */
  private static void defaultGrub(Planner planner, String path) throws GuestException {
    Optional<String> text = planner.text(path);
    if (text.isEmpty()) {
      return;
    }
    String all = "";
    String consoleVariable = "GRUB_CMDLINE_LINUX";
    for (String line : ConfigLines.of(text.get())) {
      Matcher matcher = DEFAULT_CMDLINE.matcher(ConfigLines.stripNewline(line));
      if (matcher.matches()) {
        String value = value(matcher);
        all += " " + value;
        if (KernelCommandLine.hasXenConsole(value)) {
          consoleVariable = matcher.group(2);
        }
      }
    }
    boolean consoleNeeded =
        planner.plan.paravirtual()
            && !KernelCommandLine.withBothConsoles(all).equals(all)
            && !all.contains("console=ttyS0");
    boolean placed = false;
    boolean devices = false;
    StringBuilder out = new StringBuilder();
    for (String line : ConfigLines.of(text.get())) {
      Matcher matcher = DEFAULT_CMDLINE.matcher(ConfigLines.stripNewline(line));
      if (!matcher.matches()) {
        out.append(line);
        continue;
      }
      String value = planner.stableDevices(value(matcher), path);
      devices |= !value.equals(value(matcher));
      if (consoleNeeded && matcher.group(2).equals(consoleVariable) && !placed) {
        value = KernelCommandLine.withBothConsoles(value);
        placed = true;
      }
      if (value.equals(value(matcher))) {
        out.append(line);
        continue;
      }
      out.append(withValue(matcher, value, line));
    }
    if (consoleNeeded && !placed) {
      out =
          ConfigLines.openEnded(out.toString())
              .append("GRUB_CMDLINE_LINUX=\"console=hvc0 console=ttyS0\"\n");
    }
    if (devices || consoleNeeded) {
      planner.edit(path, out.toString(), why(devices, consoleNeeded));
    }
  }

  /**
   * Adds {@code arguments} to GRUB_CMDLINE_LINUX in /etc/default/grub at {@code path} (a line of
   * its own where the file has none), for {@code why}.
   */
  static void addToDefaults(Planner planner, String path, String arguments, String why)
      throws GuestException {
    String text = planner.text(path).orElse("");
    StringBuilder out = new StringBuilder();
    boolean placed = false;
    for (String line : ConfigLines.of(text)) {
      Matcher matcher = DEFAULT_CMDLINE.matcher(ConfigLines.stripNewline(line));
      if (placed || !matcher.matches() || !matcher.group(2).equals("GRUB_CMDLINE_LINUX")) {
        out.append(line);
        continue;
      }
      String value = value(matcher).strip();
      out.append(withValue(matcher, value.isEmpty() ? arguments : value + " " + arguments, line));
      placed = true;
    }
    if (!placed) {
      out =
          ConfigLines.openEnded(out.toString())
              .append("GRUB_CMDLINE_LINUX=\"" + arguments + "\"\n");
    }
    planner.edit(path, out.toString(), why);
  }

  /** The arguments GRUB_CMDLINE_LINUX and GRUB_CMDLINE_LINUX_DEFAULT give, as planned so far. */
  static String defaultArguments(Planner planner, String path) throws GuestException {
    StringBuilder all = new StringBuilder();
    for (String line : ConfigLines.of(planner.text(path).orElse(""))) {
      Matcher matcher = DEFAULT_CMDLINE.matcher(ConfigLines.stripNewline(line));
      if (matcher.matches()) {
        all.append(' ').append(value(matcher));
      }
    }
    return all.toString().strip();
  }

  /** A GRUB_CMDLINE_LINUX[_DEFAULT] line {@code matcher} matched, with {@code value}, quoted. */
  private static String withValue(Matcher matcher, String value, String line) {
    return matcher.group(1) + '"' + value + '"' + matcher.group(7) + ConfigLines.newline(line);
  }

  private static String value(Matcher matcher) {
    for (int group = 4; group <= 6; group++) {
      if (matcher.group(group) != null) {
        return matcher.group(group);
      }
    }
    return "";
  }
}
