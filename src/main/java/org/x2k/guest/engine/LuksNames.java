package org.x2k.guest.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a guest's crypttab(5) gives its LUKS devices once opened (/dev/mapper/NAME). The
 * guest's own initramfs tools read those names from the running system: Debian's cryptroot hook
 * puts into the initramfs the crypttab entry whose name is that of the device mapping the root sits
 * on, so a root opened under another name in the appliance gives an initramfs that never asks for
 * the passphrase. x2k opens each device under a name of its own first (the crypttab is inside),
 * then again under the guest's.
 */
final class LuksNames {
  private LuksNames() {}

  /**
   * A name x2k passes to cryptsetup: the characters device-mapper and udev keep as they are, and no
   * path. A crypttab is the guest's, and a hostile guest's names go no further than this.
   */
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");

  /**
   * The guest's name for each opened device that crypttab names, by the appliance's device.
   *
   * @param crypttab the guest's /etc/crypttab
   * @param uuids the LUKS header's UUID of each opened device (/dev/sda2 to its UUID)
   * @param xenNames the appliance's devices to their names under Xen (/dev/sda2 to xvda2)
   */
  static Map<String, String> fromCrypttab(
      String crypttab, Map<String, String> uuids, Map<String, String> xenNames) {
    Map<String, String> names = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (String line : crypttab.lines().toList()) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length < 2 || fields[0].startsWith("#")) {
        continue;
      }
      String name = fields[0];
      Optional<String> device = device(fields[1], uuids, xenNames);
      if (device.isEmpty()
          || !SAFE_NAME.matcher(name).matches()
          || names.containsKey(device.get())
          || !taken.add(name)) {
        continue; // not an opened device, a name x2k does not pass on, or given twice
      }
      names.put(device.get(), name);
    }
    return names;
  }

  /** The opened device crypttab's second field names, if it names one. */
  private static Optional<String> device(
      String source, Map<String, String> uuids, Map<String, String> xenNames) {
    for (String prefix : List.of("UUID=", "/dev/disk/by-uuid/")) {
      if (source.startsWith(prefix)) {
        String uuid = source.substring(prefix.length());
        return uuids.entrySet().stream()
            .filter(entry -> entry.getValue().equalsIgnoreCase(uuid))
            .map(Map.Entry::getKey)
            .findFirst();
      }
    }
    if (source.startsWith("/dev/")) {
      String xenName = source.substring("/dev/".length());
      return xenNames.entrySet().stream()
          .filter(entry -> entry.getValue().equals(xenName) && uuids.containsKey(entry.getKey()))
          .map(Map.Entry::getKey)
          .findFirst();
    }
    return Optional.empty();
  }
}
