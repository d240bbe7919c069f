package org.x2k.convert;

import java.util.Map;

/**
 * Whether a golden run rewrites expected files: only when asked with {@code -Dgolden.update=true},
 * and never under CI, where a rewritten expectation would hide the very change it should catch.
 */
public final class GoldenUpdate {
  private GoldenUpdate() {}

  public static boolean requested(String property, Map<String, String> environment) {
    if (!Boolean.parseBoolean(property)) {
      return false;
    }
    String ci = environment.get("CI");
    if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
      throw new IllegalStateException(
          "-Dgolden.update=true is refused when CI is set: expected files are reviewed by people");
    }
    return true;
  }
}
