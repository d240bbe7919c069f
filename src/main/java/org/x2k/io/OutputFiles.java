package org.x2k.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes output files so that a crash never leaves a partial definition: the bytes go to a
 * temporary file beside the target, are flushed to disk, and the file is renamed over the target.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * Writes {@code content} to {@code target}, replacing it; refuses when {@code target} is {@code
   * input}, which would lose the original.
   */
  public static void writeAtomically(Path target, byte[] content, Path input) throws InputException {
    try {
      if (input != null && Files.exists(target) && Files.isSameFile(target, input)) {
        throw new InputException("output " + target + " is the input itself; refusing to overwrite it");
      }
      Path directory = target.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".x2k-tmp");
      try {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(content);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (AccessDeniedException e) {
      throw new InputException("cannot write " + target + ": permission denied");
    } catch (NoSuchFileException e) {
      throw new InputException("cannot write " + target + ": no such directory");
    } catch (IOException e) {
      throw new InputException("cannot write " + target + ": " + e.getMessage());
    }
  }
}
