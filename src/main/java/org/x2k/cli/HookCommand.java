package org.x2k.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.x2k.convert.Conversion;
import org.x2k.convert.ConversionException;
import org.x2k.hook.HookRewrite;
import org.x2k.io.InputException;
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

  @Override
  public Integer call() {
    if (!HookRewrite.rewrites(operation, subOperation)) {
      return ExitCodes.OK;
    }
    try {
      if (timeoutSeconds < 1) {
        throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
      }
      Conversion result = new HookRewrite(timeoutSeconds).rewrite(parent.stdin(), config);
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
