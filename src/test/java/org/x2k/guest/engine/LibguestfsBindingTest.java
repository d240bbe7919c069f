package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Where Debian's libguestfs-java is installed: a batch opens one handle per guest in one process,
 * and the binding's native library loads once per process (the second guest of `x2k convert --guest
 * a.xml b.xml` failed with "already loaded in another classloader").
 */
class LibguestfsBindingTest {
  @Test
  void aProcessOpensAHandleForEachGuest() throws Exception {
    boolean installed;
    try (Stream<Path> jars =
        Files.isDirectory(Path.of("/usr/share/java"))
            ? Files.list(Path.of("/usr/share/java"))
            : Stream.empty()) {
      installed = jars.anyMatch(p -> p.getFileName().toString().startsWith("libguestfs"));
    }
    Assumptions.assumeTrue(installed, "libguestfs-java is not installed here");
    for (int guest = 0; guest < 3; guest++) {
      assertDoesNotThrow(
          () -> {
            try (Libguestfs handle = Libguestfs.create(new StageClock())) {
              // a handle, not launched: no appliance runs
            }
          });
    }
  }
}
