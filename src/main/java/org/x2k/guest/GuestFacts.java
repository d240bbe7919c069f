package org.x2k.guest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What inspection found in a guest.
 *
 * @param distro libguestfs's name of the distribution (debian, ubuntu, rhel, centos, sles, ...)
 * @param majorVersion its major version, 0 if unknown
 * @param minorVersion its minor version
 * @param product its product name, for messages
 * @param filesystems the filesystems on the guest's disks, by their device name under Xen
 * @param rootDevice the Xen device name of the root filesystem
 * @param biosBootDisk the guest's first disk as the appliance names it (/dev/sda) when it has an
 *     MBR partition table, where GRUB can be installed for BIOS; empty otherwise
 * @param rootSubvolume the btrfs subvolume the root is (@, as SUSE lays it out), or empty
 */
public record GuestFacts(
    String distro,
    int majorVersion,
    int minorVersion,
    String product,
    Map<String, Filesystem> filesystems,
    String rootDevice,
    String biosBootDisk,
    String rootSubvolume) {
  public GuestFacts {
    filesystems = Map.copyOf(filesystems);
  }

  /** A guest whose root is a whole filesystem, no btrfs subvolume. */
  public GuestFacts(
      String distro,
      int majorVersion,
      int minorVersion,
      String product,
      Map<String, Filesystem> filesystems,
      String rootDevice,
      String biosBootDisk) {
    this(distro, majorVersion, minorVersion, product, filesystems, rootDevice, biosBootDisk, "");
  }

  /** The filesystem the guest knew as /dev/{@code xenName}, if it is on one of its disks. */
  public Optional<Filesystem> filesystem(String xenName) {
    return Optional.ofNullable(filesystems.get(xenName));
  }

  public Optional<Filesystem> root() {
    return filesystem(rootDevice);
  }

  /** The families of distributions whose files x2k knows how to change. */
  public static final List<String> KNOWN =
      List.of(
          "debian",
          "ubuntu",
          "linuxmint",
          "univention",
          "rhel",
          "centos",
          "scientificlinux",
          "oraclelinux",
          "fedora",
          "rocky",
          "almalinux",
          "sles",
          "suse-based",
          "opensuse");

  public boolean isKnownDistribution() {
    return KNOWN.contains(distro);
  }
}
