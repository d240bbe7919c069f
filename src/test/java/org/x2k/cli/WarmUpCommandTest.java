package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WarmUpCommandTest {
  @Test
  void convertsEveryBundledExampleSilently() {
    Cli.Result result = Cli.run("", "warm-up");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("", result.out());
    assertEquals("", result.err());
  }

  @Test
  void isHiddenFromHelp() {
    Cli.Result result = Cli.run("", "--help");
    assertEquals(0, result.exitCode());
    assertEquals(false, result.out().contains("warm-up"), result.out());
  }
}
