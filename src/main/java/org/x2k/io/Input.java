package org.x2k.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One document to convert: a file, or standard input ({@code path} null).
 *
 * @param name how messages name the input: the path as the user gave it, or {@code <stdin>}
 * @param path the file, or null for standard input
 * @param outputName where its output goes below an output directory: the file name for a file
 *     argument, the path relative to the directory argument for a file found in one
 * @param fromDirectory whether the file was found in a directory argument
 */
public record Input(String name, Path path, Path outputName, boolean fromDirectory) {
  public static final String STDIN_NAME = "<stdin>";

  static Input stdin() {
    return new Input(STDIN_NAME, null, null, false);
  }

  public boolean isStdin() {
    return path == null;
  }

  /** The input's bytes, reading {@code stdin} for standard input. */
  public byte[] read(InputStream stdin) throws InputException {
    try {
      if (isStdin()) {
        return stdin.readAllBytes();
      }
      if (Files.isDirectory(path)) {
        throw new InputException("is a directory");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InputException("no such file");
    } catch (AccessDeniedException e) {
      throw new InputException("permission denied");
    } catch (IOException e) {
      throw new InputException("cannot read: " + e.getMessage());
    }
  }
}
