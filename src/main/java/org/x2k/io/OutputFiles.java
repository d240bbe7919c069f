package org.x2k.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes output files so that a crash never leaves a partial definition: the bytes go to a
 * temporary file beside the target, are flushed to disk, and the file is renamed over the target.
 * An existing file is replaced only when the caller says so ({@code --force}); temporary files
 * still open when the JVM shuts down (Ctrl-C, SIGTERM) are removed by a shutdown hook.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** A step that may fail; lets tests break an in-place rewrite at its most delicate point. */
  @FunctionalInterface
  interface Step {
    void run() throws IOException;
  }

  /** x2k's temporary files not yet renamed or removed, for the shutdown hook. */
  private static final Set<Path> TEMPORARIES = ConcurrentHashMap.newKeySet();

  /**
   * Creating a temporary file (read lock) and the shutdown hook's clean-up (write lock) exclude
   * each other, so that no worker creates one the hook has already missed.
   */
  private static final ReadWriteLock CREATION = new ReentrantReadWriteLock();
  private static boolean stopping;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(OutputFiles::removeTemporaries, "x2k-cleanup"));
  }

  private static void removeTemporaries() {
    CREATION.writeLock().lock();
    try {
      stopping = true;
      for (Path temporary : TEMPORARIES) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // the JVM is going down: the name marks it as x2k's leftover (.x2k-tmp)
        }
      }
    } finally {
      CREATION.writeLock().unlock();
    }
  }

  /** The temporary files x2k has open now; empty between conversions. */
  static Set<Path> temporaries() {
    return Set.copyOf(TEMPORARIES);
  }

  private static Path createTemporary(Path directory, Path target) throws IOException {
    CREATION.readLock().lock();
    try {
      if (stopping) {
        throw new IOException("x2k is stopping");
      }
      Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".x2k-tmp");
      TEMPORARIES.add(temporary);
      return temporary;
    } finally {
      CREATION.readLock().unlock();
    }
  }

  private static void removeTemporary(Path temporary) throws IOException {
    try {
      Files.deleteIfExists(temporary);
    } finally {
      TEMPORARIES.remove(temporary);
    }
  }

  /**
   * Rewrites {@code file} with {@code content}: first the backup ({@code file + backupSuffix},
   * itself written atomically, unless {@code backupSuffix} is null; an existing backup is
   * replaced only if {@code replaceBackup}), then the new content to a temporary file beside
   * {@code file} with {@code file}'s permissions, flushed and renamed over it. Whatever fails,
   * {@code file} holds either its old content or the new one.
   */
  public static void replaceInPlace(Path file, byte[] content, String backupSuffix, boolean replaceBackup)
      throws InputException {
    replaceInPlace(file, content, backupSuffix, replaceBackup, () -> { });
  }

  static void replaceInPlace(Path file, byte[] content, String backupSuffix, boolean replaceBackup,
      Step beforeRename) throws InputException {
    try {
      byte[] original = Files.readAllBytes(file);
      if (backupSuffix != null) {
        Path backup = file.resolveSibling(file.getFileName() + backupSuffix);
        try (Staged staged = stage(backup, original, file, replaceBackup)) {
          staged.commit(true);
        }
      }
      Path temporary = createTemporary(file.toAbsolutePath().getParent(), file);
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
        removeTemporary(temporary);
      }
    } catch (IOException e) {
      throw problem("cannot rewrite ", file, e);
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
    try (Staged staged = stage(target, content, input, true)) {
      staged.commit(true);
    }
  }

  /**
   * Writes {@code content} to a temporary file beside {@code target}, to be put in place by
   * {@link Staged#commit} or removed by {@link Staged#close}. Refuses when {@code target} is
   * {@code input}, which would lose the original. Unless {@code replace}, {@link Staged#commit}
   * refuses a target that exists then (checked there, so that a batch's messages do not depend on
   * which worker staged first). A target that exists and is not a regular file ({@code /dev/null}, a
   * pipe) is written into directly when committed: there is no file to lose.
   */
  public static Staged stage(Path target, byte[] content, Path input, boolean replace)
      throws InputException {
    try {
      boolean exists = Files.exists(target);
      if (exists && input != null && Files.isSameFile(target, input)) {
        throw new InputException("output " + target + " is the input itself; refusing to overwrite it");
      }
      if (exists && !Files.isRegularFile(target)) {
        if (Files.isDirectory(target)) {
          throw new InputException("cannot write " + target + ": is a directory");
        }
        return new Staged(target, null, content, true);
      }
      Path directory = target.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = createTemporary(directory, target);
      Staged staged = new Staged(target, temporary, null, replace);
      try {
        // without CREATE: a file the shutdown hook removed meanwhile is not made again
        Files.write(temporary, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException e) {
        staged.close();
        throw e;
      }
      return staged;
    } catch (IOException e) {
      throw problem("cannot write ", target, e);
    }
  }

  private static InputException exists(Path target) {
    return new InputException(target + " exists; add --force to replace it");
  }

  private static InputException problem(String what, Path target, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new InputException(what + target + ": no such directory");
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return new InputException(what + target + ": " + exists.getFile() + " exists and is not a directory");
    }
    return new InputException(what + target + ": " + IoReason.of(e));
  }

  /** An output file written beside its target under a temporary name, not yet in place. */
  public static final class Staged implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    /** For a target that is not a regular file: the bytes, written into it on commit. */
    private final byte[] direct;
    private final boolean replace;
    private boolean committed;

    private Staged(Path target, Path temporary, byte[] direct, boolean replace) {
      this.target = target;
      this.temporary = temporary;
      this.direct = direct;
      this.replace = replace;
    }

    /** Where the file goes. */
    public Path target() {
      return target;
    }

    /**
     * Puts the file in place. It is flushed to disk first when it replaces a file, or when
     * {@code flush} asks for it, so that a crash leaves the old content or the new one. A new file
     * in a batch's output directory is not flushed one by one (a flush costs more than a
     * conversion), as cp and xsltproc do not: it reaches the disk with the system's writeback.
     * Without {@code replace}, a file that appeared at the target meanwhile is kept: the new one
     * is linked in only where no file is.
     */
    public void commit(boolean flush) throws InputException {
      try {
        if (direct != null) {
          try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
            out.write(direct);
          }
          committed = true;
          return;
        }
        boolean replacing = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (replacing && !replace) {
          throw exists(target);
        }
        if (flush || replacing) {
          try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
        }
        if (replace) {
          Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          linkWithoutReplacing();
        }
        committed = true;
        TEMPORARIES.remove(temporary);
      } catch (FileAlreadyExistsException e) {
        throw exists(target);
      } catch (IOException e) {
        throw problem("cannot write ", target, e);
      }
    }

    /** link(2) fails where a file exists, so a file created since {@link #stage} is never lost. */
    private void linkWithoutReplacing() throws IOException {
      try {
        Files.createLink(target, temporary);
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (e instanceof FileAlreadyExistsException exists) {
          throw exists;
        }
        // no hard links here (vfat, some network file systems): a plain rename, checked above
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      Files.delete(temporary);
    }

    /** Removes the temporary file unless it was committed. */
    @Override
    public void close() {
      if (!committed && temporary != null) {
        try {
          removeTemporary(temporary);
        } catch (IOException e) {
          // nothing more to do: the name marks it as x2k's leftover (.x2k-tmp)
        }
      }
    }
  }
}
