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
import java.util.stream.Stream;
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
    InputException failure = assertThrows(InputException.class, () -> OutputFiles.replaceInPlace(
        file, "new".getBytes(), ".bak", false, () -> {
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
    try (OutputFiles.Staged staged = OutputFiles.stage(target, "new".getBytes(), null, true)) {
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
    try (OutputFiles.Staged staged = OutputFiles.stage(target, "new".getBytes(), null, true)) {
      assertTrue(names().stream().anyMatch(name -> name.endsWith(".x2k-tmp")), names().toString());
    }
    assertEquals("old", Files.readString(target));
    assertEquals(List.of("vm.xml"), names());
  }
}
