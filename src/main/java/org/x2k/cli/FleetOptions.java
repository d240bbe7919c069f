package org.x2k.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Fleet mode: domains read from a Xen host and defined on a KVM host through libvirt. */
public final class FleetOptions {
  @Option(
      names = "--connect",
      paramLabel = "URI",
      description =
          "Read the domains' inactive definitions through libvirt from URI"
              + " (xen+ssh://root@xenhost, xen:///system, any libvirt URI) instead of files: INPUTs"
              + " name domains there; or use --all or --match.")
  String connect;

  @Option(names = "--all", description = "With --connect: every domain of the source.")
  boolean all;

  @Option(
      names = "--match",
      paramLabel = "PATTERN",
      description =
          "With --connect: the domains whose names match the glob PATTERN (*, ?, [abc]);"
              + " repeatable.")
  List<String> patterns = new ArrayList<>();

  @Option(
      names = "--define",
      paramLabel = "URI",
      description =
          "Define each converted domain on URI (qemu:///system, qemu+ssh://root@kvmhost/system)"
              + " instead of, or with -o as well as, writing files. A domain whose name or uuid"
              + " exists there is skipped unless --replace. With --dry-run, URI is asked whether it"
              + " accepts each definition (it is defined and undefined at once) and keeps none.")
  String define;

  @Option(
      names = "--replace",
      description =
          "With --define: redefine domains that exist on the target under the same name and uuid.")
  boolean replace;

  /** Whether any fleet option was given. */
  boolean any() {
    return connect != null || all || !patterns.isEmpty() || define != null || replace;
  }

  /** Whether domain {@code name} matches one of the --match patterns. */
  boolean matches(String name) {
    for (String pattern : patterns) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      if (!name.contains("/") && matcher.matches(Path.of(name))) {
        return true;
      }
    }
    return false;
  }
}
