package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2k.convert.GoldenUpdate;
import org.x2k.guest.DirectoryFiles;
import org.x2k.guest.Filesystem;
import org.x2k.guest.Finding;
import org.x2k.guest.GuestChanges;
import org.x2k.guest.GuestFacts;
import org.x2k.guest.GuestPlan;
import org.x2k.guest.rules.Planner;
import org.x2k.text.UnifiedDiff;

/**
 * The per-file rules of x2k guest as golden trees, one directory per case under
 * src/test/resources/guest-trees: {@code before/} (a guest's files as a distribution installs them
 * on Xen), {@code case.properties} (what inspection and the conversion tell the rules), {@code
 * after/} (the tree x2k must leave: changed files, their .x2k-orig backups and the undo manifest)
 * and {@code expected.txt} (programs run in the guest, the kernel to boot, the report's findings).
 * Each case is then undone, which must give back {@code before/} byte for byte. {@code
 * -Dgolden.update=true} rewrites after/ and expected.txt (never under CI).
 */
class GuestTreeGoldenTest {
  static final Path CASES = Path.of("src/test/resources/guest-trees");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> entries = Files.list(CASES)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void everyCaseHasItsFourParts() throws IOException {
    List<String> orphans = new ArrayList<>();
    for (String name : cases().toList()) {
      for (String part : List.of("before", "after", "case.properties", "expected.txt")) {
        if (!Files.exists(CASES.resolve(name).resolve(part))) {
          orphans.add(name + "/" + part);
        }
      }
    }
    assertEquals(List.of(), orphans, "golden trees without their expected parts");
    assertTrue(cases().count() >= 10, "the golden trees went missing");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rulesThenUndo(String name, @TempDir Path work) throws Exception {
    Path dir = CASES.resolve(name);
    Path guest = work.resolve("guest");
    copyTree(dir.resolve("before"), guest);
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve("case.properties"))) {
      properties.load(in);
    }
    DirectoryFiles files = new DirectoryFiles(guest);
    GuestChanges changes = Planner.plan(files, facts(properties), plan(properties));
    RecordingPrograms programs = new RecordingPrograms(guest, work.resolve("archives"));
    if (!changes.refused()) {
      GuestEditor.apply(files, changes.changes(), programs, Seals.TEST);
    }
    String expected = describe(changes, programs.calls);

    boolean update = GoldenUpdate.requested(System.getProperty("golden.update"), System.getenv());
    if (update) {
      deleteTree(dir.resolve("after"));
      copyTree(guest, dir.resolve("after"));
      Files.writeString(dir.resolve("expected.txt"), expected);
    }
    assertEquals(Files.readString(dir.resolve("expected.txt")), expected, name + "/expected.txt");
    assertSameTree(dir.resolve("after"), guest, name + "/after");

    if (!changes.refused()) {
      GuestEditor.Undone undone = GuestEditor.undo(files, programs, Seals.TEST);
      assertEquals(List.of(), undone.problems());
      assertFalse(undone.steps().isEmpty(), name + ": an undo that says nothing");
    }
    assertSameTree(dir.resolve("before"), guest, name + " undone");
  }

  static String describe(GuestChanges changes, List<String> run) {
    StringBuilder out = new StringBuilder();
    run.forEach(call -> out.append(call).append('\n'));
    changes
        .kernelBoot()
        .ifPresent(
            boot ->
                out.append("boot: ")
                    .append(boot.kernel())
                    .append(' ')
                    .append(boot.initrd())
                    .append(' ')
                    .append(boot.commandLine())
                    .append('\n'));
    for (Finding finding : changes.findings()) {
      out.append("finding: ")
          .append(finding.code())
          .append(" [")
          .append(finding.severity())
          .append("] ")
          .append(finding.text())
          .append('\n');
    }
    out.append("refused: ").append(changes.refused()).append('\n');
    out.append("completes: ")
        .append(String.join(" ", new TreeSet<>(changes.completedActions())))
        .append('\n');
    return out.toString();
  }

  static GuestFacts facts(Properties properties) {
    Map<String, Filesystem> filesystems = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("fs.")) {
        String device = key.substring(3);
        String[] values = properties.getProperty(key).split("\\s+");
        filesystems.put(
            device,
            new Filesystem(
                device,
                values[0],
                values.length > 1 && !values[1].equals("-") ? values[1] : "",
                values.length > 2 && !values[2].equals("-") ? values[2] : ""));
      }
    }
    return new GuestFacts(
        properties.getProperty("distro"),
        Integer.parseInt(properties.getProperty("major", "0")),
        Integer.parseInt(properties.getProperty("minor", "0")),
        properties.getProperty("product", ""),
        filesystems,
        properties.getProperty("root", ""),
        properties.getProperty("bootDisk", ""));
  }

  static GuestPlan plan(Properties properties) {
    Map<String, String> renames = new LinkedHashMap<>();
    List<String> macs = new ArrayList<>();
    for (String key : new TreeMap<>(Map.copyOf(toMap(properties))).keySet()) {
      if (key.startsWith("rename.")) {
        renames.put(key.substring(7), properties.getProperty(key));
      } else if (key.startsWith("mac.")) {
        macs.add(properties.getProperty(key));
      }
    }
    return new GuestPlan(
        renames,
        macs,
        Boolean.parseBoolean(properties.getProperty("paravirtual", "true")),
        Boolean.parseBoolean(properties.getProperty("bootsFromDisk", "true")),
        properties.getProperty("xenCommandLine", ""));
  }

  private static Map<String, String> toMap(Properties properties) {
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return map;
  }

  // --- trees --------------------------------------------------------------------------------

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isSymbolicLink(source)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(source));
        } else if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  static void deleteTree(Path tree) throws IOException {
    if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Each entry of a tree: a file's content, a link's target, or a directory that is not empty. */
  static Map<String, String> entries(Path tree) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path p : walk.toList()) {
        String relative = "/" + tree.relativize(p);
        if (Files.isSymbolicLink(p)) {
          entries.put(relative, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          // git keeps no empty directory, so only those with a file or link below count
          try (Stream<Path> inside = Files.walk(p)) {
            if (inside.anyMatch(q -> Files.isSymbolicLink(q) || !Files.isDirectory(q))) {
              entries.put(relative, "(directory)");
            }
          }
        } else {
          entries.put(relative, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return entries;
  }

  static void assertSameTree(Path expected, Path actual, String what) throws IOException {
    Map<String, String> want = entries(expected);
    Map<String, String> got = entries(actual);
    StringBuilder differences = new StringBuilder();
    for (String path : want.keySet()) {
      if (!got.containsKey(path)) {
        differences.append("missing ").append(path).append('\n');
      } else if (!got.get(path).equals(want.get(path))) {
        differences.append(UnifiedDiff.of(path, want.get(path), got.get(path)));
      }
    }
    for (String path : got.keySet()) {
      if (!want.containsKey(path)) {
        differences.append("unexpected ").append(path).append('\n');
      }
    }
    assertEquals("", differences.toString(), what);
  }
}
