package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Shell completion and the man page are generated from the same model as --help. */
class DocumentationCommandsTest {
  private static final CommandLine.Model.CommandSpec CONVERT =
      Main.newCommandLine(System.in).getSubcommands().get("convert").getCommandSpec();

  @Test
  void bashCompletionKnowsEveryConvertOption() {
    Cli.Result result = Cli.run("", "completion", "bash");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("complete -F _complete_x2k"), result.out());
    for (OptionSpec option : CONVERT.options()) {
      assertTrue(
          result.out().contains(option.longestName()), option.longestName() + " not completed");
    }
  }

  @Test
  void zshCompletionIsAnAutoloadFileThatCompletesItsFirstCall() {
    Cli.Result result = Cli.run("", "completion", "zsh");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("#compdef x2k\n"), result.out());
    assertTrue(result.out().contains("autoload -U +X bashcompinit && bashcompinit"));
    assertTrue(result.out().contains("complete -F _complete_x2k"));
    assertTrue(
        result.out().endsWith("  _bash_complete -F _complete_x2k -o default\nfi\n"), result.out());
  }

  @Test
  void completionScriptsAreSourcedSoHaveNoShebang() {
    for (String shell : new String[] {"bash", "zsh"}) {
      Cli.Result result = Cli.run("", "completion", shell);
      assertFalse(result.out().contains("#!"), shell + ": " + result.out());
    }
    assertEquals("body\n", CompletionCommand.withoutShebang("#!/usr/bin/env bash\nbody\n"));
    assertEquals("body\n", CompletionCommand.withoutShebang("body\n"));
  }

  @Test
  void unknownShellIsUsageError() {
    assertEquals(2, Cli.run("", "completion", "fish").exitCode());
  }

  @Test
  void manPageDocumentsEveryOptionAndExitCode() {
    Cli.Result result = Cli.run("", "man");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith(".TH X2K 1 "), result.out());
    for (OptionSpec option : CONVERT.options()) {
      assertTrue(
          result.out().contains(ManCommand.escape(option.longestName())),
          option.longestName() + " missing from the man page");
    }
    assertTrue(result.out().contains(".SH \"EXIT STATUS\"\n.TP\n.B 0\n"), result.out());
    assertTrue(result.out().contains(".B 2\nusage error"), result.out());
  }

  @Test
  void manPageRendersWithoutWarnings(@TempDir Path dir) throws IOException, InterruptedException {
    assumeTrue(new File("/usr/bin/groff").canExecute(), "groff is not installed");
    Path page = dir.resolve("x2k.1");
    Files.writeString(page, Cli.run("", "man").out(), StandardCharsets.UTF_8);
    Process groff =
        new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", page.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(false)
            .start();
    String warnings = new String(groff.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, groff.waitFor());
    assertEquals("", warnings);
  }
}
