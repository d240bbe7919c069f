package org.x2k.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A digest of a disk's content as {@link Blocks} cuts it: for each block that is not all zeros, its
 * offset, length and two CRCs (CRC-32C and CRC-32, 64 bits per block), all of them summed up by
 * SHA-256; and the disk's size. Two disks have the same digest when they read the same, however
 * their holes lie, so the digest of a copy proves it against its source without reading either's
 * holes as data. The CRCs find what a copy can do wrong (a block lost, misplaced, garbled) at the
 * speed of memory (the CPU computes both), where SHA-256 of every byte would take longer than the
 * copy; nobody chooses how a copy fails, so a cryptographic hash of every byte would buy nothing.
 */
final class ContentDigest implements Blocks.Sink {
  private final MessageDigest sums;
  private final ByteBuffer entry = ByteBuffer.allocate(3 * Long.BYTES);
  private final CRC32C crc32c = new CRC32C();
  private final CRC32 crc32 = new CRC32();

  ContentDigest() {
    try {
      sums = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  @Override
  public void data(long at, byte[] bytes, int from, int length) {
    crc32c.reset();
    crc32c.update(bytes, from, length);
    crc32.reset();
    crc32.update(bytes, from, length);
    entry.clear();
    entry.putLong(at).putLong(length).putLong(crc32c.getValue() << 32 | crc32.getValue());
    sums.update(entry.array());
  }

  @Override
  public void zeros(long at, long length) {
    // zeros are what the size and the data blocks' offsets leave out
  }

  /** The digest, hex, of a disk of {@code size} bytes. */
  String finish(long size) {
    entry.clear();
    sums.update(entry.putLong(size).array(), 0, Long.BYTES);
    return HexFormat.of().formatHex(sums.digest());
  }
}
