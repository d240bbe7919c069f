package org.x2k.storage;

import java.io.IOException;

/**
 * One pass over a disk's bytes: written to a sink (or nowhere), digested, and counted; a qcow2
 * image's header checked on the way, since a source host says what it likes about its volumes.
 */
final class Transfer {
  private Transfer() {}

  /** Something that feeds a disk's bytes, from the first, to {@link Blocks}. */
  interface Feeder {
    void read(Blocks blocks) throws IOException, StorageException;
  }

  /** What a pass found: the content's digest, its length, and the bytes that were not zeros. */
  record Result(String digest, long length, long dataBytes) {}

  /** Passes {@code feeder}'s bytes to {@code writer}, or only digests them if it is null. */
  static Result run(
      Feeder feeder, String format, String describe, Blocks.Sink writer, Blocks.Listener listener)
      throws IOException, StorageException {
    ContentDigest digest = new ContentDigest();
    HeaderCheck header = new HeaderCheck(format, describe);
    Blocks.Sink checked = new Tee(header, digest);
    Blocks blocks = new Blocks(writer == null ? checked : new Tee(checked, writer), listener);
    try {
      feeder.read(blocks);
      blocks.finish();
    } catch (WrappedStorageException e) {
      throw e.cause;
    }
    header.finish();
    return new Result(digest.finish(blocks.size()), blocks.size(), header.dataBytes);
  }

  /** Counts data bytes, and checks a qcow2 header in the first block before it goes anywhere. */
  private static final class HeaderCheck implements Blocks.Sink {
    private final boolean qcow2;
    private final String describe;
    private boolean seenHeader;
    long dataBytes;

    HeaderCheck(String format, String describe) {
      this.qcow2 = format.equals("qcow2");
      this.describe = describe;
    }

    @Override
    public void data(long offset, byte[] bytes, int from, int length) throws IOException {
      if (qcow2 && offset == 0) {
        byte[] header = new byte[Math.min(length, Qcow2Header.LENGTH)];
        System.arraycopy(bytes, from, header, 0, header.length);
        try {
          Qcow2Header.virtualSize(header, header.length, describe);
        } catch (StorageException e) {
          throw new WrappedStorageException(e);
        }
        seenHeader = true;
      }
      dataBytes += length;
    }

    @Override
    public void zeros(long offset, long length) {
      // holes are not data
    }

    void finish() throws StorageException {
      if (qcow2 && !seenHeader) {
        throw new StorageException(describe + ": the domain says qcow2, but it is no qcow2 image");
      }
    }
  }

  /** A StorageException through the sink interface, which throws only IOException. */
  private static final class WrappedStorageException extends IOException {
    private static final long serialVersionUID = 1L;
    final transient StorageException cause;

    WrappedStorageException(StorageException cause) {
      super(cause.getMessage());
      this.cause = cause;
    }
  }
}
