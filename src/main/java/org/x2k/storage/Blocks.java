package org.x2k.storage;

import java.io.IOException;
import java.util.Arrays;

/**
 * A disk's content, fed in order as chunks of bytes and holes, cut into blocks aligned to {@link
 * #SIZE} bytes of the disk and handed to a {@link Sink} as data or as runs of zeros. Whether a
 * block is data or zeros depends on its bytes alone, not on how the source chunked them or where it
 * had holes: so a copy written from these blocks keeps holes where the source has zeros, and the
 * digest of two disks with the same content is the same whatever their layouts.
 */
public final class Blocks {
  /** 64 KiB: small enough that holes inside images are found, large enough to be cheap. */
  static final int SIZE = 64 * 1024;

  private static final byte[] ZEROS = new byte[SIZE];

  /** Where the blocks go. */
  interface Sink {
    /** {@code length} bytes of {@code bytes} from {@code from}, at {@code offset} of the disk. */
    void data(long offset, byte[] bytes, int from, int length) throws IOException;

    /** {@code length} zero bytes at {@code offset}, as one run. */
    void zeros(long offset, long length) throws IOException;
  }

  /** Told how far the copy got, after each block. */
  public interface Listener {
    void reached(long offset);
  }

  private final Sink sink;
  private final Listener listener;
  private final byte[] block = new byte[SIZE];
  private int filled;
  private long blockOffset;
  private long zeroRunStart = -1;

  Blocks(Sink sink, Listener listener) {
    this.sink = sink;
    this.listener = listener;
  }

  /** The next {@code length} bytes of the disk. */
  void write(byte[] bytes, int from, int length) throws IOException {
    int at = from;
    int end = from + length;
    while (at < end) {
      int room = SIZE - filled;
      if (filled == 0 && end - at >= SIZE) {
        // a whole block in the chunk: no copy into the buffer
        emit(bytes, at, SIZE);
        at += SIZE;
        continue;
      }
      int taken = Math.min(room, end - at);
      System.arraycopy(bytes, at, block, filled, taken);
      filled += taken;
      at += taken;
      if (filled == SIZE) {
        emit(block, 0, SIZE);
      }
    }
  }

  /** The next {@code length} bytes of the disk are a hole: zeros. */
  void hole(long length) throws IOException {
    long left = length;
    if (filled > 0) {
      int taken = (int) Math.min(SIZE - filled, left);
      Arrays.fill(block, filled, filled + taken, (byte) 0);
      filled += taken;
      left -= taken;
      if (filled == SIZE) {
        emit(block, 0, SIZE);
      }
    }
    long whole = left / SIZE * SIZE;
    if (whole > 0) {
      if (zeroRunStart < 0) {
        zeroRunStart = blockOffset;
      }
      blockOffset += whole;
      left -= whole;
      listener.reached(blockOffset);
    }
    if (left > 0) {
      Arrays.fill(block, 0, (int) left, (byte) 0);
      filled = (int) left;
    }
  }

  /** The end of the disk: a last, shorter block and any run of zeros go to the sink. */
  void finish() throws IOException {
    if (filled > 0) {
      emit(block, 0, filled);
    }
    flushZeros();
  }

  /** How many bytes of the disk were fed. */
  long size() {
    return blockOffset + filled;
  }

  private void emit(byte[] bytes, int from, int length) throws IOException {
    if (Arrays.equals(bytes, from, from + length, ZEROS, 0, length)) {
      if (zeroRunStart < 0) {
        zeroRunStart = blockOffset;
      }
    } else {
      flushZeros();
      sink.data(blockOffset, bytes, from, length);
    }
    blockOffset += length;
    if (bytes == block) {
      filled = 0;
    }
    listener.reached(blockOffset);
  }

  private void flushZeros() throws IOException {
    if (zeroRunStart >= 0) {
      sink.zeros(zeroRunStart, blockOffset - zeroRunStart);
      zeroRunStart = -1;
    }
  }
}
