package org.x2k.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.x2k.io.InputException;
import org.x2k.io.TrustedPath;

/**
 * Copies as files in a directory of this host (--copy-storage DIR without --define). The directory
 * must be one no other user can write: x2k links a verified copy to its final name there, and a
 * name another user could swap would make a guest's disk of any file.
 */
public final class DirectoryDestination implements Destination {
  private final Path directory;

  private DirectoryDestination(Path directory) {
    this.directory = directory;
  }

  /**
   * @throws StorageException if {@code directory} is no directory, or one another user can write
   */
  public static DirectoryDestination of(Path directory) throws StorageException {
    if (!Files.isDirectory(directory)) {
      throw new StorageException(directory + ": no such directory");
    }
    try {
      TrustedPath.requireDirectoryWhereItExists(directory);
      return new DirectoryDestination(directory.toRealPath());
    } catch (InputException e) {
      throw new StorageException(e.getMessage());
    } catch (IOException e) {
      throw new StorageException(directory + ": " + e.getMessage());
    }
  }

  @Override
  public String describe() {
    return directory.toString();
  }

  @Override
  public boolean onThisHost() {
    return true;
  }

  @Override
  public long available() throws StorageException {
    try {
      return Files.getFileStore(directory).getUsableSpace();
    } catch (IOException e) {
      throw new StorageException(directory + ": " + e.getMessage());
    }
  }

  @Override
  public long needs(DiskSource source, String format) {
    // a format change from another host stages the source here first
    boolean staged = !format.equals(source.format()) && source.localPath().isEmpty();
    return staged ? 2 * source.allocation() : source.allocation();
  }

  @Override
  public Copied copy(
      DiskSource source, String name, String format, boolean force, Blocks.Listener progress)
      throws StorageException, IOException {
    if (!Destination.isPlainName(name)) {
      throw new StorageException("no plain file name: " + name);
    }
    Path target = directory.resolve(name);
    Path part = directory.resolve(Destination.partName(name));
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (exists && !force) {
      if (sameAsSource(source, target, format)) {
        return new Copied(target.toString(), "file", format, 0, true, true);
      }
      throw new StorageException(
          target + " exists and differs from the source (--force replaces it)");
    }
    // an unfinished copy of an earlier run is started again
    Files.deleteIfExists(part);
    long dataBytes;
    if (format.equals(source.format())) {
      Transfer.Result written;
      Transfer.Result readBack;
      // reading and digesting on this thread, writing and syncing on another: two cores
      ExecutorService io = Executors.newSingleThreadExecutor(DirectoryDestination::ioThread);
      try (FileChannel out = create(part)) {
        FileWriter writer = new FileWriter(out, io);
        written = Transfer.run(source::read, source.format(), source.describe(), writer, progress);
        writer.finish();
        if (out.size() < written.length()) {
          // a disk that ends in a hole: the file is as long as the disk, without writing it
          out.write(ByteBuffer.wrap(new byte[1]), written.length() - 1);
        }
        Future<?> synced = io.submit(() -> sync(out));
        // read back while the copy goes to the disk: both read the same page cache
        readBack =
            Transfer.run(
                LocalDisk.open(part, format)::read, format, part.toString(), null, offset -> {});
        FileWriter.await(synced);
      } finally {
        io.shutdownNow();
      }
      if (!readBack.digest().equals(written.digest())) {
        Files.deleteIfExists(part);
        throw new StorageException(part + " does not read back as " + source.describe() + " did");
      }
      dataBytes = written.dataBytes();
    } else {
      Path from = source.localPath().orElse(null);
      Path staged = null;
      if (from == null) {
        staged = directory.resolve(Destination.partName(name) + "-source");
        Files.deleteIfExists(staged);
        ExecutorService io = Executors.newSingleThreadExecutor(DirectoryDestination::ioThread);
        try (FileChannel out = create(staged)) {
          FileWriter writer = new FileWriter(out, io);
          Transfer.run(source::read, source.format(), source.describe(), writer, progress);
          writer.finish();
        } finally {
          io.shutdownNow();
        }
        from = staged;
      }
      try {
        // qemu-img keeps the mode of a file that is there: the copy is root's alone
        create(part).close();
        QemuImg.convert(from, source.format(), part, format);
        if (!QemuImg.same(from, source.format(), part, format)) {
          Files.deleteIfExists(part);
          throw new StorageException(part + " does not read as " + source.describe() + " does");
        }
      } finally {
        if (staged != null) {
          Files.deleteIfExists(staged);
        }
      }
      dataBytes = source.allocation();
    }
    if (exists) {
      Files.delete(target);
    }
    // a link cannot replace what is there: the final name appears only for a verified copy
    Files.createLink(target, part);
    Files.delete(part);
    return new Copied(target.toString(), "file", format, dataBytes, true, false);
  }

  private static boolean sameAsSource(DiskSource source, Path target, String format)
      throws IOException, StorageException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (format.equals(source.format())) {
      if (Files.size(target) != source.length()) {
        return false;
      }
      String copy =
          Transfer.run(
                  LocalDisk.open(target, format)::read, format, target.toString(), null, o -> {})
              .digest();
      String original =
          Transfer.run(source::read, source.format(), source.describe(), null, o -> {}).digest();
      return copy.equals(original);
    }
    return source.localPath().isPresent()
        && QemuImg.same(source.localPath().get(), source.format(), target, format);
  }

  private static FileChannel create(Path file) throws IOException {
    return FileChannel.open(
        file,
        Set.of(
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ,
            LinkOption.NOFOLLOW_LINKS),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  private static Thread ioThread(Runnable work) {
    Thread thread = new Thread(work, "x2k-copy-writer");
    thread.setDaemon(true);
    return thread;
  }

  private static Void sync(FileChannel out) throws IOException {
    out.force(true);
    return null;
  }

  /**
   * Writes data blocks where they belong, gathered into large writes (a file system allocates many
   * small writes between holes slowly) that another thread makes while the next is gathered; zeros
   * stay holes.
   */
  private static final class FileWriter implements Blocks.Sink {
    private static final int GATHER = 4 * 1024 * 1024;

    private final FileChannel out;
    private final ExecutorService io;
    private ByteBuffer pending = ByteBuffer.allocateDirect(GATHER);
    private ByteBuffer spare = ByteBuffer.allocateDirect(GATHER);
    private Future<?> writing;
    private long pendingOffset = -1;

    FileWriter(FileChannel out, ExecutorService io) {
      this.out = out;
      this.io = io;
    }

    @Override
    public void data(long offset, byte[] bytes, int from, int length) throws IOException {
      if (pendingOffset >= 0
          && (offset != pendingOffset + pending.position() || pending.remaining() < length)) {
        handOff();
      }
      if (pendingOffset < 0) {
        pendingOffset = offset;
      }
      pending.put(bytes, from, length);
    }

    @Override
    public void zeros(long offset, long length) {
      // a hole: nothing written
    }

    /** Writes what is left, and waits until every write is made. */
    void finish() throws IOException {
      handOff();
      await(writing);
      writing = null;
    }

    /** The gathered bytes to the writing thread, once it is done with the last ones. */
    private void handOff() throws IOException {
      if (pendingOffset < 0) {
        return;
      }
      await(writing);
      ByteBuffer full = pending.flip();
      long at = pendingOffset;
      writing =
          io.submit(
              () -> {
                long position = at;
                while (full.hasRemaining()) {
                  position += out.write(full, position);
                }
                return null;
              });
      pending = spare.clear();
      spare = full;
      pendingOffset = -1;
    }

    static void await(Future<?> work) throws IOException {
      if (work == null) {
        return;
      }
      try {
        work.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the copy was written");
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io
            ? io
            : new IOException(String.valueOf(e.getCause()), e.getCause());
      }
    }
  }
}
