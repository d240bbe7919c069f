package org.x2k.storage;

import java.io.IOException;

/** Where copies go: a storage pool of the KVM host (through libvirt), or a directory here. */
public interface Destination {
  /** How messages name it. */
  String describe();

  /** Whether the copies are files of this host, which the guest step can open. */
  boolean onThisHost();

  /** The bytes free for copies. */
  long available() throws StorageException;

  /** At most how many bytes a copy of {@code source} in {@code format} takes while it is made. */
  long needs(DiskSource source, String format);

  /**
   * Copies {@code source} as a new disk {@code name} in {@code format}, verified. An earlier run's
   * unfinished copy of the same name is started again; a finished one is kept if it is the same as
   * the source, and otherwise replaced only with {@code force}.
   *
   * @throws StorageException if it cannot be copied: nothing of the copy is left under {@code name}
   *     then (at most an unfinished copy under a name of x2k's, which the next run restarts)
   */
  Copied copy(
      DiskSource source, String name, String format, boolean force, Blocks.Listener progress)
      throws StorageException, IOException;

  /**
   * A finished copy.
   *
   * @param target its path on the KVM host
   * @param type file, or block where the pool is made of block devices
   * @param format raw or qcow2
   * @param dataBytes the bytes of data it holds as read (holes left out)
   * @param verified whether it was read back and found the same as its source
   * @param kept whether it was an earlier run's copy, found the same and kept
   */
  record Copied(
      String target, String type, String format, long dataBytes, boolean verified, boolean kept) {}

  /** The name an unfinished copy has until it is verified. */
  static String partName(String name) {
    return name + ".x2k-part";
  }

  /**
   * Whether {@code name} can name a copy: one plain file name, which libvirt and every file system
   * take as it is.
   */
  static boolean isPlainName(String name) {
    return name.matches("[A-Za-z0-9][A-Za-z0-9_.+-]{0,200}")
        && !name.endsWith(".x2k-part")
        && !name.endsWith(".x2k-staging");
  }
}
