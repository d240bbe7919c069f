package org.x2k.migrate;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.x2k.io.Inputs;

/**
 * Where a run's converted documents go, as the command line asked (x2k's output options).
 *
 * @param output the file or directory named by -o, or null for standard output
 * @param diff print a diff from each input to its conversion instead of the XML
 * @param force replace output files (and --in-place backups) that exist
 * @param dryRun convert and report, write no XML anywhere
 * @param inPlace rewrite each input file where it is
 * @param backupSuffix with --in-place, the backup's suffix
 * @param noBackup with --in-place, keep no backup
 * @param jobs how many inputs are converted at once
 */
public record OutputSettings(
    String output,
    boolean diff,
    boolean force,
    boolean dryRun,
    boolean inPlace,
    String backupSuffix,
    boolean noBackup,
    int jobs) {
  public boolean isStdout() {
    return output == null;
  }

  public Path path() {
    return Path.of(output);
  }

  /** Whether converted XML is written at all (to stdout or files). */
  public boolean writesXml() {
    return !diff && !dryRun;
  }

  /** Whether output goes into a directory, for one input or several. */
  public boolean isDirectory(boolean severalInputs) {
    return output != null
        && (severalInputs
            || output.endsWith("/")
            || output.endsWith(File.separator)
            || Files.isDirectory(Path.of(output)));
  }

  /** Whether output goes into a directory for {@code inputs}. */
  public boolean isDirectory(Inputs inputs) {
    return isDirectory(inputs.inputs().size() > 1 || inputs.anyDirectory());
  }
}
