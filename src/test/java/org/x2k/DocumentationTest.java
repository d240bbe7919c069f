package org.x2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays what a newcomer finishes (under 250 lines) and leads to every page of docs/; no
 * relative link in the README or docs/ points at a file or heading that is not there.
 */
class DocumentationTest {
  private static final Path README = Path.of("README.md");
  private static final Path DOCS = Path.of("docs");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void theReadmeIsShort() throws IOException {
    long lines = Files.readAllLines(README).size();
    assertTrue(lines < 250, "README.md has " + lines + " lines; move detail into docs/");
  }

  @Test
  void theReadmeLinksEveryPageOfTheDocumentation() throws IOException {
    String readme = Files.readString(README);
    List<String> unlinked = new ArrayList<>();
    for (Path page : pages()) {
      if (!readme.contains("](docs/" + page.getFileName() + ")")) {
        unlinked.add(page.getFileName().toString());
      }
    }
    assertEquals(List.of(), unlinked, "pages of docs/ the README does not link");
  }

  @Test
  void everyRelativeLinkLeadsSomewhere() throws IOException {
    List<Path> documents = new ArrayList<>(pages());
    documents.add(README);
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      Matcher link = LINK.matcher(Files.readString(document));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue; // a URL
        }
        String file = target.replaceFirst("#.*", "");
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
        Path resolved =
            file.isEmpty() ? document : document.toAbsolutePath().getParent().resolve(file);
        if (!Files.exists(resolved)) {
          broken.add(document + ": " + target + " (no such file)");
        } else if (!anchor.isEmpty() && !anchors(resolved).contains(anchor)) {
          broken.add(document + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> files = Files.list(DOCS)) {
      return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
    }
  }

  /** The anchors GitHub makes of a Markdown file's headings. */
  private static TreeSet<String> anchors(Path markdown) throws IOException {
    TreeSet<String> anchors = new TreeSet<>();
    boolean inFence = false;
    for (String line : Files.readAllLines(markdown)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
      } else if (!inFence && line.startsWith("#")) {
        anchors.add(
            line.replaceFirst("^#+\\s*", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 _-]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }
}
