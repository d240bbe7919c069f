package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/report.md lists exactly the change and action codes the stylesheets can report, and the
 * golden cases' reports show each of them at least once.
 */
class ReportCodesDocumentedTest {
  private static final Path ROOT =
      Path.of(System.getProperty("golden.dir", "src/test/resources/golden"))
          .resolve("../../../..")
          .normalize();

  private static Set<String> codesInStylesheets(String kind) throws IOException {
    Set<String> codes = new TreeSet<>();
    Pattern pattern = Pattern.compile("<" + kind + " code=\"([a-z0-9-]+)\"");
    try (Stream<Path> files = Files.walk(ROOT.resolve("xslt"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".xsl")).toList()) {
        Matcher matcher = pattern.matcher(Files.readString(file));
        while (matcher.find()) {
          codes.add(matcher.group(1));
        }
      }
    }
    return codes;
  }

  private static Set<String> codesInReadme(String heading) throws IOException {
    String readme = Files.readString(ROOT.resolve("docs/report.md"));
    int start = readme.indexOf(heading);
    // the list ends with the sentence; a link inside it has dots of its own
    int end = readme.indexOf(".\n", start);
    Set<String> codes = new TreeSet<>();
    Matcher matcher = Pattern.compile("`([a-z0-9-]+)`").matcher(readme.substring(start, end));
    while (matcher.find()) {
      codes.add(matcher.group(1));
    }
    return codes;
  }

  @Test
  void changeCodes() throws IOException {
    Set<String> inStylesheets = codesInStylesheets("change");
    assertFalse(inStylesheets.isEmpty());
    assertEquals(inStylesheets, codesInReadme("Change codes:"));
  }

  @Test
  void actionCodes() throws IOException {
    Set<String> inStylesheets = codesInStylesheets("action");
    assertFalse(inStylesheets.isEmpty());
    assertEquals(inStylesheets, codesInReadme("Action codes:"));
  }

  private static final Set<String> DIRECT_BOOT_CODES =
      Set.of("guest-kernel-boot", "kernel-replaced");

  private static final String COPY_CODE = "disk-copied";

  private static final Path COPIES_TEST =
      Path.of("src/test/java/org/x2k/convert/DiskCopiesTest.java");

  private static final Path DIRECT_BOOT_TEST =
      Path.of("src/test/java/org/x2k/convert/GuestKernelParametersTest.java");

  @Test
  void everyCodeAppearsInSomeGoldenReport() throws IOException {
    Set<String> reported = new TreeSet<>();
    Pattern pattern = Pattern.compile("\"code\": \"([a-z0-9-]+)\"");
    for (Path directory : GoldenTest.caseDirectories()) {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".report.json")).toList()) {
          Matcher matcher = pattern.matcher(Files.readString(file));
          while (matcher.find()) {
            reported.add(matcher.group(1));
          }
        }
      }
    }
    Set<String> missing = new TreeSet<>(codesInStylesheets("change"));
    missing.addAll(codesInStylesheets("action"));
    missing.removeAll(reported);
    // a direct boot of the guest's own kernel comes from x2k guest, which no golden case runs
    for (String code : DIRECT_BOOT_CODES) {
      assertTrue(
          Files.readString(DIRECT_BOOT_TEST).contains("\"" + code + ": "),
          code + " is not checked by " + DIRECT_BOOT_TEST);
    }
    missing.removeAll(DIRECT_BOOT_CODES);
    // a copied disk comes from --copy-storage, which no golden case runs
    assertTrue(
        Files.readString(COPIES_TEST).contains("\"" + COPY_CODE + "\""),
        COPY_CODE + " is not checked by " + COPIES_TEST);
    missing.remove(COPY_CODE);
    assertEquals(Set.of(), missing, "codes no golden case reports");
  }
}
