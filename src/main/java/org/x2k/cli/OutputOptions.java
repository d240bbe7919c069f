package org.x2k.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.x2k.io.Inputs;
import org.x2k.migrate.OutputSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where converted documents go: standard output, one file, or a directory. */
public final class OutputOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

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

  /** What these options ask for, as the migration layer takes it. */
  OutputSettings settings() {
    return new OutputSettings(
        output,
        diff,
        force,
        dryRun,
        inPlace,
        backupSuffix,
        noBackup,
        jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
  }

  private boolean writesXml() {
    return settings().writesXml();
  }

  private Path path() {
    return settings().path();
  }

  private boolean isStdout() {
    return settings().isStdout();
  }

  /**
   * Refuses, as a usage error, combinations of these options and {@code expanded} that cannot work;
   * {@code defining} when converted domains are defined on a host (--define).
   */
  void validate(Inputs expanded, boolean defining) {
    if (settings().jobs() < 1) {
      throw usage("--jobs must be at least 1");
    }
    if (expanded.stdinCount() > 1) {
      throw usage("standard input (-) can be read only once");
    }
    if (diff && !isStdout()) {
      throw usage("--diff prints to stdout and writes no files: drop -o");
    }
    if (inPlace) {
      if (!isStdout() || diff) {
        throw usage("--in-place rewrites the inputs themselves: drop -o and --diff");
      }
      if (expanded.stdinCount() > 0) {
        throw usage("--in-place needs files, not standard input");
      }
      return;
    }
    if (isStdout()
        && writesXml()
        && !defining
        && (expanded.inputs().size() > 1 || expanded.anyDirectory())) {
      throw usage("several inputs need an output directory: add -o DIR (or --in-place)");
    }
    boolean toDirectory = settings().isDirectory(expanded);
    if (toDirectory && expanded.stdinCount() > 0) {
      throw usage(
          "standard input (-) has no file name to write under in an output directory;"
              + " convert it alone, to stdout or -o FILE");
    }
    if (toDirectory && Files.exists(path()) && !Files.isDirectory(path())) {
      throw usage("-o " + output + " is a file, but several inputs need an output directory");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }
}
