package org.x2k.guest.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.x2k.guest.GuestException;

/**
 * What a domain names as its disks, checked before libguestfs opens them for writing and before x2k
 * defines a domain on this host: an image file or a block device, and no block device this host is
 * using (mounted, swap, or holding what is: a partition, an LVM volume, a RAID array), which a
 * mistaken or hostile definition could name (/dev/sda).
 */
public final class HostDisks {
  private HostDisks() {}

  /**
   * @throws GuestException if {@code disk} is missing, neither a file nor a block device, or a
   *     block device this host uses
   */
  public static void check(Path disk) throws GuestException {
    Path real;
    try {
      real = disk.toRealPath();
    } catch (NoSuchFileException e) {
      throw GuestException.disk(disk + ": no such disk image on this host (see --storage)");
    } catch (IOException e) {
      throw GuestException.disk(disk + ": " + e.getMessage());
    }
    if (Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String type = type(real);
    if (!type.equals("block")) {
      throw GuestException.disk(disk + " is a " + type + ", not a disk image or block device");
    }
    String device = majorMinor(real);
    Set<String> inUse = devicesInUse();
    if (inUse.contains(device) || partitions(device).stream().anyMatch(inUse::contains)) {
      throw GuestException.disk(
          disk
              + " ("
              + real
              + ") is in use on this host (mounted or swap): it is no guest's disk"
              + " here");
    }
  }

  private static String type(Path path) {
    try {
      Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return switch ((Integer) mode & 0170000) {
        case 0060000 -> "block";
        case 0020000 -> "character device";
        case 0010000 -> "pipe";
        case 0140000 -> "socket";
        case 0040000 -> "directory";
        default -> "special file";
      };
    } catch (IOException | UnsupportedOperationException e) {
      return "file x2k cannot examine";
    }
  }

  /** "major:minor" of a block device, as /proc/self/mountinfo writes it. */
  private static String majorMinor(Path device) throws GuestException {
    try {
      long rdev = (Long) Files.getAttribute(device, "unix:rdev");
      long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
      long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
      return major + ":" + minor;
    } catch (IOException | UnsupportedOperationException e) {
      throw new GuestException(device + ": cannot tell which device it is: " + e, e);
    }
  }

  /** The devices of mounted filesystems and of active swap areas. */
  private static Set<String> devicesInUse() throws GuestException {
    Set<String> devices = new HashSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] fields = line.split(" ");
        if (fields.length > 2) {
          devices.add(fields[2]);
        }
      }
      Path swaps = Path.of("/proc/swaps");
      if (Files.isReadable(swaps)) {
        for (String line : Files.readAllLines(swaps)) {
          String name = line.split("\\s+")[0];
          if (name.startsWith("/dev/")) {
            try {
              devices.add(majorMinor(Path.of(name).toRealPath()));
            } catch (IOException | GuestException e) {
              // a swap device that vanished is in use by nobody
            }
          }
        }
      }
    } catch (IOException e) {
      throw new GuestException("cannot read which devices this host uses: " + e.getMessage(), e);
    }
    return devices;
  }

  /** "major:minor" of each partition of {@code device}, and of what is built on it (LVM, dm). */
  private static List<String> partitions(String device) {
    Path sys = Path.of("/sys/dev/block", device);
    Set<String> found = new HashSet<>();
    collect(sys, found, 0);
    return List.copyOf(found);
  }

  private static void collect(Path sys, Set<String> found, int depth) {
    if (depth > 4 || !Files.isDirectory(sys)) {
      return;
    }
    try (Stream<Path> entries = Files.list(sys)) {
      for (Path entry : entries.toList()) {
        Path dev = entry.resolve("dev");
        if (Files.isRegularFile(entry.resolve("partition")) && Files.isRegularFile(dev)) {
          found.add(Files.readString(dev).strip());
        }
      }
    } catch (IOException e) {
      return;
    }
    Path holders = sys.resolve("holders");
    if (Files.isDirectory(holders)) {
      try (Stream<Path> entries = Files.list(holders)) {
        for (Path holder : entries.toList()) {
          Path dev = holder.resolve("dev");
          if (Files.isRegularFile(dev)) {
            found.add(Files.readString(dev).strip());
            collect(holder, found, depth + 1);
          }
        }
      } catch (IOException e) {
        // no holders to follow
      }
    }
  }
}
