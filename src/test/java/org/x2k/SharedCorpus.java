package org.x2k;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared material beside the clone ({@code ../shared}: the corpora of real Xen domains and
 * configs). A clone on its own has none: tests that need it are skipped there, with the reason.
 * Under CI ({@code CI} set and not empty) it must be there, and its absence fails the test.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  /** {@code directory}, if it is there; otherwise skips the calling test, or fails it under CI. */
  public static Path require(Path directory) {
    if (Files.isDirectory(directory)) {
      return directory;
    }
    String ci = System.getenv("CI");
    if (ci == null || ci.isEmpty()) {
      Assumptions.abort(
          "no shared corpus at " + directory + " (a clone without ../shared beside it)");
    }
    throw new AssertionError("CI must have the shared corpus at " + directory);
  }

  /**
   * {@code directory}, if it is there; otherwise skips the calling test, under CI too: for shared
   * material that {@code ../shared} does not hold yet, named by {@code what}.
   */
  public static Path ifPlaced(Path directory, String what) {
    Assumptions.assumeTrue(
        Files.isDirectory(directory),
        () -> "no shared corpus at " + directory + ": " + what + " is not placed there yet");
    return directory;
  }
}
