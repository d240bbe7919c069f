package org.x2k.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code x2k hook}: libvirt's qemu hook, as the seed's /etc/libvirt/hooks/qemu script (seed 000,
 * section 3.1). libvirt calls it with (object, operation, sub-operation, extra) and the domain XML
 * on stdin; on migrate/begin and restore/begin it prints the XML with the configured bridges
 * renamed, on anything else it prints nothing and returns at once. Unusable XML or configuration
 * makes it exit non-zero, so that libvirt refuses the operation rather than start a guest on a
 * missing bridge.
 */
@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    description = {
      "libvirt's qemu hook: renames bridges in incoming migrations and restores (as in UCS Extended"
          + " virtualization documentation, 3.1).",
      "Called by libvirt through the wrapper x2k hook-install writes; reads the domain XML on"
          + " stdin.",
      "A non-zero exit makes libvirt refuse that migration or restore."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:done: rewritten XML printed (migrate/begin, restore/begin) or nothing to do",
      "1:unusable XML or configuration: libvirt refuses the operation",
      ExitCodes.USAGE_LINE
    })
public final class HookCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand X2kCommand parent;

  @Parameters(index = "0", paramLabel = "OBJECT", description = "The domain's name.")
  String object;

  @Parameters(index = "1", paramLabel = "OPERATION", description = "migrate, restore, start, ...")
  String operation;

  @Parameters(index = "2", paramLabel = "SUB_OPERATION", description = "begin, end, ...")
  String subOperation;

  @Parameters(
      index = "3",
      paramLabel = "EXTRA",
      arity = "0..1",
      description = "libvirt's extra argument.")
  String extra;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Bridge mappings (default: ${DEFAULT-VALUE}).",
      defaultValue = "/etc/x2k/hook.conf")
  Path config;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Refuse the operation if the rewrite takes longer (default: ${DEFAULT-VALUE});"
              + " libvirt itself waits for the hook without limit.")
  int timeoutSeconds;

  @Mixin CommonOptions common;

  /** The operations whose XML the hook rewrites, as the seed's script. */
  static boolean rewrites(String operation, String subOperation) {
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

  @Override
  public Integer call() {
    if (!rewrites(operation, subOperation)) {
      return ExitCodes.OK;
    }
    try {
      if (timeoutSeconds < 1) {
        throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
      }
      HookConfig mappings = HookConfig.read(config);
      Conversion result =
          withinDeadline(
              () -> {
                byte[] xml = Input.readBounded(parent.stdin());
                return DomainConverter.bridgesOnly(mappings.bridges(), mappings.networks())
                    .convert(xml);
              });
      spec.commandLine().getOut().print(result.xml());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    } catch (InputException | ConversionException | IOException e) {
      spec.commandLine()
          .getErr()
          .println(
              "x2k hook: "
                  + object
                  + " "
                  + operation
                  + "/"
                  + subOperation
                  + ": "
                  + e.getMessage()
                  + " (libvirt will refuse this "
                  + operation
                  + ")");
      if (common.stacktrace) {
        e.printStackTrace(spec.commandLine().getErr());
      }
      return ExitCodes.FAILED;
    }
  }
}
