package org.x2k.cli;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A named pipe that tells whether anyone opened it: a writer thread blocks in open(2) until a
 * reader comes, so a file read by x2k is seen, not guessed from the output. A reader would get the
 * secret.
 */
final class FileTrap implements AutoCloseable {
  private final Path fifo;
  private final AtomicBoolean opened = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Thread writer;

  private FileTrap(Path fifo, String secret) {
    this.fifo = fifo;
    this.writer =
        new Thread(
            () -> {
              try (OutputStream out = new FileOutputStream(fifo.toFile())) {
                if (!closing.get()) {
                  opened.set(true);
                  out.write(secret.getBytes(StandardCharsets.UTF_8));
                }
              } catch (IOException e) {
                // the reader went away: it was opened all the same
                opened.compareAndSet(false, !closing.get());
              }
            },
            "file-trap");
    writer.setDaemon(true);
  }

  static FileTrap at(Path fifo, String secret) throws IOException {
    try {
      Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
      if (mkfifo.waitFor() != 0) {
        throw new IOException("mkfifo " + fifo + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    FileTrap trap = new FileTrap(fifo, secret);
    trap.writer.start();
    return trap;
  }

  Path path() {
    return fifo;
  }

  /** Whether anything opened the pipe for reading. */
  boolean opened() {
    return opened.get();
  }

  @Override
  public void close() throws IOException {
    closing.set(true);
    if (writer.isAlive()) {
      try (FileInputStream unblock = new FileInputStream(fifo.toFile())) {
        byte[] buffer = new byte[256];
        while (unblock.read(buffer) >= 0) {
          // drained: the writer thread is done
        }
      }
    }
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
