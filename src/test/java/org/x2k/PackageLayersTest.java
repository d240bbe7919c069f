package org.x2k;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * x2k's packages are floors (docs/architecture.md): each imports only floors below it, so there is
 * no cycle and the commands sit on the migration layer, which sits on the converter and the guest.
 */
class PackageLayersTest {
  /** Top floor first. */
  private static final List<String> FLOORS =
      List.of(
          "cli",
          "hook",
          "migrate",
          "guest.engine",
          "guest.rules",
          "guest",
          "report",
          "convert",
          "nativecfg",
          "storage",
          "libvirt",
          "io",
          "text");

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?org\\.x2k\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

  @Test
  void eachPackageImportsOnlyTheFloorsBelowIt() throws IOException {
    Path sources = Path.of("src/main/java/org/x2k");
    List<String> upward = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Path relative = sources.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // Main, the floor above all
        }
        String floor = relative.getParent().toString().replace('/', '.');
        assertEquals(true, FLOORS.contains(floor), "a package with no floor: " + floor);
        for (String line : Files.readAllLines(file)) {
          Matcher imported = IMPORT.matcher(line);
          if (imported.find()) {
            String target = imported.group(1);
            if (!target.equals(floor) && FLOORS.indexOf(target) <= FLOORS.indexOf(floor)) {
              upward.add(relative + " imports " + target);
            }
          }
        }
      }
    }
    assertEquals(List.of(), upward);
  }
}
