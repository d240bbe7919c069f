package org.x2k.cli;

import java.nio.file.Path;
import org.x2k.migrate.ReportSettings;
import picocli.CommandLine.Option;

/** How the migration report is given: on stderr (unless quiet), and as JSON in a file. */
public final class ReportOptions {
  @Option(
      names = {"-q", "--quiet"},
      description = "Do not print the migration report and notes on stderr (errors still are).")
  boolean quiet;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Also write the report for all inputs to FILE as JSON (format in docs/report.md).")
  Path reportFile;

  /** What these options ask for, as the migration layer takes it. */
  ReportSettings settings() {
    return new ReportSettings(quiet, reportFile);
  }
}
