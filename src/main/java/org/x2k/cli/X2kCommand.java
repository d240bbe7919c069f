package org.x2k.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.x2k.migrate.Batch;
import org.x2k.migrate.Migration;
import org.x2k.migrate.MigrationException;
import org.x2k.migrate.Streams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The top-level {@code x2k} command: only dispatches to its subcommands. */
@Command(
    name = "x2k",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns Xen virtual machine definitions into KVM ones.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public final class X2kCommand implements Callable<Integer> {
  /**
   * The subcommands, in the order help lists them. They are added by {@link #commandLine} rather
   * than named in the annotation, because picocli builds the model of every subcommand it is given,
   * by reflection, before parsing: for all of them that is a fifth of a conversion's start-up.
   */
  private static final List<String> SUBCOMMANDS =
      List.of(
          "convert",
          "guest",
          "from-native",
          "bridge",
          "hook",
          "hook-install",
          "completion",
          "man",
          "warm-up",
          "help");

  private static Object newSubcommand(String name) {
    return switch (name) {
      case "convert" -> new ConvertCommand();
      case "guest" -> new GuestCommand();
      case "from-native" -> new FromNativeCommand();
      case "bridge" -> new BridgeCommand();
      case "hook" -> new HookCommand();
      case "hook-install" -> new HookInstallCommand();
      case "completion" -> new CompletionCommand();
      case "man" -> new ManCommand();
      case "warm-up" -> new WarmUpCommand();
      case "help" -> new CommandLine.HelpCommand();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * The command line for {@code args}: with only the subcommand they name when it is one of the
   * working subcommands; with all of them for help, man, completion, no subcommand or a mistyped
   * one, so that those see (and suggest) every subcommand.
   *
   * @param args the arguments, or null for all subcommands
   */
  public static CommandLine commandLine(InputStream stdin, String[] args) {
    CommandLine commandLine = new CommandLine(new X2kCommand(stdin));
    String named =
        args == null
            ? null
            : Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse(null);
    boolean onlyNamed =
        named != null
            && SUBCOMMANDS.contains(named)
            && !List.of("help", "man", "completion").contains(named);
    for (String name : SUBCOMMANDS) {
      if (!onlyNamed || name.equals(named)) {
        commandLine.addSubcommand(name, newSubcommand(name));
      }
    }
    return commandLine;
  }

  @Spec CommandSpec spec;

  private final InputStream stdin;

  public X2kCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  /**
   * What a subcommand's batch reads and writes: this command line's stdin, and its own out and err.
   */
  private Streams streams(CommandSpec subcommand) {
    return new Streams(
        stdin(), subcommand.commandLine().getOut(), subcommand.commandLine().getErr());
  }

  /**
   * The batch of a subcommand that converts, bridges or reads inputs: its streams, what its output
   * and report options ask for, and {@code verb} for what is done to each document.
   */
  Batch batch(
      CommandSpec subcommand,
      OutputOptions output,
      ReportOptions reporting,
      CommonOptions common,
      String verb) {
    return new Batch(
        streams(subcommand), output.settings(), reporting.settings(), common.stacktrace, verb);
  }

  /**
   * Runs {@code migration} over {@code inputs}: its exit code, or a run that cannot start (a host
   * out of reach, a domain type the target lacks) said in one line.
   */
  int run(
      CommandSpec subcommand,
      Migration migration,
      List<String> inputs,
      boolean recursive,
      OutputOptions output) {
    try {
      return ExitCodes.of(migration.run(inputs, recursive, output::validate));
    } catch (MigrationException e) {
      subcommand.commandLine().getErr().println("x2k: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }

  InputStream stdin() {
    return stdin;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /**
   * A usage error is the problem in one line, picocli's suggestions for a mistyped option, and
   * where help is: the whole help text would bury the line that matters.
   */
  public static int handleUsageError(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("x2k: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * An exception no command turned into a message is a bug in x2k: one line that says so, and the
   * trace only when {@code --stacktrace} asked for it.
   */
  public static int handleUnexpected(
      Exception e, CommandLine commandLine, ParseResult parseResult) {
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
