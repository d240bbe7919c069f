package org.x2k.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A disk image file or block device of this host, read directly (x2k runs on the Xen host). Its
 * path was checked by the caller: which paths a definition may make x2k read is not this class's
 * decision.
 */
public final class LocalDisk implements DiskSource {
  private static final int READ_CHUNK = 1024 * 1024;

  private final Path path;
  private final String format;
  private final long length;
  private final long capacity;
  private final long allocation;

  private LocalDisk(Path path, String format, long length, long capacity, long allocation) {
    this.path = path;
    this.format = format;
    this.length = length;
    this.capacity = capacity;
    this.allocation = allocation;
  }

  /**
   * {@code path} (a file or a block device), read as {@code format}.
   *
   * @throws StorageException if it cannot be opened, or is a qcow2 image that names another file
   */
  public static LocalDisk open(Path path, String format) throws StorageException {
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      boolean block = !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
      long length = block ? blockDeviceSize(path) : in.size();
      long capacity = length;
      if (format.equals("qcow2")) {
        byte[] header = new byte[Qcow2Header.LENGTH];
        int got = Math.max(in.read(ByteBuffer.wrap(header), 0), 0);
        capacity = Qcow2Header.virtualSize(header, got, path.toString());
      }
      long allocation = block ? length : Math.min(length, allocatedBytes(path));
      return new LocalDisk(path, format, length, capacity, allocation);
    } catch (IOException e) {
      throw new StorageException("cannot read " + path + ": " + e.getMessage());
    }
  }

  @Override
  public String describe() {
    return path.toString();
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
    return allocation;
  }

  @Override
  public Optional<Path> localPath() {
    return Optional.of(path);
  }

  @Override
  public void read(Blocks blocks) throws IOException, StorageException {
    byte[] buffer = new byte[READ_CHUNK];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ);
        FileExtents extents = FileExtents.of(path, length)) {
      long at = 0;
      while (at < length) {
        long data = extents.dataFrom(at);
        if (data > at) {
          blocks.hole(data - at);
          at = data;
          continue;
        }
        long end = extents.dataUntil(at);
        if (end <= at) {
          // a file that changes while it is read: read on rather than stand still
          end = Math.min(length, at + buffer.length);
        }
        while (at < end) {
          wrapped.clear().limit((int) Math.min(buffer.length, end - at));
          int got = in.read(wrapped, at);
          if (got < 0) {
            throw new StorageException(path + " ended at byte " + at + " while it was read");
          }
          blocks.write(buffer, 0, got);
          at += got;
        }
      }
    }
  }

  /** A block device's size: /sys gives it in 512-byte sectors. */
  private static long blockDeviceSize(Path device) throws IOException {
    Path real = device.toRealPath();
    Path size = Path.of("/sys/class/block", real.getFileName().toString(), "size");
    if (!Files.exists(size)) {
      // device-mapper nodes (/dev/mapper/vg-lv) are dm-N in /sys
      size = Path.of("/sys/dev/block", majorMinor(real), "size");
    }
    return Long.parseLong(Files.readString(size, StandardCharsets.US_ASCII).strip()) * 512;
  }

  private static String majorMinor(Path device) throws IOException {
    long rdev = ((Number) Files.getAttribute(device, "unix:rdev")).longValue();
    long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    return major + ":" + minor;
  }

  /** The bytes a file takes on its file system (stat's blocks), which Java's API does not give. */
  private static long allocatedBytes(Path file) throws IOException {
    Process stat =
        new ProcessBuilder("/usr/bin/stat", "--format=%b %B", "--", file.toString())
            .redirectErrorStream(true)
            .start();
    try {
      String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!stat.waitFor(30, TimeUnit.SECONDS) || stat.exitValue() != 0) {
        throw new IOException("stat: " + out.strip());
      }
      String[] fields = out.strip().split(" ");
      return Long.parseLong(fields[0]) * Long.parseLong(fields[1]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IOException("stat: cannot read its answer");
    } finally {
      stat.destroy();
    }
  }
}
