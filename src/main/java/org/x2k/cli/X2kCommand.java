package org.x2k.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The top-level {@code x2k} command: only dispatches to its subcommands. */
@Command(
    name = "x2k",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns Xen virtual machine definitions into KVM ones.",
    subcommands = {
      ConvertCommand.class, FromNativeCommand.class, BridgeCommand.class, HookCommand.class, HookInstallCommand.class,
      CompletionCommand.class, ManCommand.class, WarmUpCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public final class X2kCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final InputStream stdin;

  public X2kCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  InputStream stdin() {
    return stdin;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /**
   * An exception no command turned into a message is a bug in x2k: one line that says so, and the
   * trace only when {@code --stacktrace} asked for it.
   */
  public static int handleUnexpected(Exception e, CommandLine commandLine, ParseResult parseResult) {
    if (CommonOptions.stacktraceRequested(parseResult)) {
      e.printStackTrace(commandLine.getErr());
    } else {
      commandLine
          .getErr()
          .println("x2k: internal error: " + e + " (run with --stacktrace and report it)");
    }
    commandLine.getErr().flush();
    return ExitCodes.FAILED;
  }
}
