package org.x2k.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A disk to copy: its bytes as stored (a raw disk's content, or a qcow2 image's file). */
public interface DiskSource {
  /** How messages name it. */
  String describe();

  /** raw or qcow2. */
  String format();

  /** How many bytes its stored form has (a qcow2 image's file length). */
  long length();

  /** The disk's size as the guest sees it. */
  long capacity();

  /** At most how many bytes a copy of it takes on a file system that keeps holes. */
  long allocation();

  /** Its path on this host, where qemu-img can read it, if it is here. */
  Optional<Path> localPath();

  /**
   * Feeds its stored bytes, from the first, to {@code blocks} (without finishing it).
   *
   * @throws StorageException if it cannot be read, or its qcow2 header names another file
   */
  void read(Blocks blocks) throws IOException, StorageException;
}
