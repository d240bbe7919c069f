package org.x2k.guest.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.x2k.guest.GuestException;

/**
 * The format a guest's disk is opened with. Never probed: a guest's owner writes every byte of a
 * raw disk, and a qcow2 header written into one would make a prober open whatever host file it
 * names as its backing file. The definition's format is taken, raw where it names none (as Xen's
 * file, phy and tap:aio backends are). Only raw and qcow2 are opened, and a qcow2 image only when
 * it names no other file (backing file, external data file): other formats can name host files too
 * (a vmdk's extents, a qed's backing file).
 */
final class DiskFormats {
  private DiskFormats() {}

  /** QFI\xfb. */
  private static final int QCOW_MAGIC = 0x514649fb;

  /** qcow2 v3 incompatible feature bit 2: the guest's data is in another file. */
  private static final long EXTERNAL_DATA_FILE = 1L << 2;

  /** The format to open {@code image} with, given the definition's ({@code ""} for none). */
  static String toOpen(Path image, String declared) throws GuestException {
    String format = declared.isEmpty() ? "raw" : declared.toLowerCase(Locale.ROOT);
    switch (format) {
      case "raw" -> {
        return "raw";
      }
      case "qcow2" -> {
        checkQcow2(image);
        return "qcow2";
      }
      default ->
          throw GuestException.disk(
              image
                  + ": x2k opens raw and qcow2 disk images only, not "
                  + format
                  + " (its files can name other files of this host)");
    }
  }

  private static void checkQcow2(Path image) throws GuestException {
    ByteBuffer header = ByteBuffer.allocate(104);
    try (FileChannel in = FileChannel.open(image, StandardOpenOption.READ)) {
      while (header.hasRemaining() && in.read(header) > 0) {
        // a header is read whole or found short below
      }
    } catch (IOException e) {
      throw GuestException.disk("cannot read " + image + ": " + e.getMessage());
    }
    header.flip();
    if (header.remaining() < 72 || header.getInt(0) != QCOW_MAGIC) {
      throw GuestException.disk(image + ": the domain says qcow2, but it is no qcow2 image");
    }
    int version = header.getInt(4);
    long backingFileOffset = header.getLong(8);
    if (backingFileOffset != 0) {
      throw GuestException.disk(
          image
              + ": a qcow2 image with a backing file: x2k opens no backing chain (make one image"
              + " of it first: qemu-img convert -O qcow2)");
    }
    if (version >= 3
        && header.remaining() >= 80
        && (header.getLong(72) & EXTERNAL_DATA_FILE) != 0) {
      throw GuestException.disk(
          image + ": a qcow2 image whose data is in another file: x2k opens no external data file");
    }
    if (version != 2 && version != 3) {
      throw GuestException.disk(image + ": qcow2 version " + version + ", which x2k does not know");
    }
  }
}
