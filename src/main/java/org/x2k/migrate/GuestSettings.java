package org.x2k.migrate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.x2k.guest.DiskKey;

/**
 * Where the guest step finds a guest's disks and puts its boot files (x2k's guest options).
 *
 * @param storage path prefixes: the disk images are under the value on this host where the domain
 *     says the key
 * @param bootDirectory where a guest's own kernel and initramfs are copied to
 * @param timings whether to tell how long each stage of the guest step took
 * @param keys keys for the guest's encrypted devices (--key)
 */
public record GuestSettings(
    Map<String, String> storage, Path bootDirectory, boolean timings, List<DiskKey> keys) {
  public GuestSettings {
    storage = new LinkedHashMap<>(storage);
    keys = List.copyOf(keys);
  }

  /** Whether a storage mapping takes {@code source}: the administrator said where it is. */
  public boolean maps(String source) {
    return storage.keySet().stream()
        .map(old -> old.replaceFirst("/+$", ""))
        .anyMatch(old -> source.equals(old) || source.startsWith(old + "/"));
  }

  /** Where this host has {@code source}, after the storage mappings. */
  public Path locate(String source) {
    for (Map.Entry<String, String> mapping : storage.entrySet()) {
      String old = mapping.getKey().replaceFirst("/+$", "");
      if (source.equals(old) || source.startsWith(old + "/")) {
        return Path.of(mapping.getValue().replaceFirst("/+$", "") + source.substring(old.length()));
      }
    }
    return Path.of(source);
  }
}
