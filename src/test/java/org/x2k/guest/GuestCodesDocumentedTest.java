package org.x2k.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/guest.md's "Guest codes" list exactly the codes x2k guest reports. */
class GuestCodesDocumentedTest {
  /**
   * Codes of the XML conversion's report, which the guest step marks done; parameters; the report's
   * guest-plan.
   */
  private static final Set<String> NOT_GUEST_CODES =
      Set.of(
          "guest-disk-names",
          "guest-console",
          "guest-nic-names",
          "guest-kernel",
          "guest-command-line",
          "guest-initrd",
          "guest-cmdline",
          "guest-plan");

  @Test
  void everyCodeIsDocumented() throws IOException {
    Set<String> inCode = new TreeSet<>();
    Pattern literal = Pattern.compile("\"(guest-[a-z0-9-]+)\"");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/x2k"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher matcher = literal.matcher(Files.readString(file));
        while (matcher.find()) {
          inCode.add(matcher.group(1));
        }
      }
    }
    inCode.removeAll(NOT_GUEST_CODES);
    assertFalse(inCode.isEmpty());
    String readme = Files.readString(Path.of("docs/guest.md"));
    int start = readme.indexOf("Guest codes:");
    String list = readme.substring(start, readme.indexOf("\n\n", start));
    Set<String> documented = new TreeSet<>();
    Matcher matcher = Pattern.compile("`(guest-[a-z0-9-]+)`").matcher(list);
    while (matcher.find()) {
      documented.add(matcher.group(1));
    }
    assertEquals(inCode, documented);
  }
}
