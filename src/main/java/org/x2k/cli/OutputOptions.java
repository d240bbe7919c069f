package org.x2k.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where converted documents go: standard output, one file, or a directory. */
public final class OutputOptions {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE|DIR",
      description = {
        "Write to FILE (one input) or into DIR, one file per input under the input's name"
            + " (several inputs, a directory input, an existing directory, or a name ending in /)."
            + " DIR is created if missing.",
        "Default: standard output, for one input."
      })
  String output;

  @Option(
      names = "--diff",
      description =
          "Print a unified diff from each input to its conversion (both written the"
              + " same way) on stdout instead of the converted XML; writes no files.")
  boolean diff;

  @Option(
      names = {"-f", "--force"},
      description =
          "Replace output files that exist (and, with --in-place, backups that exist)."
              + " Without it such an input fails and the file is left as it is.")
  boolean force;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Convert and report, but write no converted XML anywhere.")
  boolean dryRun;

  @Option(
      names = {"-i", "--in-place"},
      description =
          "Rewrite each input file where it is, atomically, keeping the original as FILE.bak (see"
              + " --backup-suffix, --no-backup). Files nothing applies to are left alone.")
  boolean inPlace;

  @Option(
      names = "--backup-suffix",
      paramLabel = "SUFFIX",
      defaultValue = ".bak",
      description =
          "With --in-place: the backup's name is FILE followed by SUFFIX (default:"
              + " ${DEFAULT-VALUE}).")
  String backupSuffix;

  @Option(names = "--no-backup", description = "With --in-place: keep no backup.")
  boolean noBackup;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description =
          "Convert up to N inputs at once (default: the number of processors). Output,"
              + " messages and the report keep the inputs' order whatever N is.")
  Integer jobs;

  /** How many inputs are converted at once. */
  int jobs() {
    return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
  }

  /** Whether converted XML is written at all (to stdout or files). */
  boolean writesXml() {
    return !diff && !dryRun;
  }

  /** Whether output goes into a directory for the given inputs. */
  boolean isDirectory(boolean severalInputs) {
    return output != null
        && (severalInputs
            || output.endsWith("/")
            || output.endsWith(java.io.File.separator)
            || Files.isDirectory(Path.of(output)));
  }

  Path path() {
    return Path.of(output);
  }

  boolean isStdout() {
    return output == null;
  }
}
