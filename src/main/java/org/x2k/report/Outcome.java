package org.x2k.report;

import java.util.Locale;
import org.x2k.convert.Conversion;

/**
 * What became of one input.
 *
 * @param input the input's name as messages give it
 * @param conversion the conversion, or null when it failed
 * @param error why it failed or was skipped, or null
 * @param skipped whether it was skipped rather than failed
 * @param detail for a failure, more than the one line (what a program in the guest said), or ""
 */
public record Outcome(
    String input, Conversion conversion, String error, boolean skipped, String detail) {
  public static Outcome of(String input, Conversion conversion) {
    return new Outcome(input, conversion, null, false, "");
  }

  public static Outcome failed(String input, String error) {
    return failed(input, error, "");
  }

  public static Outcome failed(String input, String error, String detail) {
    return new Outcome(input, null, error, false, detail == null ? "" : detail);
  }

  /** A file found in a directory that holds no domain definition: not converted, not a failure. */
  public static Outcome skipped(String input, String reason) {
    return new Outcome(input, null, reason, true, "");
  }

  /** What became of an input; its JSON name is the constant's in lower case. */
  public enum Status {
    CONVERTED,
    /** nothing applied: for convert, not a Xen domain, copied as it was */
    UNCHANGED,
    SKIPPED,
    FAILED;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Status status() {
    if (skipped) {
      return Status.SKIPPED;
    }
    if (conversion == null) {
      return Status.FAILED;
    }
    return conversion.converted() ? Status.CONVERTED : Status.UNCHANGED;
  }
}
