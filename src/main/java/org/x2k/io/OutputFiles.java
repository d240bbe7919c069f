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

  /** A step that may fail; lets tests break an in-place rewrite at its most delicate point. */
  @FunctionalInterface
  interface Step {
    void run() throws IOException;
  }

  /**
   * Rewrites {@code file} with {@code content}: first the backup ({@code file + backupSuffix},
   * itself written atomically, unless {@code backupSuffix} is null), then the new content to a
   * temporary file beside {@code file} with {@code file}'s permissions, flushed and renamed over
   * it. Whatever fails, {@code file} holds either its old content or the new one.
   */
  public static void replaceInPlace(Path file, byte[] content, String backupSuffix) throws InputException {
    replaceInPlace(file, content, backupSuffix, () -> { });
  }

  static void replaceInPlace(Path file, byte[] content, String backupSuffix, Step beforeRename)
      throws InputException {
    try {
      byte[] original = Files.readAllBytes(file);
      if (backupSuffix != null) {
        writeAtomically(file.resolveSibling(file.getFileName() + backupSuffix), original, file);
      }
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(),
          "." + file.getFileName() + ".", ".x2k-tmp");
      try {
        try {
          Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the temporary file's default permissions stay
        }
        writeAndFlush(temporary, content);
        beforeRename.run();
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (AccessDeniedException e) {
      throw new InputException("cannot rewrite " + file + ": permission denied");
    } catch (IOException e) {
      throw new InputException("cannot rewrite " + file + ": " + e.getMessage());
    }
  }

  private static void writeAndFlush(Path file, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Writes {@code content} to {@code target}, replacing it, and flushes it to disk; refuses when
   * {@code target} is {@code input}, which would lose the original.
   */
  public static void writeAtomically(Path target, byte[] content, Path input) throws InputException {
    try (Staged staged = stage(target, content, input)) {
      staged.commit(true);
    }
  }

  /**
   * Writes {@code content} to a temporary file beside {@code target}, to be put in place by
   * {@link Staged#commit} or removed by {@link Staged#close}. Refuses when {@code target} is
   * {@code input}, which would lose the original.
   */
  public static Staged stage(Path target, byte[] content, Path input) throws InputException {
    try {
      if (input != null && Files.exists(target) && Files.isSameFile(target, input)) {
        throw new InputException("output " + target + " is the input itself; refusing to overwrite it");
      }
      Path directory = target.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".x2k-tmp");
      Staged staged = new Staged(target, temporary);
      try {
        Files.write(temporary, content);
      } catch (IOException e) {
        staged.close();
        throw e;
      }
      return staged;
    } catch (IOException e) {
      throw problem(target, e);
    }
  }

  private static InputException problem(Path target, IOException e) {
    if (e instanceof AccessDeniedException) {
      return new InputException("cannot write " + target + ": permission denied");
    }
    if (e instanceof NoSuchFileException) {
      return new InputException("cannot write " + target + ": no such directory");
    }
    return new InputException("cannot write " + target + ": " + e.getMessage());
  }

  /** An output file written beside its target under a temporary name, not yet in place. */
  public static final class Staged implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private boolean committed;

    private Staged(Path target, Path temporary) {
      this.target = target;
      this.temporary = temporary;
    }

    /** Where the file goes. */
    public Path target() {
      return target;
    }

    /**
     * Renames the file into place. It is flushed to disk first when it replaces a file, or when
     * {@code flush} asks for it, so that a crash leaves the old content or the new one. A new file
     * in a batch's output directory is not flushed one by one (a flush costs more than a
     * conversion), as cp and xsltproc do not: it reaches the disk with the system's writeback.
     */
    public void commit(boolean flush) throws InputException {
      try {
        if (flush || Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
      } catch (IOException e) {
        throw problem(target, e);
      }
    }

    /** Removes the temporary file unless it was committed. */
    @Override
    public void close() {
      if (!committed) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // nothing more to do: the name marks it as x2k's leftover (.x2k-tmp)
        }
      }
    }
  }
}
