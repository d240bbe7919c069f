package org.x2k.report;

import java.io.PrintWriter;
import java.util.List;
import org.x2k.convert.Conversion;
import org.x2k.convert.Report;

/**
 * The report a person reads on stderr after each domain: what changed, one line per kind of change,
 * then what to do before the first boot on KVM, most pressing first.
 */
public final class TextReport {
  private static final List<String> SEVERITIES = List.of("required", "recommended", "info", "done");

  private TextReport() {}

  /** Prints the report of one document; {@code verb} says what was done to it ("converted"). */
  public static void print(PrintWriter err, String input, Conversion conversion, String verb) {
    Report report = conversion.report();
    if (!conversion.converted() || (report.changes().isEmpty() && report.actions().isEmpty())) {
      return;
    }
    err.println("x2k: " + input + ": " + describe(conversion) + " " + verb);
    if (!report.changes().isEmpty()) {
      err.println("  changed:");
      report.changes().forEach(change -> err.println("    - " + change.text()));
    }
    if (!report.actions().isEmpty()) {
      err.println("  before the first boot on KVM:");
      for (String severity : SEVERITIES) {
        report.actions().stream()
            .filter(action -> action.severity().equals(severity))
            .forEach(action -> err.println("    [" + severity + "] " + action.text()));
      }
      report.actions().stream()
          .filter(action -> !SEVERITIES.contains(action.severity()))
          .forEach(action -> err.println("    [" + action.severity() + "] " + action.text()));
    }
  }

  private static String describe(Conversion conversion) {
    String name = conversion.name().isEmpty() ? "document" : conversion.name();
    return conversion.uuid().isEmpty() ? name : name + " (" + conversion.uuid() + ")";
  }
}
