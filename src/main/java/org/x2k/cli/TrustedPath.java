package org.x2k.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.x2k.io.InputException;

/**
 * Whether only root (or the user running x2k) can change what a path leads to: the file and every
 * directory above it are owned by one of them, and no group or other user may write them. A
 * directory with the sticky bit (/tmp) may be writable by all, since nobody can then rename or
 * remove what root put in it.
 */
final class TrustedPath {
  private TrustedPath() {}

  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;

  /** {@code path}, resolved to what it leads to, if only root or this user can change it. */
  static Path require(Path path, String what) throws InputException {
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new InputException(what + ", " + path + ", does not exist");
    } catch (IOException e) {
      throw new InputException("cannot check " + path + ": " + e.getMessage());
    }
    for (Path step = real; step != null; step = step.getParent()) {
      String problem = problem(step);
      if (problem != null) {
        throw new InputException(
            what + ", " + path + ", could be changed by another user: " + problem);
      }
    }
    return real;
  }

  /** As {@link #require}, for the part of {@code directory} that exists already. */
  static void requireWhereItExists(Path directory) throws InputException {
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      require(existing, "the directory " + directory);
    }
  }

  /**
   * As {@link #requireWhereItExists}, and the directory itself (when it exists) may be written by
   * root or this user alone, sticky or not: x2k puts files there that others must not add to.
   */
  static void requireDirectoryWhereItExists(Path directory) throws InputException {
    requireWhereItExists(directory);
    Path absolute = directory.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      try {
        int mode = (Integer) Files.getAttribute(absolute, "unix:mode");
        if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
          throw new InputException(
              "the directory "
                  + directory
                  + " may be written by its group or others: x2k installs nothing there");
        }
      } catch (IOException | UnsupportedOperationException e) {
        throw new InputException("cannot check " + directory + ": " + e.getMessage());
      }
    }
  }

  private static String problem(Path path) throws InputException {
    try {
      int uid = (Integer) Files.getAttribute(path, "unix:uid");
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (uid != 0 && uid != self) {
        return path + " belongs to uid " + uid;
      }
      boolean stickyDirectory = Files.isDirectory(path) && (mode & STICKY) != 0;
      if ((mode & GROUP_OR_OTHER_WRITE) != 0 && !stickyDirectory) {
        return path + " may be written by its group or others";
      }
      return null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw new InputException("cannot check " + path + ": " + e.getMessage());
    }
  }
}
