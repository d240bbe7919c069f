package org.x2k.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void inPlaceKeepsBackupAndPermissions() throws Exception {
    Path file = Files.writeString(dir.resolve("vm.xml"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    OutputFiles.replaceInPlace(file, "new".getBytes(), ".bak", false);
    assertEquals("new", Files.readString(file));
    assertEquals("old", Files.readString(dir.resolve("vm.xml.bak")));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of("vm.xml", "vm.xml.bak"), names());
  }

  @Test
  void inPlaceWithoutBackup() throws Exception {
    Path file = Files.writeString(dir.resolve("vm.xml"), "old");
    OutputFiles.replaceInPlace(file, "new".getBytes(), null, false);
    assertEquals("new", Files.readString(file));
    assertEquals(List.of("vm.xml"), names());
  }

  @Test
  void failureBeforeTheRenameLeavesTheOriginalIntact() throws Exception {
    Path file = Files.writeString(dir.resolve("vm.xml"), "original definition");
    OutputException failure =
        assertThrows(
            OutputException.class,
            () ->
                OutputFiles.replaceInPlace(
                    file,
                    "new".getBytes(),
                    ".bak",
                    false,
                    temporary -> {
                      throw new IOException("disk pulled");
                    }));
    assertTrue(failure.getMessage().contains("disk pulled"), failure.getMessage());
    assertEquals("original definition", Files.readString(file));
    assertEquals("original definition", Files.readString(dir.resolve("vm.xml.bak")));
    assertFalse(names().stream().anyMatch(name -> name.endsWith(".x2k-tmp")), names().toString());
  }

  @Test
  void stagedFileAppearsOnlyWhenCommitted() throws Exception {
    Path target = dir.resolve("out/vm.xml");
    try (Staged staged =
        OutputFiles.stage(
            OutputFiles.Target.named(target),
            "new".getBytes(),
            Set.of(),
            true,
            OutputFiles.OWNER_ONLY)) {
      assertFalse(Files.exists(target), "visible before the commit");
      staged.commit(false);
    }
    assertEquals("new", Files.readString(target));
    try (var files = Files.list(target.getParent())) {
      assertEquals(List.of("vm.xml"), files.map(path -> path.getFileName().toString()).toList());
    }
  }

  @Test
  void stagedFileNotCommittedLeavesNothingBehind() throws Exception {
    Path target = Files.writeString(dir.resolve("vm.xml"), "old");
    try (Staged staged =
        OutputFiles.stage(
            OutputFiles.Target.named(target),
            "new".getBytes(),
            Set.of(),
            true,
            OutputFiles.OWNER_ONLY)) {
      assertTrue(names().stream().anyMatch(name -> name.endsWith(".x2k-tmp")), names().toString());
    }
    assertEquals("old", Files.readString(target));
    assertEquals(List.of("vm.xml"), names());
  }

  private static final String VICTIM = "root's file, not to be touched\n";

  private Path victim() throws IOException {
    Path victim =
        Files.writeString(
            Files.createDirectories(dir.resolve("elsewhere")).resolve("victim"), VICTIM);
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
    return victim;
  }

  private void assertUntouched(Path victim) throws IOException {
    assertEquals(VICTIM, Files.readString(victim));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
  }

  /** A directory another user may write to (no sticky bit), as a hostile output directory is. */
  private Path sharedDirectory() throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    return shared;
  }

  @AfterEach
  void noRacer() {
    OutputFiles.afterCreation = temporary -> {};
  }

  @Test
  void temporarySwappedForALinkIsNeitherWrittenNorChmodedThrough() throws Exception {
    Path victim = victim();
    Path shared = sharedDirectory();
    Path file = Files.writeString(shared.resolve("vm.xml"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    AtomicInteger races = new AtomicInteger();
    OutputFiles.afterCreation =
        temporary -> {
          races.incrementAndGet();
          Files.delete(temporary);
          Files.createSymbolicLink(temporary, victim);
        };
    OutputException failure =
        assertThrows(
            OutputException.class,
            () -> OutputFiles.replaceInPlace(file, "new content".getBytes(), null, false));
    assertTrue(
        failure.getMessage().endsWith("its temporary file was replaced while x2k wrote it"),
        failure.getMessage());
    assertEquals(1, races.get(), "the racer ran");
    assertUntouched(victim);
    assertEquals("old", Files.readString(file));

    OutputException staged =
        assertThrows(
            OutputException.class,
            () -> {
              try (Staged output =
                  OutputFiles.stage(
                      OutputFiles.Target.below(shared, Path.of("new.xml")),
                      "new content".getBytes(),
                      Set.of(),
                      false,
                      OutputFiles.OWNER_ONLY)) {
                output.commit(true);
              }
            });
    assertTrue(staged.getMessage().contains("replaced while x2k wrote it"), staged.getMessage());
    assertUntouched(victim);
  }

  @Test
  void temporarySwappedForAHardLinkIsNotChmodedInASharedDirectory() throws Exception {
    Path shared = sharedDirectory();
    Path victim = Files.writeString(shared.resolve("victim"), VICTIM);
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
    Path file = Files.writeString(shared.resolve("vm.xml"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    OutputFiles.afterCreation =
        temporary -> {
          Files.delete(temporary);
          Files.createLink(temporary, victim);
        };
    assertThrows(
        OutputException.class,
        () -> OutputFiles.replaceInPlace(file, "new content".getBytes(), null, false));
    assertUntouched(victim);
    assertEquals("old", Files.readString(file));
  }

  @Test
  void permissionsTheUmaskTookAreRestoredInAPrivateDirectory() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path file = Files.writeString(dir.resolve("vm.xml"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    OutputFiles.replaceInPlace(file, "new".getBytes(), null, false);
    assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
