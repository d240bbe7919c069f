package org.x2k.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** An output file written beside its target under a temporary name, not yet in place. */
public final class Staged implements AutoCloseable {
  private final Path target;
  private final SecureDirectoryStream<Path> directory;
  private final Path name;
  private final boolean replace;
  private final long length;

  /** For a device or pipe the user named: the bytes, written into it on commit. */
  private final byte[] direct;

  private Path temporary;
  Path temporaryPath;
  private FileChannel channel;
  private boolean done;

  Staged(
      Path target, SecureDirectoryStream<Path> directory, Path name, boolean replace, long length) {
    this.target = target;
    this.directory = directory;
    this.name = name;
    this.replace = replace;
    this.length = length;
    this.direct = null;
  }

  Staged(Path target, byte[] direct) {
    this.target = target;
    this.directory = null;
    this.name = null;
    this.replace = true;
    this.length = direct.length;
    this.direct = direct;
  }

  /** Where the file goes. */
  public Path target() {
    return target;
  }

  void create(Set<PosixFilePermission> mode) throws IOException {
    OutputFiles.CREATION.readLock().lock();
    try {
      if (OutputFiles.stopping) {
        throw new IOException("x2k is stopping");
      }
      for (int attempt = 0; channel == null; attempt++) {
        Path candidate =
            Path.of(
                "."
                    + name
                    + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".x2k-tmp");
        try {
          channel =
              (FileChannel)
                  directory.newByteChannel(
                      candidate,
                      Set.<OpenOption>of(
                          StandardOpenOption.CREATE_NEW,
                          StandardOpenOption.WRITE,
                          LinkOption.NOFOLLOW_LINKS),
                      PosixFilePermissions.asFileAttribute(mode));
          temporary = candidate;
        } catch (FileAlreadyExistsException e) {
          if (attempt > 100) {
            throw e;
          }
        }
      }
      temporaryPath = target.resolveSibling(temporary);
      OutputFiles.OPEN.add(this);
    } finally {
      OutputFiles.CREATION.readLock().unlock();
    }
    OutputFiles.afterCreation.run(temporaryPath);
    widen(mode);
  }

  /**
   * The umask may have taken bits off {@code mode} at creation. They are put back through a name
   * only where nobody else can change what that name is: a directory of x2k's own user that no
   * group or other user may write. Elsewhere the file keeps the narrower permissions.
   */
  private void widen(Set<PosixFilePermission> mode) throws IOException {
    PosixFileAttributeView view =
        directory.getFileAttributeView(
            temporary, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes created = view.readAttributes();
    if (created.permissions().equals(mode) || !created.isRegularFile()) {
      return;
    }
    PosixFileAttributes here =
        directory.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
    boolean private_ =
        here.owner().equals(created.owner())
            && !here.permissions().contains(PosixFilePermission.GROUP_WRITE)
            && !here.permissions().contains(PosixFilePermission.OTHERS_WRITE);
    if (private_) {
      view.setPermissions(mode);
    }
  }

  void copy(Path source) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      long size = in.size();
      for (long done = 0; done < size; ) {
        long copied = in.transferTo(done, size - done, channel);
        if (copied <= 0) {
          throw new IOException(source + " shrank while x2k copied it");
        }
        done += copied;
      }
    }
  }

  void write(byte[] content) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * Puts the file in place. It is flushed to disk first when it replaces a file, or when {@code
   * flush} asks for it, so that a crash leaves the old content or the new one. A new file in a
   * batch's output directory is not flushed one by one (a flush costs more than a conversion), as
   * cp and xsltproc do not: it reaches the disk with the system's writeback.
   */
  public void commit(boolean flush) throws OutputException {
    commit(flush, temporary -> {});
  }

  void commit(boolean flush, OutputFiles.Step beforeRename) throws OutputException {
    try {
      if (direct != null) {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
          out.write(direct);
        }
        done = true;
        return;
      }
      PosixFileAttributes existing = OutputDirectories.attributes(directory, name);
      if (existing != null && !replace) {
        throw new OutputException(
            target + " " + OutputDirectories.kind(existing) + "; add --force to replace it");
      }
      if (existing != null && existing.isDirectory()) {
        throw new OutputException("cannot write " + target + ": is a directory");
      }
      if (flush || existing != null) {
        channel.force(true);
      }
      PosixFileAttributes staged = OutputDirectories.attributes(directory, temporary);
      if (staged == null || !staged.isRegularFile() || staged.size() != length) {
        throw new OutputException(
            "cannot write " + target + ": its temporary file was replaced while x2k wrote it");
      }
      beforeRename.run(temporaryPath);
      // renameat(2): an entry at the target, even a link or a device node, is replaced, never
      // written through
      directory.move(temporary, directory, name);
      done = true;
    } catch (IOException e) {
      throw OutputFiles.problem("cannot write ", target, e);
    } finally {
      close();
    }
  }

  /** Removes the temporary file unless it was committed, and lets go of the directory. */
  @Override
  public synchronized void close() {
    if (directory == null) {
      return;
    }
    try {
      if (channel != null) {
        channel.close();
      }
      if (!done && temporary != null) {
        directory.deleteFile(temporary);
      }
    } catch (IOException | ClosedDirectoryStreamException e) {
      // nothing more to do: the name marks it as x2k's leftover (.x2k-tmp)
    } finally {
      OutputFiles.OPEN.remove(this);
      temporary = null;
      try {
        directory.close();
      } catch (IOException e) {
        // a descriptor that cannot be closed holds nothing of ours
      }
    }
  }
}
