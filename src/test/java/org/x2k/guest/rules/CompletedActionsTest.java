package org.x2k.guest.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each guest rule names the XML report's actions it does (its COMPLETES), which x2k then drops from
 * the report: they must be actions the stylesheets report (docs/report.md's list, which
 * ReportCodesDocumentedTest holds to the stylesheets), or the rule completes nothing.
 */
class CompletedActionsTest {
  @Test
  void everyCompletedActionIsOneTheStylesheetsReport() throws IOException {
    String page = Files.readString(Path.of("docs/report.md"));
    String actions = page.substring(page.indexOf("Action codes:"));
    actions = actions.substring(0, actions.indexOf(".\n"));
    Set<String> completed = new TreeSet<>();
    Stream.of(
            StorageRules.COMPLETES,
            ConsoleRules.COMPLETES,
            BootloaderRules.COMPLETES,
            NetworkRules.COMPLETES,
            BootRules.COMPLETES)
        .forEach(completed::addAll);
    assertTrue(completed.size() >= 5, completed.toString());
    for (String code : completed) {
      assertTrue(actions.contains("`" + code + "`"), code + " is no action the report lists");
    }
  }
}
