package org.x2k;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rules google-java-format does not check: a class is named by an import, never inline by its
 * package (java.util.List in the middle of a method hides what a file depends on).
 */
class SourceStyleTest {
  /** A package-qualified class name: lower-case segments, then an upper-case one. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "(?<![\\w.\"])(?:java|javax|org|net|picocli)(?:\\.[a-z][a-z0-9]*)+\\.[A-Z]\\w*");

  /** String literals, which may hold any text. */
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  @Test
  void noClassIsNamedInlineByItsPackage() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("import ")
                || line.startsWith("package ")
                || line.startsWith("*")
                || line.startsWith("/*")
                || line.startsWith("//")) {
              continue;
            }
            Matcher matcher = QUALIFIED.matcher(STRING.matcher(line).replaceAll("\"\""));
            while (matcher.find()) {
              found.add(file + ":" + (i + 1) + ": " + matcher.group());
            }
          }
        }
      }
    }
    assertEquals(List.of(), found, "import these instead");
  }
}
