package org.x2k.guest;

import java.util.List;
import java.util.Optional;

/**
 * A guest's filesystem tree, with paths as the guest sees them ("/etc/fstab"). Through libguestfs
 * for a real guest, whose links resolve inside the guest's tree and never on the host; over a
 * directory for the golden trees.
 */
public interface GuestFiles {
  /** The content of the regular file at {@code path}, following links; empty if there is none. */
  Optional<byte[]> read(String path) throws GuestException;

  /** Whether {@code path} is a regular file, following links. */
  boolean isFile(String path) throws GuestException;

  /** Whether {@code path} is a directory, following links. */
  boolean isDirectory(String path) throws GuestException;

  /** The target of the symbolic link at {@code path}, or empty if it is no link. */
  Optional<String> linkTarget(String path) throws GuestException;

  /** The names in directory {@code path}, sorted; empty if it is no directory. */
  List<String> list(String path) throws GuestException;

  /** Writes {@code content} to {@code path}, keeping the mode and owner of a file already there. */
  void write(String path, byte[] content) throws GuestException;

  /** Copies {@code from} to {@code to} with its mode, owner, times and attributes. */
  void copy(String from, String to) throws GuestException;

  /** Renames {@code from} to {@code to}, replacing it. */
  void rename(String from, String to) throws GuestException;

  /** Removes the file or link at {@code path}, if there is one. */
  void remove(String path) throws GuestException;

  /** Creates a symbolic link at {@code path} to {@code target}. */
  void symlink(String target, String path) throws GuestException;

  /** Creates directory {@code path}; its parent exists. */
  void makeDirectory(String path) throws GuestException;

  /** Removes directory {@code path} if it is empty. */
  void removeEmptyDirectory(String path) throws GuestException;

  /** Whether anything, even a dangling link, is at {@code path}. */
  default boolean exists(String path) throws GuestException {
    return isFile(path) || isDirectory(path) || linkTarget(path).isPresent();
  }

  /** The content of {@code path} as text, or empty. */
  default Optional<String> readText(String path) throws GuestException {
    return read(path).map(GuestText::decode);
  }
}
