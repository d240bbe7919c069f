package org.x2k.hook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.x2k.convert.Conversion;
import org.x2k.convert.ConversionException;
import org.x2k.convert.DomainConverter;
import org.x2k.io.Input;
import org.x2k.io.InputException;
import org.x2k.migrate.Exhaustion;

/**
 * What libvirt's qemu hook does, as the seed's /etc/libvirt/hooks/qemu script (seed 000, section
 * 3.1): on migrate/begin and restore/begin, the domain XML on its standard input with the
 * configured bridges renamed, within a deadline, since libvirt waits for its hook without one.
 */
public final class HookRewrite {
  private final int timeoutSeconds;

  /**
   * @param timeoutSeconds how long the rewrite may take, at least 1
   */
  public HookRewrite(int timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The domain XML read from {@code in}, its bridges renamed by the mappings in {@code config}. */
  public Conversion rewrite(InputStream in, Path config)
      throws InputException, ConversionException, IOException {
    HookConfig mappings = HookConfig.read(config);
    return withinDeadline(
        () ->
            DomainConverter.bridgesOnly(mappings.bridges(), mappings.networks())
                .convert(Input.readBounded(in)));
  }

  /** The operations whose XML the hook rewrites, as the seed's script. */
  public static boolean rewrites(String operation, String subOperation) {
    return subOperation.equals("begin")
        && (operation.equals("migrate") || operation.equals("restore"));
  }

  /** Work done within the deadline, which stops no faster than its thread when it is not. */
  private interface HookWork {
    Conversion run() throws InputException, ConversionException, IOException;
  }

  /**
   * Runs {@code work} on a daemon thread and waits at most {@link #timeoutSeconds}: past it, the
   * hook fails and the process ends (Main exits), taking the runaway thread with it.
   */
  private Conversion withinDeadline(HookWork work)
      throws InputException, ConversionException, IOException {
    FutureTask<Conversion> task = new FutureTask<>(work::run);
    Thread thread = new Thread(task, "x2k-hook");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new InputException("the rewrite took longer than " + timeoutSeconds + " s (--timeout)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InputException input) {
        throw input;
      }
      if (cause instanceof ConversionException conversion) {
        throw conversion;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof StackOverflowError | cause instanceof OutOfMemoryError) {
        throw new InputException(Exhaustion.message((VirtualMachineError) cause));
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }
}
