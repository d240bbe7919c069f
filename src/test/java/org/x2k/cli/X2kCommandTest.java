package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The top-level command: help, version and usage errors as picocli users expect them. */
class X2kCommandTest {
  @Test
  void helpListsSubcommandsAndExitCodes() {
    Cli.Result result = Cli.run("", "--help");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("convert"), result.out());
    assertTrue(result.out().contains("Exit codes:"), result.out());
    assertTrue(result.out().contains("0   every input was converted"), result.out());
    assertTrue(result.out().contains("2   usage error"), result.out());
  }

  @Test
  void convertHelpListsOptionsAndExitCodes() {
    Cli.Result result = Cli.run("", "convert", "--help");
    assertEquals(0, result.exitCode());
    for (String expected :
        new String[] {
          "--output",
          "--recursive",
          "--bridge",
          "--stacktrace",
          "Exit codes:",
          "1   at least one input failed"
        }) {
      assertTrue(result.out().contains(expected), expected + " missing from:\n" + result.out());
    }
  }

  @Test
  void helpSubcommandShowsConvertHelp() {
    Cli.Result result = Cli.run("", "help", "convert");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("Usage: x2k convert"), result.out());
  }

  @Test
  void versionNamesX2kAndItsEngine() {
    Cli.Result result = Cli.run("", "--version");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().matches("(?s)x2k \\d+\\.\\d+\\.\\d+.*Saxon-HE \\d+.*"), result.out());
  }

  @Test
  void missingSubcommandIsUsageError() {
    Cli.Result result = Cli.run("");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("Missing required subcommand"), result.err());
  }

  @Test
  void unknownSubcommandIsUsageError() {
    Cli.Result result = Cli.run("", "frobnicate");
    assertEquals(2, result.exitCode());
  }

  private static Set<String> subcommandsFor(String... args) {
    return X2kCommand.commandLine(InputStream.nullInputStream(), args).getSubcommands().keySet();
  }

  @Test
  void aWorkingSubcommandIsSetUpAlone() {
    assertEquals(
        Set.of("convert"), subcommandsFor("--stacktrace", "convert", "-o", "out", "vm.xml"));
    assertEquals(Set.of("hook"), subcommandsFor("hook", "vm", "migrate", "begin", "-"));
  }

  @Test
  void helpAndDocumentationAndMistakesSeeEverySubcommand() {
    Set<String> all = subcommandsFor((String[]) null);
    assertTrue(
        all.containsAll(
            List.of(
                "convert",
                "from-native",
                "bridge",
                "hook",
                "hook-install",
                "completion",
                "man",
                "help")),
        all.toString());
    assertEquals(all, subcommandsFor("--help"));
    assertEquals(all, subcommandsFor("help", "convert"));
    assertEquals(all, subcommandsFor("man"));
    assertEquals(all, subcommandsFor("convrt"));
  }

  @Test
  void aMistypedSubcommandGetsASuggestion() {
    Cli.Result result = Cli.run("", "convrt");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("convert"), result.err());
  }
}
