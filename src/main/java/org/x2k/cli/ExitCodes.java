package org.x2k.cli;

/** x2k's exit codes: picocli's conventions, listed in every command's help. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** OK when every input went through, FAILED otherwise. */
  static int of(boolean allThrough) {
    return allThrough ? OK : FAILED;
  }

  static final String HEADING = "%nExit codes:%n";
  static final String OK_LINE = "0:every input was converted";
  static final String FAILED_LINE = "1:at least one input failed (each named on stderr)";
  static final String FAILED_OR_LEFT_OUT_LINE =
      "1:at least one input failed (each named on stderr), or --define left a domain out";
  static final String USAGE_LINE =
      "2:usage error: unknown option, bad value, -o FILE with several inputs";

  private ExitCodes() {}
}
