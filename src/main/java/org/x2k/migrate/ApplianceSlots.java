package org.x2k.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many libguestfs appliances a batch runs at once: one per job, but no more than the memory
 * this host has available holds. Each appliance is a QEMU with 1 GiB of guest memory (x2k's
 * set_memsize) plus QEMU's own; twenty guests with {@code -j 20} on a small host would otherwise
 * start twenty at once. At least one always runs.
 */
public final class ApplianceSlots {
  /** What one appliance takes: its 1 GiB, QEMU's own and the page cache it churns, in KiB. */
  static final long APPLIANCE_KIB = 1536L * 1024;

  private static final Pattern AVAILABLE = Pattern.compile("(?m)^MemAvailable:\\s+(\\d+) kB$");

  private final Semaphore slots;
  private final int count;

  ApplianceSlots(int count) {
    this.count = count;
    this.slots = new Semaphore(count, true);
  }

  /** Slots for {@code jobs} workers on this host (/proc/meminfo's MemAvailable). */
  public static ApplianceSlots forThisHost(int jobs) {
    long available = Long.MAX_VALUE;
    try {
      Matcher matcher = AVAILABLE.matcher(Files.readString(Path.of("/proc/meminfo")));
      if (matcher.find()) {
        available = Long.parseLong(matcher.group(1));
      }
    } catch (IOException | NumberFormatException e) {
      // no /proc/meminfo: the jobs alone decide
    }
    return new ApplianceSlots(count(jobs, available));
  }

  /** One per job, at most as many as {@code availableKib} holds, at least one. */
  static int count(int jobs, long availableKib) {
    return (int) Math.max(1, Math.min(jobs, availableKib / APPLIANCE_KIB));
  }

  int count() {
    return count;
  }

  /** Waits for a slot; the caller gives it back with {@link #release()}. */
  void acquire() throws InterruptedException {
    slots.acquire();
  }

  void release() {
    slots.release();
  }
}
