package org.x2k.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --copy-storage DIR: sparse, verified, never over what is there, restartable. */
class DirectoryDestinationTest {
  private static final long MIB = 1024 * 1024;

  @TempDir Path work;
  private Path image;
  private Path copies;

  @BeforeEach
  void sparseImage() throws IOException {
    image = work.resolve("xen.img");
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(64 * MIB);
      byte[] data = new byte[(int) MIB];
      new Random(7).nextBytes(data);
      file.seek(5 * MIB + 123);
      file.write(data);
      file.seek(40 * MIB);
      file.write(data, 0, 4096);
    }
    copies = Files.createDirectory(work.resolve("copies"));
    Files.setPosixFilePermissions(copies, PosixFilePermissions.fromString("rwx------"));
  }

  private Destination.Copied copy(boolean force) throws Exception {
    return DirectoryDestination.of(copies)
        .copy(LocalDisk.open(image, "raw"), "vm-vda.img", "raw", force, offset -> {});
  }

  @Test
  void aCopyReadsTheSameAndKeepsTheHoles() throws Exception {
    Destination.Copied copied = copy(false);
    Path target = copies.resolve("vm-vda.img");
    assertEquals(target.toString(), copied.target());
    assertTrue(copied.verified());
    assertFalse(copied.kept());
    assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(target));
    assertEquals(Files.size(image), Files.size(target));
    // the data blocks that hold the 1 MiB and the 4 KiB written, nothing else
    assertEquals(MIB + 2 * Blocks.SIZE, copied.dataBytes());
    assertTrue(allocated(target) < 4 * MIB, "holes stay holes: " + allocated(target));
    assertFalse(Files.exists(copies.resolve("vm-vda.img.x2k-part")));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void aSecondRunKeepsTheSameCopyAndRefusesAnother() throws Exception {
    copy(false);
    assertTrue(copy(false).kept());
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.seek(50 * MIB);
      file.write(1);
    }
    StorageException refused = assertThrows(StorageException.class, () -> copy(false));
    assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
    Destination.Copied replaced = copy(true);
    assertFalse(replaced.kept());
    assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(copies.resolve("vm-vda.img")));
  }

  @Test
  void anUnfinishedCopyIsStartedAgain() throws Exception {
    Path part = copies.resolve("vm-vda.img.x2k-part");
    Files.write(part, new byte[] {1, 2, 3});
    copy(false);
    assertFalse(Files.exists(part));
    assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(copies.resolve("vm-vda.img")));
  }

  @Test
  void aDirectoryOthersCanWriteIsRefused() throws IOException {
    Files.setPosixFilePermissions(copies, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThrows(StorageException.class, () -> DirectoryDestination.of(copies));
  }

  @Test
  void aQcow2ImageThatNamesABackingFileIsNotCopied() throws IOException {
    Path qcow2 = work.resolve("backed.qcow2");
    ByteBuffer header = ByteBuffer.allocate(Blocks.SIZE);
    header.putInt(0, 0x514649fb).putInt(4, 3).putLong(8, 0x200).putInt(16, 11);
    header.putLong(24, 64 * MIB);
    header.put(0x200, "/etc/shadow".getBytes(StandardCharsets.US_ASCII));
    Files.write(qcow2, header.array());
    StorageException refused =
        assertThrows(StorageException.class, () -> LocalDisk.open(qcow2, "qcow2"));
    assertTrue(refused.getMessage().contains("backing file"), refused.getMessage());
    // a source that says qcow2 only in its stream is checked there, before a byte is written
    StorageException inStream =
        assertThrows(
            StorageException.class,
            () ->
                Transfer.run(
                    blocks -> blocks.write(header.array(), 0, Blocks.SIZE),
                    "qcow2",
                    "the source",
                    new Blocks.Sink() {
                      @Override
                      public void data(long offset, byte[] bytes, int from, int length) {
                        throw new AssertionError("written before its header was checked");
                      }

                      @Override
                      public void zeros(long offset, long length) {}
                    },
                    offset -> {}));
    assertTrue(inStream.getMessage().contains("backing file"), inStream.getMessage());
  }

  @Test
  void namesThatAreNotPlainAreRefused() {
    for (String name : new String[] {"../vm.img", ".hidden", "-x", "a/b", "vm.img.x2k-part", ""}) {
      assertThrows(
          StorageException.class,
          () ->
              DirectoryDestination.of(copies)
                  .copy(LocalDisk.open(image, "raw"), name, "raw", false, offset -> {}),
          name);
    }
  }

  private static long allocated(Path file) throws IOException {
    Process stat = new ProcessBuilder("stat", "--format=%b", file.toString()).start();
    return Long.parseLong(new String(stat.getInputStream().readAllBytes()).strip()) * 512;
  }
}
