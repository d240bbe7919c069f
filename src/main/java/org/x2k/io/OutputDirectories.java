package org.x2k.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * The directories outputs go into, opened so that nothing below the one a user names is followed
 * through a link: each name is opened relative to its parent's descriptor ({@code openat} with
 * {@code O_NOFOLLOW}), and entries are inspected without following them.
 */
final class OutputDirectories {
  private OutputDirectories() {}

  /**
   * Opens the directory {@code target} goes into: its {@code directory} as the user named it
   * (created if missing), then each name below it without following links, creating those that are
   * missing.
   */
  static SecureDirectoryStream<Path> open(OutputFiles.Target target)
      throws IOException, OutputException {
    Path walked = target.directory();
    Files.createDirectories(walked.toAbsolutePath());
    DirectoryStream<Path> top = Files.newDirectoryStream(walked);
    if (!(top instanceof SecureDirectoryStream<Path> directory)) {
      top.close();
      throw new IOException("this system cannot open files relative to a directory (openat)");
    }
    Path parent = target.below().getParent();
    if (parent == null) {
      return directory;
    }
    try {
      for (Path name : parent) {
        walked = walked.resolve(name);
        PosixFileAttributes attributes = attributes(directory, name);
        if (attributes == null) {
          try {
            Files.createDirectory(walked);
          } catch (FileAlreadyExistsException e) {
            // made meanwhile: opened and checked below like any other
          }
        } else if (attributes.isSymbolicLink()) {
          throw new OutputException(
              "cannot write "
                  + target
                  + ": "
                  + walked
                  + " is a symbolic link, and x2k follows none below an output directory");
        } else if (!attributes.isDirectory()) {
          throw new FileAlreadyExistsException(walked.toString());
        }
        SecureDirectoryStream<Path> next =
            directory.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        directory.close();
        directory = next;
      }
      return directory;
    } catch (OutputException | IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** An entry's own attributes (a link's, not its target's), or null where there is none. */
  static PosixFileAttributes attributes(SecureDirectoryStream<Path> directory, Path name)
      throws IOException {
    try {
      return directory
          .getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  static String kind(PosixFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "is a symbolic link";
    }
    if (attributes.isOther()) {
      return "is a device, pipe or socket";
    }
    return "exists";
  }
}
