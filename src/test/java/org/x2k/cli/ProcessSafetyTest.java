package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, what only a real process shows: a full standard output, files x2k may not read or write,
 * and batches killed or interrupted at random points, which must leave every output file either
 * absent, as it was, or complete.
 */
class ProcessSafetyTest {
  private static final String DOMAIN = HostileInputTest.XEN_DOMAIN;

  @TempDir Path dir;

  @Test
  void fullStandardOutputIsOneLineAndExitOne() throws Exception {
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
    Path input = Files.writeString(dir.resolve("vm.xml"), DOMAIN);
    X2kProcess.Finished result =
        X2kProcess.run(
            X2kProcess.builder(List.of("convert", "-q", input.toString()))
                .redirectOutput(full.toFile()));
    assertEquals(1, result.exitCode(), result.err());
    assertEquals(List.of("x2k: " + input + ": cannot write to standard output"), result.errLines());
  }

  /** As root, x2k runs as nobody here: root reads and writes through any permission. */
  private ProcessBuilder unprivileged(List<String> args) throws IOException {
    return X2kProcess.isRoot() ? X2kProcess.asNobody(args, dir) : X2kProcess.builder(args);
  }

  @Test
  void unreadableInputFailsAloneInABatch() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.xml"), DOMAIN);
    Path secret = Files.writeString(in.resolve("secret.xml"), DOMAIN.replace("guest", "hidden"));
    Path out = dir.resolve("out");
    ProcessBuilder builder = unprivileged(List.of("convert", "-q", in.toString(), "-o", out + "/"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Files.createDirectories(out);
    X2kProcess.openUp(out);
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    X2kProcess.Finished result = X2kProcess.run(builder);
    assertEquals(1, result.exitCode(), result.err());
    assertEquals(
        List.of("x2k: " + secret + ": permission denied", "x2k: 1 converted, 1 failed"),
        result.errLines());
    assertEquals(List.of("a.xml"), HostileInputTest.written(out));
  }

  @Test
  void unwritableOutputDirectoryIsOneLine() throws Exception {
    Path input = Files.writeString(dir.resolve("vm.xml"), DOMAIN);
    Path out = Files.createDirectories(dir.resolve("read-only"));
    ProcessBuilder builder =
        unprivileged(List.of("convert", "-q", input.toString(), "-o", out + "/"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
    X2kProcess.Finished result = X2kProcess.run(builder);
    assertEquals(1, result.exitCode(), result.err());
    assertEquals(
        List.of(
            "x2k: " + input + ": cannot write " + out.resolve("vm.xml") + ": permission denied"),
        result.errLines());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(0, files.count());
    }
  }

  /**
   * A disk that fills up mid-batch (a 64 KiB tmpfs, so root only): the inputs that no longer fit
   * fail one line each, those written are complete, and no temporary file is left.
   */
  @Test
  void diskFullMidBatch() throws Exception {
    Assumptions.assumeTrue(X2kProcess.isRoot(), "mounting a small file system needs root");
    Path in = bigBatch(1);
    Path expected = dir.resolve("expected");
    assertEquals(
        0,
        X2kProcess.run(
                X2kProcess.builder(List.of("convert", "-q", in.toString(), "-o", expected + "/")))
            .exitCode());
    Path small = Files.createDirectories(dir.resolve("small"));
    assertEquals(
        0,
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString())
            .inheritIO()
            .start()
            .waitFor(),
        "mount a 64 KiB tmpfs");
    try {
      X2kProcess.Finished result =
          X2kProcess.run(
              X2kProcess.builder(
                  List.of("convert", "-q", "-j", "1", in.toString(), "-o", small + "/")));
      List<String> written = HostileInputTest.written(small);
      List<String> full =
          result.errLines().stream()
              .filter(line -> line.endsWith("No space left on device"))
              .toList();
      assertEquals(1, result.exitCode(), result.err());
      assertFalse(
          written.isEmpty() || full.isEmpty(),
          "some written, some failed: " + written + "\n" + result.err());
      List<String> others =
          result.errLines().stream().filter(line -> !full.contains(line)).toList();
      assertEquals(1, others.size(), result.err());
      assertTrue(
          others
              .get(0)
              .startsWith("x2k: " + written.size() + " converted, " + full.size() + " failed"),
          result.err());
      for (String name : written) {
        assertEquals(
            Files.readString(expected.resolve(name)), Files.readString(small.resolve(name)), name);
      }
      assertEquals(List.of(), temporaries(small));
    } finally {
      new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
    }
  }

  /** A batch of the golden inputs, copied often enough to take a few seconds. */
  private Path bigBatch(int copies) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    List<Path> sources;
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("golden.dir")))) {
      sources =
          files
              .filter(file -> file.getFileName().toString().endsWith(".xen.xml"))
              .sorted()
              .toList();
    }
    for (int copy = 0; copy < copies; copy++) {
      for (Path source : sources) {
        Files.copy(source, in.resolve(copy + "-" + source.getFileName()));
      }
    }
    return in;
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertEquals(0, kill.waitFor(), "kill -" + signal);
  }

  private static List<String> temporaries(Path out) throws IOException {
    if (!Files.exists(out)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(out)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".x2k-tmp"))
          .toList();
    }
  }

  /**
   * Kills (SIGKILL), terminates (SIGTERM) and interrupts (SIGINT, Ctrl-C) batches at points drawn
   * from a fixed seed, half into an empty directory and half over the complete output of an earlier
   * run (--force). Every file present afterwards must be exactly what a whole run writes; after
   * SIGTERM and SIGINT no temporary file may be left.
   */
  @Test
  void killedBatchesLeaveOnlyCompleteFiles() throws Exception {
    Path in = bigBatch(80);
    Path expected = dir.resolve("expected");
    X2kProcess.Finished whole =
        X2kProcess.run(
            X2kProcess.builder(List.of("convert", "-q", in.toString(), "-o", expected + "/")));
    assertEquals(0, whole.exitCode(), whole.err());
    List<String> all = HostileInputTest.written(expected);
    Random random = new Random(8);
    Path out = dir.resolve("out");
    List<String> seen = new ArrayList<>();
    for (String signal : List.of("KILL", "TERM", "INT", "KILL", "TERM", "INT")) {
      boolean over = seen.size() % 2 == 1;
      deleteTree(out);
      if (over) {
        X2kProcess.copyTree(expected, out);
      }
      Process process =
          X2kProcess.builder(List.of("convert", "-q", "--force", in.toString(), "-o", out + "/"))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      long delay = 600 + random.nextInt(1800);
      if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
        signal(process, signal);
      }
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "x2k did not stop after SIG" + signal);
      List<String> present =
          HostileInputTest.written(out).stream()
              .filter(name -> !name.endsWith(".x2k-tmp"))
              .toList();
      for (String name : present) {
        assertEquals(
            Files.readString(expected.resolve(name)),
            Files.readString(out.resolve(name)),
            name + " after SIG" + signal + " at " + delay + " ms");
      }
      if (!signal.equals("KILL")) {
        assertEquals(List.of(), temporaries(out), "temporary files left after SIG" + signal);
      }
      seen.add(
          "SIG"
              + signal
              + " at "
              + delay
              + " ms: "
              + present.size()
              + " of "
              + all.size()
              + (over ? " (over a complete run)" : ""));
    }
    assertFalse(seen.isEmpty());
    System.out.println("killed batches: " + seen);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
