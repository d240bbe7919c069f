package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.io.OutputFilesProbe;

/**
 * Issue 8: directories of mixed content, and outputs that cannot or must not be written. Each
 * problem takes one line naming what it is about; the rest of a batch is still converted; no
 * existing file is replaced without --force.
 */
class OutputSafetyTest {
  private static final String DOMAIN = HostileInputTest.XEN_DOMAIN;

  @TempDir Path dir;

  private Path write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private static List<String> naming(Cli.Result result, String name) {
    return result.errLines().stream().filter(line -> line.contains(name)).toList();
  }

  @Test
  void directoryWithSubdirectoriesLinksLoopsAndOtherFiles() throws IOException {
    write("dumps/a.xml", DOMAIN);
    write("dumps/sub/b.xml", DOMAIN);
    write("dumps/README", "These are the dumps of host xen1.\n");
    Files.createSymbolicLink(dir.resolve("dumps/link.xml"), dir.resolve("dumps/a.xml"));
    Files.createSymbolicLink(dir.resolve("dumps/loop"), dir.resolve("dumps"));
    Files.createSymbolicLink(dir.resolve("dumps/sub/up"), dir.resolve("dumps"));
    Path out = dir.resolve("out");
    for (boolean recursive : new boolean[] {false, true}) {
      Cli.Result result =
          Cli.run(
              "",
              recursive
                  ? new String[] {
                    "convert", "-r", dir.resolve("dumps").toString(), "-o", out + "/", "--force"
                  }
                  : new String[] {"convert", dir.resolve("dumps").toString(), "-o", out + "/"});
      assertEquals(0, result.exitCode(), result.err());
      assertFalse(result.err().contains("Exception"), result.err());
      for (String skipped :
          recursive
              ? List.of("link.xml", "loop", "sub/up", "README")
              : List.of("link.xml", "loop", "/sub:", "README")) {
        List<String> lines = naming(result, skipped);
        assertEquals(1, lines.size(), skipped + ":\n" + result.err());
        assertTrue(lines.get(0).contains("note: skipped:"), lines.get(0));
      }
      assertEquals(
          recursive ? List.of("a.xml", "sub/b.xml") : List.of("a.xml"),
          HostileInputTest.written(out));
    }
  }

  @Test
  void existingOutputIsKeptWithoutForce() throws IOException {
    Path input = write("vm.xml", DOMAIN);
    Path target = write("out/vm.xml", "<domain>an earlier conversion, edited by hand</domain>\n");
    Cli.Result refused = Cli.run("", "convert", "-q", input.toString(), "-o", target.toString());
    assertEquals(1, refused.exitCode());
    assertEquals(
        List.of("x2k: " + input + ": " + target + " exists; add --force to replace it"),
        refused.errLines());
    assertEquals(
        "<domain>an earlier conversion, edited by hand</domain>\n", Files.readString(target));
    assertEquals(
        List.of("vm.xml"), HostileInputTest.written(dir.resolve("out")), "no temporary file left");

    Cli.Result forced =
        Cli.run("", "convert", "-q", "--force", input.toString(), "-o", target.toString());
    assertEquals(0, forced.exitCode(), forced.err());
    assertTrue(Files.readString(target).contains("<domain type='kvm'>"), Files.readString(target));
  }

  @Test
  void batchIntoDirectoryKeepsExistingFilesAndConvertsTheRest() throws IOException {
    write("dumps/a.xml", DOMAIN);
    write("dumps/b.xml", DOMAIN.replace("guest", "other"));
    Path kept = write("out/a.xml", "kept\n");
    Cli.Result result =
        Cli.run(
            "", "convert", "-q", dir.resolve("dumps").toString(), "-o", dir.resolve("out") + "/");
    assertEquals(1, result.exitCode());
    assertEquals(1, naming(result, "exists; add --force").size(), result.err());
    assertEquals("kept\n", Files.readString(kept));
    assertTrue(Files.readString(dir.resolve("out/b.xml")).contains("<name>other</name>"));
  }

  @Test
  void inPlaceKeepsAnEarlierBackupWithoutForce() throws IOException {
    Path input = write("vm.xml", DOMAIN);
    Path backup = write("vm.xml.bak", "the original, from an earlier run\n");
    Cli.Result refused = Cli.run("", "convert", "-q", "--in-place", input.toString());
    assertEquals(1, refused.exitCode());
    assertEquals(1, refused.errLines().size(), refused.err());
    assertTrue(refused.err().contains(backup + " exists; add --force"), refused.err());
    assertEquals(DOMAIN, Files.readString(input), "input left alone");
    assertEquals("the original, from an earlier run\n", Files.readString(backup));

    Cli.Result forced = Cli.run("", "convert", "-q", "--in-place", "--force", input.toString());
    assertEquals(0, forced.exitCode(), forced.err());
    assertEquals(DOMAIN, Files.readString(backup));
    assertTrue(Files.readString(input).contains("<domain type='kvm'>"));
  }

  @Test
  void outputDirectoryThatCannotBeCreated() throws IOException {
    Path input = write("vm.xml", DOMAIN);
    Path blocker = write("blocker", "a file where the directory would go\n");
    Cli.Result result = Cli.run("", "convert", "-q", input.toString(), "-o", blocker + "/sub/");
    assertEquals(1, result.exitCode());
    assertEquals(1, result.errLines().size(), result.err());
    assertTrue(
        result.err().startsWith("x2k: " + input + ": cannot write " + blocker + "/sub/vm.xml: "),
        result.err());
    assertEquals("a file where the directory would go\n", Files.readString(blocker));
  }

  @Test
  void fullDiskIsOneLineAndNoStackTrace() throws IOException {
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
    Path input = write("vm.xml", DOMAIN);
    Cli.Result result = Cli.run("", "convert", "-q", input.toString(), "-o", full.toString());
    assertEquals(1, result.exitCode());
    assertEquals(
        List.of("x2k: " + input + ": cannot write /dev/full: No space left on device"),
        result.errLines());
    assertTrue(Files.exists(full) && !Files.isRegularFile(full), "the device is still the device");
  }

  @Test
  void nothingIsLeftStagedAfterABatch() throws IOException {
    write("dumps/a.xml", DOMAIN);
    write("dumps/broken.xml", "<domain>");
    write("out/a.xml", "kept\n");
    Cli.run("", "convert", "-q", dir.resolve("dumps").toString(), "-o", dir.resolve("out") + "/");
    assertEquals(List.of(), OutputFilesProbe.temporaries());
    try (var files = Files.list(dir.resolve("out"))) {
      assertEquals(List.of("a.xml"), files.map(file -> file.getFileName().toString()).toList());
    }
  }

  @Test
  void controlCharactersInNamesAreShownNotObeyed() throws IOException {
    Path input = write("vm\u001b]0;owned\u0007\u001b[2J.xml", "<domain");
    Cli.Result result = Cli.run("", "convert", "-q", input.toString());
    assertEquals(1, result.exitCode());
    assertEquals(1, result.errLines().size(), result.err());
    assertTrue(
        result.err().contains("vm\\x1B]0;owned\\x07\\x1B[2J.xml: not well-formed XML"),
        result.err());
    assertFalse(
        result.err().chars().anyMatch(c -> c < 0x20 && c != '\n'),
        "a raw control character: " + result.err());
  }
}
