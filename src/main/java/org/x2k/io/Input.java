package org.x2k.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * @param content the document itself when it was read from elsewhere (a domain read through
 *     libvirt), or null
 */
public record Input(
    String name, Path path, Path outputName, boolean fromDirectory, byte[] content) {
  public static final String STDIN_NAME = "<stdin>";

  /**
   * The most x2k reads of one document: virsh reads at most 10 MiB of XML (VSH_MAX_XML_FILE), so
   * nothing larger can be a definition libvirt would take, and a bound keeps a stray disk image or
   * an endless stream from filling the memory.
   */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /** A file argument, or a file found in a directory argument. */
  public Input(String name, Path path, Path outputName, boolean fromDirectory) {
    this(name, path, outputName, fromDirectory, null);
  }

  static Input stdin() {
    return new Input(STDIN_NAME, null, null, false, null);
  }

  /** A domain read through libvirt: named after it, written to NAME.xml in a directory. */
  public static Input ofDomain(String name, byte[] xml) {
    return new Input(name, null, Path.of(name.replace('/', '_') + ".xml"), true, xml);
  }

  public boolean isStdin() {
    return path == null && content == null;
  }

  /** The input's bytes, reading {@code stdin} for standard input. */
  public byte[] read(InputStream stdin) throws InputException {
    if (content != null) {
      return content;
    }
    try {
      if (isStdin()) {
        return readBounded(stdin);
      }
      if (Files.isDirectory(path)) {
        throw new InputException("is a directory");
      }
      // a file found in a directory was a regular file when listed; whoever can write to that
      // directory may have put a link in its place since, which is not followed
      LinkOption[] follow =
          fromDirectory ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
      try (InputStream in = Files.newInputStream(path, follow)) {
        return readBounded(in);
      }
    } catch (NoSuchFileException e) {
      throw new InputException("no such file");
    } catch (AccessDeniedException e) {
      throw new InputException("permission denied");
    } catch (IOException e) {
      throw new InputException("cannot read: " + e.getMessage());
    }
  }

  /**
   * Reads all of {@code in}, refusing more than {@link #MAX_BYTES} without reading the rest (a
   * large file is never read whole).
   */
  public static byte[] readBounded(InputStream in) throws IOException, InputException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new InputException(
          "too large: more than "
              + (MAX_BYTES >> 20)
              + " MiB, the most virsh reads of a definition");
    }
    return bytes;
  }
}
