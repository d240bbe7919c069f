package org.x2k.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocks a disk is cut into depend on its bytes alone, and so does its digest. */
class BlocksTest {
  private static final int SIZE = Blocks.SIZE;

  /** What a sink was given: "D offset length" and "Z offset length", in order. */
  private static final class Recorder implements Blocks.Sink {
    final List<String> calls = new ArrayList<>();

    @Override
    public void data(long offset, byte[] bytes, int from, int length) {
      calls.add("D " + offset + " " + length);
    }

    @Override
    public void zeros(long offset, long length) {
      calls.add("Z " + offset + " " + length);
    }
  }

  /** A disk of {@code blocks} blocks and a tail, with data in the blocks {@code data} names. */
  private static byte[] disk(int blocks, int tail, int... data) {
    byte[] disk = new byte[blocks * SIZE + tail];
    Random random = new Random(42);
    for (int block : data) {
      for (int i = 0; i < SIZE && block * SIZE + i < disk.length; i++) {
        disk[block * SIZE + i] = (byte) (1 + random.nextInt(255));
      }
    }
    return disk;
  }

  private static List<String> fedInChunks(byte[] disk, int chunk) throws IOException {
    Recorder recorder = new Recorder();
    Blocks blocks = new Blocks(recorder, offset -> {});
    for (int at = 0; at < disk.length; at += chunk) {
      blocks.write(disk, at, Math.min(chunk, disk.length - at));
    }
    blocks.finish();
    return recorder.calls;
  }

  @Test
  void zeroBlocksBecomeOneRunAndDataBlocksStayAligned() throws IOException {
    byte[] disk = disk(6, 100, 1, 4, 6);
    List<String> expected =
        List.of(
            "Z 0 " + SIZE,
            "D " + SIZE + " " + SIZE,
            "Z " + 2 * SIZE + " " + 2 * SIZE,
            "D " + 4 * SIZE + " " + SIZE,
            "Z " + 5 * SIZE + " " + SIZE,
            "D " + 6 * SIZE + " 100");
    assertEquals(expected, fedInChunks(disk, 1000));
    assertEquals(expected, fedInChunks(disk, SIZE));
    assertEquals(expected, fedInChunks(disk, 3 * SIZE + 7));
  }

  @Test
  void aHoleIsZerosWhereverItFalls() throws IOException {
    byte[] disk = disk(4, 0, 0, 3);
    Recorder recorder = new Recorder();
    Blocks blocks = new Blocks(recorder, offset -> {});
    // data up to the middle of block 1, a hole to the middle of block 3, then the rest as data
    blocks.write(disk, 0, SIZE + 10);
    blocks.hole(2 * SIZE - 20);
    blocks.write(disk, 3 * SIZE - 10, SIZE + 10);
    blocks.finish();
    assertEquals(fedInChunks(disk, 4096), recorder.calls);
  }

  @Test
  void theDigestIsTheContentsNotTheLayout() throws IOException {
    byte[] disk = disk(5, 3, 2, 5);
    String whole = digest(disk, SIZE * 8, false);
    assertEquals(whole, digest(disk, 777, false));
    assertEquals(whole, digest(disk, SIZE, true));
    byte[] changed = disk.clone();
    changed[3 * SIZE + 5] = 1;
    assertNotEquals(whole, digest(changed, 777, false));
    byte[] longer = new byte[disk.length + 1];
    System.arraycopy(disk, 0, longer, 0, disk.length);
    assertNotEquals(whole, digest(longer, 777, false), "a zero byte more is another disk");
  }

  /** The digest of {@code disk} fed in chunks, its zero chunks as holes if {@code holes}. */
  private static String digest(byte[] disk, int chunk, boolean holes) throws IOException {
    ContentDigest digest = new ContentDigest();
    Blocks blocks = new Blocks(digest, offset -> {});
    byte[] zeros = new byte[chunk];
    for (int at = 0; at < disk.length; at += chunk) {
      int length = Math.min(chunk, disk.length - at);
      if (holes && Arrays.equals(disk, at, at + length, zeros, 0, length)) {
        blocks.hole(length);
      } else {
        blocks.write(disk, at, length);
      }
    }
    blocks.finish();
    return digest.finish(blocks.size());
  }
}
