package org.x2k.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;

/**
 * {@code x2k man}: the x2k(1) manual page in troff, written from the same picocli model as {@code
 * --help}, so the two never disagree.
 */
@Command(
    name = "man",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the x2k(1) manual page (troff).",
      "Install: x2k man > /usr/local/share/man/man1/x2k.1 && mandb; read: man x2k"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:page printed", ExitCodes.USAGE_LINE})
public final class ManCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CommandSpec root = spec.root();
    String version = root.version().length > 0 ? root.version()[0] : "x2k";
    out.println(".TH X2K 1 \"\" \"" + escape(version) + "\" \"User Commands\"");
    out.println(".SH NAME");
    out.println("x2k \\- " + escape(String.join(" ", root.usageMessage().description())));
    out.println(".SH SYNOPSIS");
    for (CommandLine sub : root.subcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().hidden() && !sub.getCommandName().equals("help")) {
        out.println(".B x2k " + sub.getCommandName());
        out.println("[\\fIOPTIONS\\fR]" + positionals(sub.getCommandSpec()));
        out.println(".br");
      }
    }
    out.println(".B x2k");
    out.println("[\\fB\\-\\-help\\fR|\\fB\\-\\-version\\fR]");
    for (CommandLine sub : root.subcommands().values()) {
      CommandSpec command = sub.getCommandSpec();
      if (sub.getCommandName().equals("help")) {
        continue;
      }
      out.println(".SH \"X2K " + sub.getCommandName().toUpperCase(Locale.ROOT) + "\"");
      for (String line : command.usageMessage().description()) {
        out.println(escape(line));
        out.println(".br");
      }
      for (PositionalParamSpec positional : command.positionalParameters()) {
        out.println(".TP");
        out.println(".I " + escape(positional.paramLabel()));
        out.println(escape(String.join(" ", positional.description())));
      }
      for (OptionSpec option : command.options()) {
        if (option.hidden()) {
          continue;
        }
        out.println(".TP");
        StringBuilder names = new StringBuilder();
        for (String name : option.names()) {
          names
              .append(names.length() == 0 ? "" : ", ")
              .append("\\fB")
              .append(escape(name))
              .append("\\fR");
        }
        if (option.arity().max() > 0) {
          names.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
        }
        out.println(names);
        out.println(escape(String.join(" ", option.description())));
      }
      List<String> footer = List.of(command.usageMessage().footer());
      if (!footer.isEmpty()) {
        out.println(".PP");
        out.println("Examples:");
        out.println(".nf");
        footer.forEach(line -> out.println(escape(line.strip())));
        out.println(".fi");
      }
    }
    out.println(".SH \"EXIT STATUS\"");
    root.usageMessage()
        .exitCodeList()
        .forEach(
            (code, meaning) -> {
              out.println(".TP");
              out.println(".B " + escape(code.strip()));
              out.println(escape(meaning));
            });
    out.println(".SH \"SEE ALSO\"");
    out.println(
        "virsh(1), virt-xml-validate(1); x2k's documentation, /usr/share/doc/x2k (README.md,"
            + " and docs/report.md for the report format, docs/stylesheets.md for the"
            + " stylesheets).");
    out.flush();
    return ExitCodes.OK;
  }

  private static String positionals(CommandSpec command) {
    StringBuilder result = new StringBuilder();
    for (PositionalParamSpec positional : command.positionalParameters()) {
      result.append(" \\fI").append(escape(positional.paramLabel())).append("\\fR");
      if (positional.arity().max() > 1) {
        result.append("...");
      }
    }
    return result.toString();
  }

  /** troff-safe text: backslashes and leading dots or quotes would be read as requests. */
  static String escape(String text) {
    String escaped = text.replace("\\", "\\e").replace("-", "\\-");
    return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
  }
}
