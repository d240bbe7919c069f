package org.x2k.guest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernels installed in a guest: /boot/vmlinuz-VERSION (or vmlinux-) with modules in
 * /lib/modules/VERSION, newest first.
 *
 * @param all every installed version
 * @param forKvm those that are no Xen-only flavour
 */
record Kernels(List<String> all, List<String> forKvm) {
  /**
   * Xen-only flavours: RHEL 5's kernel-xen (2.6.18-419.el5xen), Debian's and Ubuntu's -xen-
   * (2.6.32-5-xen-amd64, 2.6.24-19-xen), SUSE's -xen (3.0.101-63-xen). They run only as Xen guests.
   */
  private static final Pattern XEN_FLAVOUR = Pattern.compile(".*([.-]|el[0-9]+)xen([.-].*)?");

  static boolean isXenOnly(String version) {
    return XEN_FLAVOUR.matcher(version).matches();
  }

  static Kernels find(GuestFiles files) throws GuestException {
    List<String> versions = new ArrayList<>();
    for (String name : files.list("/boot")) {
      String version = name.replaceFirst("^vmlinu[xz]-", "");
      if (version.equals(name) || version.endsWith(".gz") || version.isEmpty()) {
        continue;
      }
      if (!versions.contains(version)
          && files.isFile("/boot/" + name)
          && modulesDirectory(files, version).isPresent()) {
        versions.add(version);
      }
    }
    versions.sort(Comparator.comparing(Kernels::sortKey).reversed());
    return new Kernels(versions, versions.stream().filter(v -> !isXenOnly(v)).toList());
  }

  static Optional<String> modulesDirectory(GuestFiles files, String version) throws GuestException {
    for (String base : List.of("/lib/modules/", "/usr/lib/modules/")) {
      if (files.isDirectory(base + version)) {
        return Optional.of(base + version);
      }
    }
    return Optional.empty();
  }

  /** The kernel file of {@code version}. */
  static String kernelFile(GuestFiles files, String version) throws GuestException {
    String vmlinuz = "/boot/vmlinuz-" + version;
    return files.isFile(vmlinuz) ? vmlinuz : "/boot/vmlinux-" + version;
  }

  /** Compares versions by their numbers first (2.6.32-10 after 2.6.32-9), then as text. */
  private static String sortKey(String version) {
    StringBuilder key = new StringBuilder();
    Matcher matcher = Pattern.compile("[0-9]+|[^0-9]+").matcher(version);
    while (matcher.find()) {
      String part = matcher.group();
      key.append(
          Character.isDigit(part.charAt(0))
              ? String.format("%12s", part.length() > 12 ? part.substring(0, 12) : part)
                  .replace(' ', '0')
              : part);
    }
    return key.toString();
  }
}
