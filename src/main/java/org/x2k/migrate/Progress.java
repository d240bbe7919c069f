package org.x2k.migrate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A batch's progress bar on stderr: files done of the total, the rate and the time left, redrawn in
 * place at most ten times a second. It is drawn only when stderr is a terminal, so that nothing of
 * it reaches a log file or a pipe; lines printed meanwhile go above it.
 */
final class Progress {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final int total;
  private final boolean enabled;
  private final long start;
  private int done;
  private long lastDrawn;
  private boolean drawn;

  Progress(PrintWriter err, int total, boolean enabled) {
    this.err = err;
    this.total = total;
    this.enabled = enabled && total > 1;
    this.start = System.nanoTime();
  }

  /** A bar that is drawn only if this process's stderr is a terminal. */
  static Progress onStderr(PrintWriter err, int total) {
    return new Progress(err, total, stderrIsTerminal());
  }

  /**
   * Whether file descriptor 2 is a terminal. Java has no isatty; on Linux the descriptor's link
   * names the device. Elsewhere no bar is drawn.
   */
  static boolean stderrIsTerminal() {
    try {
      String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** Counts one input done and redraws the bar if it is due. */
  void step() {
    done++;
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done == total || now - lastDrawn >= REDRAW_NANOS) {
      lastDrawn = now;
      draw(now);
    }
  }

  /** Removes the bar so that a line can be printed in its place; the next step redraws it. */
  void clear() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  /** Removes the bar for good. */
  void finish() {
    clear();
  }

  String line(long now) {
    double seconds = Math.max((now - start) / 1e9, 1e-9);
    double rate = done / seconds;
    int filled = (int) ((long) BAR_WIDTH * done / total);
    String eta = rate > 0 && done < total ? " ETA " + duration((total - done) / rate) : "";
    return "["
        + "#".repeat(filled)
        + " ".repeat(BAR_WIDTH - filled)
        + "] "
        + done
        + "/"
        + total
        + " "
        + Math.round(rate)
        + "/s"
        + eta;
  }

  private void draw(long now) {
    err.print("\r" + line(now) + "\033[K");
    err.flush();
    drawn = true;
  }

  private static String duration(double seconds) {
    long whole = (long) Math.ceil(seconds);
    return whole < 60 ? whole + "s" : whole / 60 + "m" + String.format("%02d", whole % 60) + "s";
  }
}
