package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2k.cli.Cli;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/**
 * File-based conversion tests. Every {@code <case>.xen.xml} (or {@code <case>.xen.cfg}, a native
 * xl/xm config) under the golden directory and under {@code examples/} is converted by {@code x2k
 * <subcommand and options from <case>.args, or convert> <case>.xen.xml} and must give {@code
 * <case>.kvm.xml}: identical as XML (XMLUnit, nothing ignored) and identical as text (so
 * indentation and quoting are part of the contract); its migration report must be {@code
 * <case>.report.json}, as {@code --report} writes it. {@code -Dgolden.update=true} rewrites the
 * expected files instead, except under CI.
 */
class GoldenTest {
  private static final String XEN = ".xen.xml";
  private static final String XEN_CONFIG = ".xen.cfg";
  private static final String KVM = ".kvm.xml";
  private static final String ARGS = ".args";
  private static final String REPORT = ".report.json";

  static List<Path> caseDirectories() {
    return List.of(
        Path.of(System.getProperty("golden.dir", "src/test/resources/golden")),
        Path.of(System.getProperty("examples.dir", "examples")));
  }

  static Stream<Path> cases() throws IOException {
    List<Path> inputs = new ArrayList<>();
    for (Path directory : caseDirectories()) {
      try (Stream<Path> files = Files.list(directory)) {
        files.filter(file -> base(file.toString()) != null).sorted().forEach(inputs::add);
      }
    }
    return inputs.stream();
  }

  /**
   * The case name of an input file ({@code <case>.xen.xml} or {@code <case>.xen.cfg}), else null.
   */
  static String base(String name) {
    for (String suffix : List.of(XEN, XEN_CONFIG)) {
      if (name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return null;
  }

  /**
   * The command line of a case: its .args (the subcommand, then options, over one or more lines),
   * or {@code convert} for a case without one; then {@code extra}, then the input.
   */
  static List<String> commandLine(Path xen, Path input, String... extra) throws IOException {
    String name = xen.toString();
    Path args = Path.of(base(name) + ARGS);
    List<String> command = new ArrayList<>();
    if (Files.exists(args)) {
      for (String line : Files.readAllLines(args, StandardCharsets.UTF_8)) {
        command.addAll(List.of(line.strip().split("\\s+")));
      }
      assertTrue(
          List.of("convert", "bridge").contains(command.get(0)),
          args + " must name its subcommand first, not " + command.get(0));
    } else {
      command.add("convert");
    }
    command.addAll(List.of(extra));
    command.add(input.toString());
    return command;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convertsAsExpected(Path xen) throws IOException {
    String base = base(xen.toString());
    Path kvm = Path.of(base + KVM);
    Path report = Path.of(base + REPORT);
    Path actualReport = Files.createTempFile("x2k-golden", ".json");

    Cli.Result result =
        Cli.run(
            "",
            commandLine(xen, xen, "--quiet", "--report", actualReport.toString())
                .toArray(String[]::new));
    assertEquals("", result.err(), "stderr");
    assertEquals(0, result.exitCode(), "exit code");
    // The report names the input as given; the expected one names it by file name only.
    String reportJson =
        Files.readString(actualReport, StandardCharsets.UTF_8)
            .replace("\"input\": \"" + xen + "\"", "\"input\": \"" + xen.getFileName() + "\"");
    Files.delete(actualReport);

    if (GoldenUpdate.requested(System.getProperty("golden.update"), System.getenv())) {
      Files.writeString(kvm, result.out(), StandardCharsets.UTF_8);
      Files.writeString(report, reportJson, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(kvm), "missing expected file " + kvm + " (run with -Dgolden.update=true)");
    String expected = Files.readString(kvm, StandardCharsets.UTF_8);
    Diff diff =
        DiffBuilder.compare(Input.fromString(expected))
            .withTest(Input.fromString(result.out()))
            .checkForIdentical()
            .build();
    assertTrue(!diff.hasDifferences(), () -> kvm + " differs:\n" + diff.fullDescription());
    assertEquals(expected, result.out(), kvm + " differs in formatting");
    assertTrue(
        Files.exists(report),
        "missing expected report " + report + " (run with -Dgolden.update=true)");
    assertEquals(Files.readString(report, StandardCharsets.UTF_8), reportJson, report + " differs");
  }

  /**
   * Running a case's command again on its expected output changes nothing: a converted domain is a
   * KVM domain, which convert copies unchanged, and renamed bridges are not renamed twice.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runningAgainChangesNothing(Path xen) throws IOException {
    String name = xen.toString();
    Path kvm = Path.of(base(name) + KVM);
    if (!Files.exists(kvm)) {
      return; // reported by convertsAsExpected and everyCaseIsAPair
    }
    Cli.Result again = Cli.run("", commandLine(xen, kvm, "--quiet").toArray(String[]::new));
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(
        Files.readString(kvm, StandardCharsets.UTF_8), again.out(), "second run changed " + kvm);
  }

  @Test
  void everyCaseIsAPair() throws IOException {
    List<String> orphans = new ArrayList<>();
    for (Path directory : caseDirectories()) {
      TreeSet<String> names = new TreeSet<>();
      try (Stream<Path> files = Files.list(directory)) {
        files.map(file -> file.getFileName().toString()).forEach(names::add);
      }
      for (String name : names) {
        String base;
        if (base(name) != null) {
          base = base(name);
          if (!names.contains(base + KVM)) {
            orphans.add(directory.resolve(name) + " has no " + base + KVM);
          }
          if (!names.contains(base + REPORT)) {
            orphans.add(directory.resolve(name) + " has no " + base + REPORT);
          }
        } else if (name.endsWith(KVM)) {
          base = name.substring(0, name.length() - KVM.length());
          if (!names.contains(base + XEN) && !names.contains(base + XEN_CONFIG)) {
            orphans.add(directory.resolve(name) + " has no " + base + XEN);
          }
        } else if (name.endsWith(REPORT)) {
          base = name.substring(0, name.length() - REPORT.length());
          if (!names.contains(base + XEN) && !names.contains(base + XEN_CONFIG)) {
            orphans.add(directory.resolve(name) + " has no " + base + XEN);
          }
        } else if (name.endsWith(ARGS)) {
          base = name.substring(0, name.length() - ARGS.length());
          if (!names.contains(base + XEN) && !names.contains(base + XEN_CONFIG)) {
            orphans.add(directory.resolve(name) + " has no " + base + XEN);
          }
        } else if (!name.equals("README.md")) {
          orphans.add(directory.resolve(name) + " is not part of a case");
        }
      }
    }
    if (!orphans.isEmpty()) {
      fail("orphan golden files:\n" + String.join("\n", orphans));
    }
  }

  @Test
  void thereAreCasesToRun() throws IOException {
    assertTrue(cases().count() >= 15, "golden cases were not found where expected");
  }
}
