package org.x2k.guest.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.x2k.guest.GuestException;

/**
 * Xen's netfront NICs carry no bus path, so udev left them their kernel names (eth0, eth1, ... in
 * the domain's order). On KVM a virtio NIC is on PCI and predictable naming renames it (ens3),
 * which leaves the network configuration behind. Each NIC's name is pinned to its MAC, which x2k
 * keeps: a systemd .link file (systemd 209 and later) or a udev rule (older udev), valid on both. A
 * persistent-net rule of old already names it by MAC; one bound to Xen's driver is loosened.
 */
final class NetworkRules {
  private NetworkRules() {}

  /**
   * The XML report's actions these rules do in the guest (interface names that survive the new NIC
   * model).
   */
  static final Set<String> COMPLETES = Set.of("guest-nic-names");

  private static final String PERSISTENT = "/etc/udev/rules.d/70-persistent-net.rules";

  private static final Pattern XEN_DRIVER =
      Pattern.compile("DRIVERS==\"(vif|xen_netfront|xen-netfront|xennet)\"");

  static void apply(Planner planner) throws GuestException {
    List<String> macs =
        planner.plan.macs().stream().map(mac -> mac.toLowerCase(Locale.ROOT)).toList();
    if (macs.isEmpty()) {
      return;
    }
    String persistent = planner.text(PERSISTENT).orElse("");
    if (XEN_DRIVER.matcher(persistent).find()) {
      planner.edit(
          PERSISTENT,
          XEN_DRIVER.matcher(persistent).replaceAll("DRIVERS==\"?*\""),
          "persistent NIC names match any driver, not only Xen's");
    }
    Optional<Naming> naming = predictableNaming(planner);
    if (naming.isEmpty()) {
      return;
    }
    String prefix = oldPrefix(planner);
    StringBuilder udevRules = new StringBuilder();
    for (int index = 0; index < macs.size(); index++) {
      String mac = macs.get(index);
      if (persistent.toLowerCase(Locale.ROOT).contains(mac)) {
        continue;
      }
      String name = prefix + index;
      if (naming.get() == Naming.LINK_FILES) {
        String directory = "/etc/systemd/network";
        planner.edit(
            directory + "/10-x2k-" + name + ".link",
            "# x2k: Xen named this NIC "
                + name
                + "; keep that name on KVM, where it is a virtio NIC on PCI\n"
                + "[Match]\nMACAddress="
                + mac
                + "\n\n[Link]\nName="
                + name
                + "\n",
            "NIC " + mac + " keeps the name " + name);
      } else {
        udevRules
            .append("SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{address}==\"")
            .append(mac)
            .append("\", NAME=\"")
            .append(name)
            .append("\"\n");
      }
    }
    if (!udevRules.isEmpty()) {
      planner.edit(
          "/etc/udev/rules.d/70-x2k-net-names.rules",
          "# x2k: Xen's names of these NICs, kept on KVM where they are virtio NICs on PCI\n"
              + udevRules,
          "NICs keep their names");
    }
  }

  private enum Naming {
    LINK_FILES,
    UDEV_RULES
  }

  /**
   * Whether the guest's udev renames NICs by their bus path, and how a name is pinned there; empty
   * if it keeps kernel names (no predictable naming, turned off by a rule linked to /dev/null or
   * net.ifnames=0).
   */
  private static Optional<Naming> predictableNaming(Planner planner) throws GuestException {
    Naming naming = null;
    for (String base : List.of("/lib/udev/rules.d/", "/usr/lib/udev/rules.d/")) {
      if (planner.files.isFile(base + "80-net-setup-link.rules")) {
        naming = Naming.LINK_FILES;
      } else if (naming == null && planner.files.isFile(base + "80-net-name-slot.rules")) {
        naming = Naming.UDEV_RULES;
      }
    }
    if (naming == null) {
      return Optional.empty();
    }
    for (String masked :
        List.of(
            "/etc/udev/rules.d/80-net-setup-link.rules",
            "/etc/udev/rules.d/80-net-name-slot.rules",
            "/etc/systemd/network/99-default.link")) {
      if (planner.files.linkTarget(masked).filter("/dev/null"::equals).isPresent()) {
        return Optional.empty();
      }
    }
    for (String config :
        List.of(
            "/etc/default/grub",
            "/boot/grub/grub.cfg",
            "/boot/grub2/grub.cfg",
            "/boot/grub/menu.lst")) {
      if (planner.text(config).orElse("").contains("net.ifnames=0")
          || planner.plan.xenCommandLine().contains("net.ifnames=0")) {
        return Optional.empty();
      }
    }
    return Optional.of(naming);
  }

  /**
   * eth, unless the guest's network configuration names its NICs enX0 (systemd 253 and later name
   * Xen's netfront NICs so).
   */
  private static String oldPrefix(Planner planner) throws GuestException {
    for (String config : List.of("/etc/network/interfaces", "/etc/systemd/network")) {
      if (planner.text(config).orElse("").contains("enX0")) {
        return "enX";
      }
    }
    for (String name : planner.files.list("/etc/netplan")) {
      if (planner.text("/etc/netplan/" + name).orElse("").contains("enX0")) {
        return "enX";
      }
    }
    return "eth";
  }
}
