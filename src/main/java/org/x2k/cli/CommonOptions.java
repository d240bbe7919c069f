package org.x2k.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** Options every subcommand takes. */
public final class CommonOptions {
  static final String STACKTRACE = "--stacktrace";

  @Option(
      names = STACKTRACE,
      description = "On a failure, print the Java stack trace too (for bug reports).")
  boolean stacktrace;

  /** Whether {@code --stacktrace} was given to the command that ran or to any of its parents. */
  static boolean stacktraceRequested(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption(STACKTRACE)) {
        return true;
      }
    }
    return false;
  }
}
