package org.x2k.convert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Issue 8: coverage-guided fuzzing of everything x2k does with the bytes of an input (XML parsing
 * with its guards, xl/xm config parsing, the stylesheets, libvirt-style output), for convert's
 * pipeline and the bridge command's. The only acceptable failure is the documented one, a {@link
 * ConversionException} with a one-line message; anything else thrown (a runtime exception, a stack
 * overflow, running out of memory) is a crash Jazzer reports with the input.
 *
 * <p>mvn verify runs the inputs kept under src/test/resources (regression mode); scripts/fuzz
 * fuzzes for a bounded time (JAZZER_FUZZ=1), seeded with the golden cases and native configs.
 */
class InputFuzzTest {
  private static final DomainConverter CONVERT =
      DomainConverter.xenToKvm(ConversionSettings.DEFAULTS, Map.of(), Map.of());
  private static final DomainConverter BRIDGE =
      DomainConverter.bridgesOnly(Map.of("eth0", "br0"), Map.of());

  @FuzzTest(maxDuration = "60s")
  void convertsOrRefusesCleanly(byte[] input) {
    for (DomainConverter converter : new DomainConverter[] {CONVERT, BRIDGE}) {
      try {
        Conversion conversion = converter.convert(input);
        if (conversion.xml().isEmpty()) {
          throw new IllegalStateException("a conversion without output");
        }
      } catch (ConversionException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.contains("\n")) {
          throw new IllegalStateException("not one clear line: [" + message + "]", e);
        }
      }
    }
  }
}
