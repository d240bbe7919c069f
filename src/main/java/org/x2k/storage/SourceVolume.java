package org.x2k.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;

/**
 * A disk that is a volume of a storage pool on the source host, read through libvirt's volume
 * download: x2k needs no other access to that host than its libvirt URI.
 */
public final class SourceVolume implements DiskSource {
  private final Connect connect;
  private final StorageVol volume;
  private final String described;
  private final String format;
  private final long length;
  private final long capacity;
  private final long allocation;

  private SourceVolume(
      Connect connect,
      StorageVol volume,
      String described,
      String format,
      long length,
      long capacity,
      long allocation) {
    this.connect = connect;
    this.volume = volume;
    this.described = described;
    this.format = format;
    this.length = length;
    this.capacity = capacity;
    this.allocation = allocation;
  }

  /**
   * The volume at {@code path} on {@code connect}, or empty if no pool there has it.
   *
   * @param format the format the definition declares, which the volume must have
   * @throws StorageException if the volume cannot be read or its format is not the declared one
   */
  public static Optional<SourceVolume> find(Connect connect, String uri, String path, String format)
      throws StorageException {
    StorageVol volume;
    try {
      volume = connect.storageVolLookupByPath(path);
    } catch (LibvirtException e) {
      return Optional.empty();
    }
    String described = path + " on " + uri;
    try {
      StorageVolInfo info = volume.getInfo();
      Volumes.Facts facts = Volumes.facts(volume.getXMLDesc(0));
      if (!facts.format().isEmpty() && !facts.format().equals(format)) {
        throw new StorageException(
            described + ": the domain says " + format + ", its pool says " + facts.format());
      }
      long length = format.equals("raw") ? info.capacity : facts.physical();
      if (length <= 0) {
        throw new StorageException(described + ": its pool does not say how long its file is");
      }
      return Optional.of(
          new SourceVolume(
              connect, volume, described, format, length, info.capacity, info.allocation));
    } catch (LibvirtException e) {
      throw new StorageException("cannot read " + described + ": " + Volumes.message(e));
    }
  }

  @Override
  public String describe() {
    return described;
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public long capacity() {
    return capacity;
  }

  @Override
  public long allocation() {
    return Math.min(allocation, length);
  }

  @Override
  public Optional<Path> localPath() {
    return Optional.empty();
  }

  /**
   * Reads the volume through libvirt's download, no further than its length: the source host sends
   * what it likes, and a stream that does not end is cut there.
   */
  @Override
  public void read(Blocks blocks) throws IOException, StorageException {
    long[] received = {0};
    VolumeStreams.download(
        connect,
        volume,
        new VolumeStreams.Receiver() {
          @Override
          public void data(byte[] bytes, int length) throws IOException {
            count(length);
            blocks.write(bytes, 0, length);
          }

          @Override
          public void hole(long length) throws IOException {
            count(length);
            blocks.hole(length);
          }

          private void count(long more) throws IOException {
            received[0] += more;
            if (received[0] > length) {
              throw new IOException(
                  described + ": the source host sent more than the volume's " + length + " bytes");
            }
          }
        });
    if (received[0] != length) {
      throw new StorageException(
          described + ": the source host sent " + received[0] + " of its " + length + " bytes");
    }
  }
}
