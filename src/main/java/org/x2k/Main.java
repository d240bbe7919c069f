package org.x2k;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.x2k.cli.X2kCommand;
import org.x2k.migrate.Exhaustion;
import org.x2k.text.ControlCharacters;
import picocli.CommandLine;

/** The x2k executable: builds the command line and turns its result into the process exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int exitCode;
    try {
      exitCode = newCommandLine(System.in, args).execute(args);
    } catch (VirtualMachineError e) {
      // outside any one input (a batch fails only the input that ran out): one line, not a trace
      System.err.println("x2k: " + Exhaustion.message(e));
      exitCode = 1;
    }
    System.exit(exitCode);
  }

  /**
   * The configured command line, reading domains that come on standard input from {@code stdin}.
   * Standard output carries converted XML and must be UTF-8 whatever the locale, so it is not left
   * to the platform charset.
   */
  public static CommandLine newCommandLine(InputStream stdin) {
    return configure(X2kCommand.commandLine(stdin, null));
  }

  /** The command line for running {@code args}: only the subcommand they need is set up. */
  public static CommandLine newCommandLine(InputStream stdin, String[] args) {
    return configure(X2kCommand.commandLine(stdin, args));
  }

  private static CommandLine configure(CommandLine commandLine) {
    // Straight to the file descriptor: System.out is a PrintStream, which swallows write errors,
    // so a full disk or a closed pipe would go unnoticed and x2k would report success.
    commandLine.setOut(
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            true));
    // stderr is read on a terminal: file and domain names in messages come from whoever wrote
    // them, and their control characters are shown, not obeyed
    commandLine.setErr(
        new PrintWriter(
            ControlCharacters.forTerminal(
                new OutputStreamWriter(System.err, StandardCharsets.UTF_8)),
            true));
    commandLine.setExecutionExceptionHandler(X2kCommand::handleUnexpected);
    commandLine.setParameterExceptionHandler(X2kCommand::handleUsageError);
    return commandLine;
  }
}
