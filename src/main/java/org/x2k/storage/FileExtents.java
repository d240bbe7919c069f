package org.x2k.storage;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a file has data and where it has holes (lseek's SEEK_DATA and SEEK_HOLE, which Java's file
 * API does not have), so that a sparse image's holes are skipped rather than read as zeros. Where
 * the file system cannot tell, the whole file is data.
 */
final class FileExtents implements AutoCloseable {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int SEEK_DATA = 3;
  private static final int SEEK_HOLE = 4;

  /** lseek's errno past the last data. */
  private static final int ENXIO = 6;

  @SuppressWarnings("checkstyle:MethodName")
  interface LibC extends Library {
    int open(String path, int flags) throws LastErrorException;

    long lseek(int fd, long offset, int whence) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static LibC libc;

  private static synchronized LibC libc() {
    if (libc == null) {
      libc = Native.load("c", LibC.class);
    }
    return libc;
  }

  private final int fd;
  private final long length;
  private boolean unknown;

  private FileExtents(int fd, long length) {
    this.fd = fd;
    this.length = length;
  }

  /** The extents of {@code file}, {@code length} bytes long. */
  static FileExtents of(Path file, long length) throws IOException {
    try {
      return new FileExtents(libc().open(file.toString(), O_RDONLY | O_CLOEXEC), length);
    } catch (LastErrorException | UnsatisfiedLinkError e) {
      // no libc through JNA: every byte is read
      return new FileExtents(-1, length);
    }
  }

  /** The start of the first data at or after {@code offset}, or the length if there is none. */
  long dataFrom(long offset) {
    if (fd < 0 || unknown || offset >= length) {
      return Math.min(offset, length);
    }
    try {
      return Math.min(libc().lseek(fd, offset, SEEK_DATA), length);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ENXIO) {
        return length;
      }
      unknown = true;
      return offset;
    }
  }

  /** The end of the data that starts at {@code offset}. */
  long dataUntil(long offset) {
    if (fd < 0 || unknown) {
      return length;
    }
    try {
      return Math.min(libc().lseek(fd, offset, SEEK_HOLE), length);
    } catch (LastErrorException e) {
      unknown = true;
      return length;
    }
  }

  @Override
  public void close() {
    if (fd >= 0) {
      try {
        libc().close(fd);
      } catch (LastErrorException e) {
        // a descriptor only read from
      }
    }
  }
}
