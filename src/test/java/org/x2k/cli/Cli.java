package org.x2k.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.x2k.Main;
import org.x2k.text.ControlCharacters;
import picocli.CommandLine;

/** Runs x2k in-process as {@code Main} would, with given stdin and captured stdout and stderr. */
public final class Cli {
  /** What one run did. */
  public record Result(int exitCode, String out, String err) {
    /** stderr's lines, for asserting that a problem took exactly one line. */
    public List<String> errLines() {
      return err.lines().toList();
    }
  }

  private Cli() {}

  public static Result run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  public static Result run(byte[] stdin, String... args) {
    return run(new ByteArrayInputStream(stdin), args);
  }

  public static Result run(InputStream stdin, String... args) {
    CommandLine commandLine = Main.newCommandLine(stdin);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(ControlCharacters.forTerminal(err), true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
