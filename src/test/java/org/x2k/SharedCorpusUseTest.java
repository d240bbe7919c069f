package org.x2k;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * CI runs in a clone with nothing beside it only the tests that name {@link SharedCorpus} (every
 * other test ran on the same commit with ../shared beside it, and must not differ there): so a test
 * that reads ../shared must go through it, and be a {@code *Test} class.
 */
class SharedCorpusUseTest {
  /** A string literal that names a path under ../shared. */
  private static final Pattern SHARED_PATH = Pattern.compile("\"[^\"\\n]*\\.\\./shared\\b");

  @Test
  void everyTestThatReadsTheSharedMaterialGoesThroughSharedCorpus() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        if (!file.getFileName().toString().equals("SharedCorpus.java")) {
          misuse(file.getFileName().toString(), Files.readString(file))
              .ifPresent(why -> found.add(file + ": " + why));
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void aTestThatNamesSharedWithoutSharedCorpusIsFound() {
    String source = "class T { Path p = Path.of(\"../shared/corpus/x\"); }";
    assertEquals(
        "names ../shared without SharedCorpus", misuse("CorpusTest.java", source).orElseThrow());
    assertEquals(
        "uses ../shared but is not a *Test class (the lone clone's run finds tests by name)",
        misuse("CorpusHelper.java", source + " SharedCorpus.require(p);").orElseThrow());
    assertEquals(
        "none", misuse("CorpusTest.java", source + " SharedCorpus.require(p);").orElse("none"));
    assertEquals("none", misuse("OtherTest.java", "// see ../shared/tools\n").orElse("none"));
  }

  /** Why the test source {@code text} in file {@code name} breaks the rule, if it does. */
  static Optional<String> misuse(String name, String text) {
    if (!SHARED_PATH.matcher(text).find()) {
      return Optional.empty();
    }
    if (!text.contains("SharedCorpus.")) {
      return Optional.of("names ../shared without SharedCorpus");
    }
    if (!name.endsWith("Test.java")) {
      return Optional.of(
          "uses ../shared but is not a *Test class (the lone clone's run finds tests by name)");
    }
    return Optional.empty();
  }
}
