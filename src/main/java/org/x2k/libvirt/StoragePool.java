package org.x2k.libvirt;

import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A storage pool as x2k's define option needs it: its type and its target path (virsh
 * pool-dumpxml).
 *
 * @param type the pool type (dir, fs, netfs, logical, disk, iscsi, ...)
 * @param targetPath where its volumes appear on the host, or empty
 */
record StoragePool(String type, String targetPath) {
  /** Pool types whose volumes are files in a directory of the host's. */
  boolean holdsFiles() {
    return (type.equals("dir") || type.equals("fs") || type.equals("netfs"))
        && targetPath.startsWith("/");
  }

  /** A pool's XML, or empty if it cannot be read as one (it is then no directory to trust). */
  static Optional<StoragePool> parse(String xml, String source) {
    try {
      Element root =
          HostCapabilities.parseSafely(HostCapabilities.utf8(xml), source).getDocumentElement();
      if (!root.getTagName().equals("pool")) {
        return Optional.empty();
      }
      Element target = HostCapabilities.child(root, "target");
      return Optional.of(
          new StoragePool(
              root.getAttribute("type"),
              HostCapabilities.text(HostCapabilities.child(target, "path"))));
    } catch (CapabilitiesException e) {
      return Optional.empty();
    }
  }
}
