package org.x2k.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether only root (or the user running x2k) can change what a path leads to: the file and every
 * directory above it are owned by one of them, and no group or other user may write them. A
 * directory with the sticky bit (/tmp) may be writable by all, since nobody can then rename or
 * remove what root put in it. The one place x2k decides whom a path can be trusted from: the hook's
 * files, and the links an output may be written through (OutputFiles).
 */
public final class TrustedPath {
  private TrustedPath() {}

  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;

  /** {@code path}, resolved to what it leads to, if only root or this user can change it. */
  public static Path require(Path path, String what) throws InputException {
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new InputException(what + ", " + path + ", does not exist");
    } catch (IOException e) {
      throw new InputException("cannot check " + path + ": " + e.getMessage());
    }
    for (Path step = real; step != null; step = step.getParent()) {
      String problem;
      try {
        problem = problem(step);
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        throw new InputException("cannot check " + step + ": " + e.getMessage());
      }
      if (problem != null) {
        throw new InputException(
            what + ", " + path + ", could be changed by another user: " + problem);
      }
    }
    return real;
  }

  /** As {@link #require}, for the part of {@code directory} that exists already. */
  public static void requireWhereItExists(Path directory) throws InputException {
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
  public static void requireDirectoryWhereItExists(Path directory) throws InputException {
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

  /**
   * Why another user could change what {@code path} (followed, if a link) is, or null: its owner is
   * neither root nor this user, or its group or others may write it (a directory only if sticky).
   */
  static String problem(Path path) throws IOException {
    int uid = (Integer) Files.getAttribute(path, "unix:uid");
    int mode = (Integer) Files.getAttribute(path, "unix:mode");
    if (!isRootOrSelf(uid)) {
      return path + " belongs to uid " + uid;
    }
    boolean stickyDirectory = Files.isDirectory(path) && (mode & STICKY) != 0;
    if ((mode & GROUP_OR_OTHER_WRITE) != 0 && !stickyDirectory) {
      return path + " may be written by its group or others";
    }
    return null;
  }

  /**
   * Whether only root or this user could have put the link {@code link} where it is: it is theirs,
   * and so is its directory, which nobody else may write (unless sticky).
   */
  static boolean linkPlacedByRootOrSelf(Path link) throws IOException {
    int owner = (Integer) Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    return isRootOrSelf(owner) && problem(link.toAbsolutePath().getParent()) == null;
  }

  private static boolean isRootOrSelf(int uid) throws IOException {
    return uid == 0 || uid == ownUid();
  }

  /** The user x2k runs as: the owner of its own /proc entry. */
  public static int ownUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }
}
