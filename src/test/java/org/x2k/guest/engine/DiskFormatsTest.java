package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.guest.GuestException;

/**
 * A guest's owner writes every byte of its disks: a qcow2 header in a raw disk, or a qcow2 image
 * whose backing file is a host file, must not make x2k open that host file as the guest.
 */
class DiskFormatsTest {
  @TempDir Path dir;

  /** A qcow2 header: version, backing file offset, incompatible features (v3). */
  private Path qcow2(String name, int version, long backingOffset, long incompatible)
      throws IOException {
    ByteBuffer header = ByteBuffer.allocate(512);
    header.putInt(0, 0x514649fb).putInt(4, version).putLong(8, backingOffset);
    if (backingOffset != 0) {
      header.putInt(16, 11);
      header.put((int) backingOffset, "/etc/shadow".getBytes(StandardCharsets.US_ASCII));
    }
    header.putLong(72, incompatible);
    return Files.write(dir.resolve(name), header.array());
  }

  @Test
  void aDiskWithoutAFormatIsOpenedRawNeverProbed() throws Exception {
    // the guest wrote a qcow2 header naming a host file into its raw disk
    Path disk = qcow2("disk.img", 3, 104, 0);
    assertEquals("raw", DiskFormats.toOpen(disk, ""));
    assertEquals("raw", DiskFormats.toOpen(disk, "raw"));
  }

  @Test
  void aQcow2ImageWithABackingFileIsRefused() throws IOException {
    GuestException refused =
        assertThrows(
            GuestException.class, () -> DiskFormats.toOpen(qcow2("d.qcow2", 3, 104, 0), "qcow2"));
    assertEquals("guest-disk", refused.code());
    assertTrue(refused.getMessage().contains("with a backing file"), refused.getMessage());
  }

  @Test
  void aQcow2ImageWithAnExternalDataFileIsRefused() throws IOException {
    GuestException refused =
        assertThrows(
            GuestException.class,
            () -> DiskFormats.toOpen(qcow2("d.qcow2", 3, 0, 1L << 2), "qcow2"));
    assertTrue(refused.getMessage().contains("data is in another file"), refused.getMessage());
  }

  @Test
  void aQcow2ImageOfItsOwnIsOpenedAsQcow2() throws Exception {
    assertEquals("qcow2", DiskFormats.toOpen(qcow2("v2.qcow2", 2, 0, 0), "qcow2"));
    assertEquals("qcow2", DiskFormats.toOpen(qcow2("v3.qcow2", 3, 0, 0), "QCOW2"));
  }

  @Test
  void aRawImageTheDomainCallsQcow2IsRefused() throws IOException {
    Path raw = Files.write(dir.resolve("raw.img"), new byte[4096]);
    assertThrows(GuestException.class, () -> DiskFormats.toOpen(raw, "qcow2"));
  }

  @Test
  void formatsThatCanNameOtherHostFilesAreRefused() throws IOException {
    Path image = Files.write(dir.resolve("d.vmdk"), new byte[4096]);
    for (String format : List.of("vmdk", "qed", "vpc", "host_device", "json")) {
      GuestException refused =
          assertThrows(GuestException.class, () -> DiskFormats.toOpen(image, format));
      assertTrue(refused.getMessage().contains("raw and qcow2 disk images only"), format);
    }
  }

  @Test
  void readOnlyAndShareableDisksAreNeverWritable() {
    GuestSession.Disk shared = new GuestSession.Disk(dir.resolve("d"), "raw", "xvdb", true);
    GuestSession.Disk own = new GuestSession.Disk(dir.resolve("d"), "raw", "xvda", false);
    assertFalse(shared.writable(GuestSession.Mode.APPLY));
    assertFalse(shared.writable(GuestSession.Mode.UNDO));
    assertTrue(own.writable(GuestSession.Mode.APPLY));
    assertFalse(own.writable(GuestSession.Mode.DRY_RUN));
    List<String> readOnly = List.of("/dev/sdb");
    assertFalse(GuestSession.writable("/dev/sdb", readOnly));
    assertFalse(GuestSession.writable("/dev/sdb2", readOnly));
    assertTrue(GuestSession.writable("/dev/sda1", readOnly));
    assertTrue(GuestSession.writable("/dev/sdba1", readOnly));
  }
}
