package org.x2k.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.sf.saxon.s9api.Processor;
import org.x2k.Main;
import org.xmlresolver.XMLResolver;

/**
 * Starts x2k as a process of its own (org.x2k.Main on the runtime classpath), for what only a real
 * process shows: signals, kills, file permissions, a full standard output. As root, which reads and
 * writes whatever it likes, it can run x2k as nobody from a world-readable copy of the classpath.
 */
final class X2kProcess {
  private X2kProcess() {}

  /** The classes x2k runs on: its own, and one class of each runtime dependency. */
  private static final List<Class<?>> RUNTIME =
      List.of(
          Main.class,
          picocli.CommandLine.class,
          Processor.class,
          XMLResolver.class,
          com.github.difflib.DiffUtils.class);

  static boolean isRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").start();
      return new String(id.getInputStream().readAllBytes()).strip().equals("0");
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> classpath() {
    List<Path> entries = new ArrayList<>();
    for (Class<?> type : RUNTIME) {
      try {
        Path entry = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!entries.contains(entry)) {
          entries.add(entry);
        }
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return entries;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A process builder for {@code x2k args}, run as this user. */
  static ProcessBuilder builder(List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                String.join(File.pathSeparator, classpath().stream().map(Path::toString).toList()),
                "org.x2k.Main"));
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  /**
   * A process builder for {@code x2k args} run as nobody (when this is root: the classpath is
   * copied into {@code scratch} for nobody to read; the JDK must be readable by all, as installed
   * ones are).
   */
  static ProcessBuilder asNobody(List<String> args, Path scratch) throws IOException {
    List<String> entries = new ArrayList<>();
    Path copies = Files.createDirectories(scratch.resolve("classpath"));
    int n = 0;
    for (Path entry : classpath()) {
      Path copy = copies.resolve(n++ + "-" + entry.getFileName());
      copyTree(entry, copy);
      entries.add(copy.toString());
    }
    openUp(scratch);
    List<String> command =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                java(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                String.join(File.pathSeparator, entries),
                "org.x2k.Main"));
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  /** Copies {@code from} and what is below it to {@code to}. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Makes {@code dir} and what is in it readable (directories: enterable) by all. */
  static void openUp(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        if (Files.isSymbolicLink(file)) {
          continue;
        }
        Files.setPosixFilePermissions(
            file,
            PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  /** What a finished process did. */
  record Finished(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  /** Runs {@code builder} to its end (at most a minute), stdin from /dev/null. */
  static Finished run(ProcessBuilder builder) throws IOException, InterruptedException {
    Path out = Files.createTempFile("x2k-out", ".txt");
    Path err = Files.createTempFile("x2k-err", ".txt");
    try {
      Process process =
          builder
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(
                  builder.redirectOutput().file() != null
                      ? builder.redirectOutput()
                      : ProcessBuilder.Redirect.to(out.toFile()))
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("x2k did not end within a minute: " + builder.command());
      }
      return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
