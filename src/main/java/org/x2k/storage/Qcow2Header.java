package org.x2k.storage;

import java.nio.ByteBuffer;

/**
 * What a qcow2 image's header says that matters before it is copied: whether it names another file
 * (a backing file, an external data file), which a copy must not carry to the KVM host, where the
 * same path is that host's file; and its virtual size.
 */
final class Qcow2Header {
  private Qcow2Header() {}

  /** QFI\xfb. */
  private static final int MAGIC = 0x514649fb;

  /** qcow2 v3 incompatible feature bit 2: the guest's data is in another file. */
  private static final long EXTERNAL_DATA_FILE = 1L << 2;

  /** The bytes of a header x2k reads: version 3's fixed part. */
  static final int LENGTH = 104;

  /**
   * The virtual size of the image whose first bytes are {@code header}.
   *
   * @throws StorageException if it is no qcow2 image, or one that names another file
   */
  static long virtualSize(byte[] header, int length, String image) throws StorageException {
    ByteBuffer bytes = ByteBuffer.wrap(header, 0, length);
    if (length < 72 || bytes.getInt(0) != MAGIC) {
      throw new StorageException(image + ": the domain says qcow2, but it is no qcow2 image");
    }
    int version = bytes.getInt(4);
    if (version != 2 && version != 3) {
      throw new StorageException(
          image + ": qcow2 version " + version + ", which x2k does not know");
    }
    if (bytes.getLong(8) != 0) {
      throw new StorageException(
          image
              + ": a qcow2 image with a backing file: x2k copies no backing chain (make one image"
              + " of it first: qemu-img convert -O qcow2)");
    }
    if (version == 3 && length >= 80 && (bytes.getLong(72) & EXTERNAL_DATA_FILE) != 0) {
      throw new StorageException(
          image
              + ": a qcow2 image whose data is in another file: x2k copies no external data file");
    }
    return bytes.getLong(24);
  }
}
