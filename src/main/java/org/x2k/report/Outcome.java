package org.x2k.report;

import org.x2k.convert.Conversion;

/**
 * What became of one input.
 *
 * @param input the input's name as messages give it
 * @param conversion the conversion, or null when it failed
 * @param error why it failed, or null
 */
public record Outcome(String input, Conversion conversion, String error) {
  public static Outcome of(String input, Conversion conversion) {
    return new Outcome(input, conversion, null);
  }

  public static Outcome failed(String input, String error) {
    return new Outcome(input, null, error);
  }

  /** converted, unchanged (not a Xen domain) or failed: the JSON report's status. */
  public String status() {
    if (conversion == null) {
      return "failed";
    }
    return conversion.converted() ? "converted" : "unchanged";
  }
}
