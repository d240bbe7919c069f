package org.x2k.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * Copies as new volumes of a storage pool of the KVM host (--copy-storage POOL with --define):
 * created through libvirt's storage API and filled through its stream upload, holes sent as holes.
 * A copy is made under a name of x2k's ({@link Destination#partName}), read back and compared, and
 * only then given its name: by a hard link in the pool's directory when the pool is on this host
 * and the format is kept, otherwise by libvirt cloning it (virStorageVolCreateXMLFrom, which also
 * changes the format) and deleting the unfinished one.
 */
public final class PoolDestination implements Destination {
  private final Connect connect;
  private final String uri;
  private final String poolName;
  private final StoragePool pool;
  private final Optional<Path> localDirectory;

  private PoolDestination(
      Connect connect, String uri, String poolName, StoragePool pool, Optional<Path> directory) {
    this.connect = connect;
    this.uri = uri;
    this.poolName = poolName;
    this.pool = pool;
    this.localDirectory = directory;
  }

  /**
   * Pool {@code name} of {@code connect}, which must be running.
   *
   * @param localDirectory the pool's directory, if the pool is a directory of this host
   * @throws StorageException if there is no such pool, or it is not running
   */
  public static PoolDestination of(
      Connect connect, String uri, String name, Optional<Path> localDirectory)
      throws StorageException {
    try {
      StoragePool pool = connect.storagePoolLookupByName(name);
      if (pool.isActive() != 1) {
        throw new StorageException(
            "storage pool "
                + name
                + " of "
                + uri
                + " is not running (virsh pool-start "
                + name
                + ")");
      }
      pool.refresh(0);
      return new PoolDestination(connect, uri, name, pool, localDirectory);
    } catch (LibvirtException e) {
      throw new StorageException(
          "no storage pool " + name + " on " + uri + ": " + Volumes.message(e));
    }
  }

  @Override
  public String describe() {
    return "storage pool " + poolName + " of " + uri;
  }

  @Override
  public boolean onThisHost() {
    return localDirectory.isPresent();
  }

  @Override
  public long available() throws StorageException {
    try {
      return pool.getInfo().available;
    } catch (LibvirtException e) {
      throw new StorageException(describe() + ": " + Volumes.message(e));
    }
  }

  @Override
  public long needs(DiskSource source, String format) {
    return linksInPlace(source, format) ? source.allocation() : 2 * source.allocation();
  }

  private boolean linksInPlace(DiskSource source, String format) {
    return localDirectory.isPresent() && format.equals(source.format());
  }

  @Override
  public Copied copy(
      DiskSource source, String name, String format, boolean force, Blocks.Listener progress)
      throws StorageException, IOException {
    if (!Destination.isPlainName(name)) {
      throw new StorageException("no plain volume name: " + name);
    }
    String markerName = Destination.partName(name);
    try {
      Optional<StorageVol> marker = lookup(markerName);
      Optional<StorageVol> existing = lookup(name);
      if (marker.isPresent()) {
        // an earlier run's copy that did not finish: it is started again
        if (existing.isPresent()) {
          existing.get().delete(0);
          existing = Optional.empty();
        }
        marker.get().delete(0);
      } else if (existing.isPresent() && !force) {
        if (sameAsSource(source, existing.get(), format)) {
          return copied(existing.get(), format, 0, true);
        }
        throw new StorageException(
            "volume "
                + name
                + " exists in "
                + describe()
                + " and differs from the source (--force replaces it)");
      }
      StorageVol finished;
      long dataBytes;
      if (existing.isEmpty() && format.equals(source.format())) {
        // the usual case: filled under its own name while a marker says it is not finished
        StorageVol markerVolume = pool.storageVolCreateXML(Volumes.define(markerName, 0, "raw"), 0);
        finished =
            pool.storageVolCreateXML(Volumes.define(name, source.capacity(), source.format()), 0);
        try {
          dataBytes = fill(finished, source, progress);
        } finally {
          // filled and verified, or failed and deleted by fill: either way no longer unfinished
          deleteQuietly(markerVolume);
        }
      } else {
        // a format to change, or a copy to replace: made under another name, and named when it
        // is verified, so that a definition that uses the old copy keeps it until then
        String stagingName = name + ".x2k-staging";
        Optional<StorageVol> staleStaging = lookup(stagingName);
        if (staleStaging.isPresent()) {
          staleStaging.get().delete(0);
        }
        StorageVol staging =
            pool.storageVolCreateXML(
                Volumes.define(stagingName, source.capacity(), source.format()), 0);
        dataBytes = fill(staging, source, progress);
        finished = publish(staging, name, source, format, existing);
      }
      return copied(finished, format, dataBytes, false);
    } catch (LibvirtException e) {
      throw new StorageException(describe() + ": " + Volumes.message(e));
    }
  }

  /**
   * Uploads {@code source} into {@code volume} and reads it back; the bytes of data sent.
   *
   * @throws StorageException if it fails or does not read back the same: the volume is deleted
   */
  private long fill(StorageVol volume, DiskSource source, Blocks.Listener progress)
      throws StorageException, IOException, LibvirtException {
    boolean verified = false;
    try {
      Transfer.Result[] sent = new Transfer.Result[1];
      VolumeStreams.upload(
          connect,
          volume,
          source.length(),
          upload -> {
            try (Uploader uploader = new Uploader(upload)) {
              sent[0] =
                  Transfer.run(
                      source::read, source.format(), source.describe(), uploader, progress);
              uploader.finish();
            }
          });
      Transfer.Result readBack =
          Transfer.run(
              readerOf(volume), source.format(), "the copy of " + source.describe(), null, o -> {});
      if (!readBack.digest().equals(sent[0].digest())) {
        throw new StorageException(
            "volume " + volume.getName() + " does not read back as " + source.describe() + " did");
      }
      verified = true;
      return sent[0].dataBytes();
    } finally {
      if (!verified) {
        deleteQuietly(volume);
      }
    }
  }

  /** Gives the verified {@code staging} its name {@code name}, in {@code format}. */
  private StorageVol publish(
      StorageVol staging,
      String name,
      DiskSource source,
      String format,
      Optional<StorageVol> existing)
      throws StorageException, IOException, LibvirtException {
    if (localDirectory.isPresent() && format.equals(source.format())) {
      Path stagingPath = Path.of(staging.getPath());
      Path target = localDirectory.get().resolve(name);
      if (!stagingPath.getParent().equals(localDirectory.get())
          || !Files.isRegularFile(stagingPath, LinkOption.NOFOLLOW_LINKS)) {
        throw new StorageException(
            "volume " + staging.getName() + " is not the file x2k expects at " + target);
      }
      // the old copy goes only now; a link cannot replace what is there
      if (existing.isPresent()) {
        existing.get().delete(0);
      }
      Files.createLink(target, stagingPath);
      Files.delete(stagingPath);
      pool.refresh(0);
      return pool.storageVolLookupByName(name);
    }
    if (existing.isPresent()) {
      existing.get().delete(0);
    }
    // libvirt makes the named copy from the verified one, converting its format if asked
    StorageVol finished =
        pool.storageVolCreateXMLFrom(Volumes.define(name, source.capacity(), format), staging, 0);
    staging.delete(0);
    return finished;
  }

  private Copied copied(StorageVol volume, String format, long dataBytes, boolean kept)
      throws LibvirtException {
    String path = volume.getPath();
    String type = isBlockPool() ? "block" : "file";
    return new Copied(path, type, format, dataBytes, true, kept);
  }

  private boolean isBlockPool() throws LibvirtException {
    String xml = pool.getXMLDesc(0);
    return xml.contains("type='logical'")
        || xml.contains("type=\"logical\"")
        || xml.contains("type='disk'")
        || xml.contains("type=\"disk\"");
  }

  private boolean sameAsSource(DiskSource source, StorageVol volume, String format)
      throws StorageException, IOException, LibvirtException {
    if (!format.equals(source.format()) || volume.getInfo().capacity != source.capacity()) {
      return false;
    }
    String copy = Transfer.run(readerOf(volume), format, "volume", null, o -> {}).digest();
    String original =
        Transfer.run(source::read, source.format(), source.describe(), null, o -> {}).digest();
    return copy.equals(original);
  }

  /**
   * What reads a volume back: on this host, its file (as fast as the page cache); elsewhere,
   * libvirt's download.
   */
  private Transfer.Feeder readerOf(StorageVol volume) throws LibvirtException {
    if (localDirectory.isPresent()) {
      Path file = Path.of(volume.getPath());
      if (localDirectory.get().equals(file.getParent())
          && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return blocks -> LocalDisk.open(file, "raw").read(blocks);
      }
    }
    return blocks -> download(volume, blocks);
  }

  private void download(StorageVol volume, Blocks blocks) throws IOException, StorageException {
    VolumeStreams.download(
        connect,
        volume,
        new VolumeStreams.Receiver() {
          @Override
          public void data(byte[] bytes, int length) throws IOException {
            blocks.write(bytes, 0, length);
          }

          @Override
          public void hole(long length) throws IOException {
            blocks.hole(length);
          }
        });
  }

  private Optional<StorageVol> lookup(String name) {
    try {
      return Optional.of(pool.storageVolLookupByName(name));
    } catch (LibvirtException e) {
      return Optional.empty();
    }
  }

  private static void deleteQuietly(StorageVol volume) {
    try {
      volume.delete(0);
    } catch (LibvirtException e) {
      // the next run deletes an unfinished copy it finds
    }
  }

  /**
   * Sends data blocks and holes up the stream, data gathered into libvirt's largest messages, from
   * another thread while the next message is read and gathered (the stream is used by that thread
   * alone, in order).
   */
  private static final class Uploader implements Blocks.Sink, AutoCloseable {
    private final VolumeStreams.Upload upload;
    private final ExecutorService sender =
        Executors.newSingleThreadExecutor(
            work -> {
              Thread thread = new Thread(work, "x2k-copy-upload");
              thread.setDaemon(true);
              return thread;
            });
    private byte[] pending = new byte[VolumeStreams.MESSAGE];
    private byte[] spare = new byte[VolumeStreams.MESSAGE];
    private int filled;
    private Future<Void> sending;

    Uploader(VolumeStreams.Upload upload) {
      this.upload = upload;
    }

    @Override
    public void data(long offset, byte[] bytes, int from, int length) throws IOException {
      int at = from;
      int end = from + length;
      while (at < end) {
        int taken = Math.min(pending.length - filled, end - at);
        System.arraycopy(bytes, at, pending, filled, taken);
        filled += taken;
        at += taken;
        if (filled == pending.length) {
          handOff();
        }
      }
    }

    @Override
    public void zeros(long offset, long length) throws IOException {
      handOff();
      await();
      sending =
          sender.submit(
              () -> {
                upload.hole(length);
                return null;
              });
    }

    /** Sends what is left, and waits until all is sent. */
    void finish() throws IOException {
      handOff();
      await();
    }

    private void handOff() throws IOException {
      if (filled == 0) {
        return;
      }
      await();
      byte[] full = pending;
      int length = filled;
      sending =
          sender.submit(
              () -> {
                upload.send(full, 0, length);
                return null;
              });
      pending = spare;
      spare = full;
      filled = 0;
    }

    private void await() throws IOException {
      if (sending == null) {
        return;
      }
      try {
        sending.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the copy was sent");
      } catch (ExecutionException e) {
        throw new IOException(e.getCause().getMessage(), e.getCause());
      } finally {
        sending = null;
      }
    }

    /** Waits for a send in flight (the stream is aborted next, and must be idle), then stops. */
    @Override
    public void close() {
      try {
        if (sending != null) {
          sending.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // the failure that matters is the one being thrown
      } finally {
        sender.shutdownNow();
      }
    }
  }
}
