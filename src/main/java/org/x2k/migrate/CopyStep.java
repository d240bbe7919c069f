package org.x2k.migrate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.x2k.convert.Conversion;
import org.x2k.convert.ConversionException;
import org.x2k.convert.GuestDomain;
import org.x2k.convert.Report;
import org.x2k.guest.GuestException;
import org.x2k.guest.engine.HostDisks;
import org.x2k.libvirt.Hypervisor;
import org.x2k.libvirt.HypervisorException;
import org.x2k.storage.Destination;
import org.x2k.storage.DiskSource;
import org.x2k.storage.LocalDisk;
import org.x2k.storage.SourceVolume;
import org.x2k.storage.StorageException;

/**
 * --copy-storage: each disk of a converted domain copied to the KVM host's pool (or a directory),
 * before the domain is written, defined or its guest changed, so that all of those name the copies
 * and the Xen domain's disks are only ever read. What may be read is decided here: a volume of a
 * pool of the source host (read through libvirt), or a file or block device of this host that the
 * administrator vouched for (a pool of a local source, --storage, --allow-host-resources); a
 * definition from another host names paths of that host, and on this one the same path may be any
 * file (/etc/shadow as a disk would hand it to the guest).
 */
public final class CopyStep {
  private final Destination destination;
  private final Hypervisor source;
  private final GuestSettings storage;
  private final String diskFormat;
  private final boolean allowHostResources;
  private final boolean force;
  private final PrintWriter err;
  private final boolean terminal;

  /**
   * @param source the Xen host the domains are read from, or null for files of this host
   * @param storage the --storage mappings: where this host has the disks a definition names
   * @param diskFormat the copies' format (--disk-format), or null to keep each disk's
   */
  public CopyStep(
      Destination destination,
      Hypervisor source,
      GuestSettings storage,
      String diskFormat,
      boolean allowHostResources,
      boolean force,
      PrintWriter err) {
    this.destination = destination;
    this.source = source;
    this.storage = storage;
    this.diskFormat = diskFormat;
    this.allowHostResources = allowHostResources;
    this.force = force;
    this.err = err;
    this.terminal = Progress.stderrIsTerminal();
  }

  public Destination destination() {
    return destination;
  }

  /** A disk to copy, found and checked, with the name and format of its copy. */
  private record Planned(GuestDomain.Disk disk, DiskSource source, String name, String format) {}

  /**
   * Copies the disks of {@code result}'s domain; what was copied, for the conversion that names the
   * copies.
   *
   * @throws ConversionException if a disk cannot be read or copied, or the destination has not room
   *     for them all (checked before the first byte)
   */
  List<Report.DiskCopy> copy(Conversion result) throws ConversionException {
    GuestDomain domain =
        result
            .report()
            .guest()
            .orElseThrow(
                () ->
                    new ConversionException(
                        "no Xen domain: x2k copies the disks of a Xen domain it converts",
                        null,
                        "copy-not-xen"));
    try {
      List<Planned> planned = new ArrayList<>();
      String base = volumeBase(result);
      long needed = 0;
      for (GuestDomain.Disk disk : domain.disks()) {
        String declared = disk.declaredFormat().isEmpty() ? "raw" : disk.declaredFormat();
        if (!declared.equals("raw") && !declared.equals("qcow2")) {
          throw new StorageException(
              "disk "
                  + disk.xenName()
                  + " ("
                  + disk.source()
                  + ") is a "
                  + declared
                  + " image: x2k copies raw and qcow2 images (qemu-img convert it first)");
        }
        DiskSource read = open(disk, declared);
        String format = diskFormat != null ? diskFormat : declared;
        String name = base + "-" + disk.kvmName() + (format.equals("qcow2") ? ".qcow2" : ".img");
        planned.add(new Planned(disk, read, name, format));
        needed += destination.needs(read, format);
      }
      long available = destination.available();
      if (needed > available) {
        throw new StorageException(
            destination.describe()
                + " has "
                + size(available)
                + " free, and the copies of "
                + result.name()
                + " need up to "
                + size(needed)
                + ": nothing was copied");
      }
      List<Report.DiskCopy> copies = new ArrayList<>();
      for (Planned disk : planned) {
        copies.add(copyOne(result.name(), disk));
      }
      return copies;
    } catch (StorageException e) {
      throw new ConversionException("copy: " + e.getMessage(), e, "copy-failed");
    } catch (IOException e) {
      throw new ConversionException("copy: " + e.getMessage(), e, "copy-failed");
    }
  }

  private Report.DiskCopy copyOne(String domain, Planned disk)
      throws StorageException, IOException {
    long started = System.nanoTime();
    DiskSource read = disk.source();
    ProgressLine line = new ProgressLine(domain + ": " + disk.name(), read.length(), started);
    Destination.Copied copied;
    try {
      copied = destination.copy(read, disk.name(), disk.format(), force, line::reached);
    } finally {
      line.clear();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Report.DiskCopy(
        disk.disk().xenName(),
        read.describe(),
        copied.target(),
        copied.type(),
        copied.format(),
        read.capacity(),
        copied.dataBytes(),
        Math.round(seconds * 10) / 10.0,
        copied.verified(),
        copied.kept());
  }

  /** Where the disk is read from, once x2k knows it may read it. */
  private DiskSource open(GuestDomain.Disk disk, String format) throws StorageException {
    String what = "disk " + disk.xenName() + " (" + disk.source() + ")";
    if (source != null && !source.isLocal()) {
      return SourceVolume.find(source.connection(), source.uri(), disk.source(), format)
          .orElseThrow(
              () ->
                  new StorageException(
                      what
                          + " is no volume of a storage pool of "
                          + source.uri()
                          + ": x2k reads another host's disks through libvirt's pools (virsh"
                          + " pool-define-as there for its directory), or run it on that host"));
    }
    Path path = storage.locate(disk.source());
    if (!vouchedFor(disk.source(), path)) {
      throw new StorageException(
          what
              + " is not known here as a guest's disk: x2k copies a volume of a storage pool of"
              + " --connect's host, a path under --storage OLD=NEW's NEW, or, for a definition"
              + " you trust, any path with --allow-host-resources");
    }
    try {
      HostDisks.check(path);
    } catch (GuestException e) {
      throw new StorageException(what + ": " + e.getMessage());
    }
    return LocalDisk.open(path, format);
  }

  private boolean vouchedFor(String named, Path path) throws StorageException {
    if (named.contains("/../") || named.endsWith("/..")) {
      // a mapping's prefix must not be climbed out of
      return false;
    }
    if (allowHostResources || storage.maps(named)) {
      // the administrator said so, or mapped the path to where this host has the disks
      return true;
    }
    if (source == null) {
      return false;
    }
    if (source.isStorageVolume(named)) {
      return true;
    }
    try {
      for (Map.Entry<String, String> pool : source.storagePoolDirectories().entrySet()) {
        Path directory = Path.of(pool.getValue()).normalize();
        Path real = path.toRealPath();
        if (real.startsWith(directory) && !real.equals(directory)) {
          return true;
        }
      }
    } catch (HypervisorException | IOException e) {
      throw new StorageException(e.getMessage());
    }
    return false;
  }

  /** The name of a domain's copies: its name where that is a plain file name, else its uuid. */
  private static String volumeBase(Conversion result) throws StorageException {
    if (Destination.isPlainName(result.name() + "-vda.img")) {
      return result.name();
    }
    if (!result.uuid().isEmpty()) {
      return result.uuid().toLowerCase(Locale.ROOT);
    }
    throw new StorageException(
        "the domain's name is no plain file name and it has no uuid: its copies cannot be named");
  }

  static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return bytes + " bytes";
    }
    double mib = bytes / (1024.0 * 1024);
    return mib < 1024
        ? String.format(Locale.ROOT, "%.0f MiB", mib)
        : String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
  }

  /**
   * One disk's progress on a terminal: bytes, rate, time left; redrawn at most 5 times a second.
   */
  private final class ProgressLine {
    private final String label;
    private final long total;
    private final long started;
    private long lastDrawn;
    private boolean drawn;

    ProgressLine(String label, long total, long started) {
      this.label = label;
      this.total = Math.max(total, 1);
      this.started = started;
    }

    void reached(long offset) {
      if (!terminal) {
        return;
      }
      long now = System.nanoTime();
      if (now - lastDrawn < 200_000_000L && offset < total) {
        return;
      }
      lastDrawn = now;
      double seconds = Math.max((now - started) / 1e9, 1e-3);
      double rate = offset / seconds;
      long left = rate > 0 ? (long) Math.ceil((total - offset) / rate) : 0;
      synchronized (err) {
        err.print(
            "\rx2k: copying "
                + label
                + ": "
                + size(offset)
                + " of "
                + size(total)
                + ", "
                + size((long) rate)
                + "/s, "
                + left
                + " s left\033[K");
        err.flush();
      }
      drawn = true;
    }

    void clear() {
      if (drawn) {
        synchronized (err) {
          err.print("\r\033[K");
          err.flush();
        }
      }
    }
  }
}
