package org.x2k.io;

import java.nio.file.Path;
import java.util.List;

/** Lets tests in other packages see x2k's open temporary files. */
public final class OutputFilesProbe {
  private OutputFilesProbe() {}

  public static List<Path> temporaries() {
    return List.copyOf(OutputFiles.temporaries());
  }
}
