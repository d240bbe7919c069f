package org.x2k.nativecfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.x2k.SharedCorpus;
import org.x2k.cli.Cli;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.Difference;
import org.xmlunit.diff.ElementSelectors;

/**
 * x2k from-native against libvirt's own answers: every {@code *.cfg} in the shared corpus's
 * xlconfigdata/ and xmconfigdata/ that has a {@code *.xml} partner (what virsh domxml-from-native
 * makes of it) is read with the directory's dialect and compared with XMLUnit: similar means the
 * same elements, attributes and text, in any sibling order, whitespace aside, both read as
 * libvirt's Xen driver reads them ({@link LibvirtReading}: implied NUMA distances, the xenbus
 * controller and balloon it adds), because some partners are libvirt's input for the opposite
 * direction and leave out what libvirt implies. Every difference must be listed, with its reason,
 * in native/known-differences.txt (by pair and XPath), and every listed difference must still
 * occur. The pass rate is printed and must be 95% or more.
 */
class LibvirtPairsTest {
  private static final Path CORPUS =
      Path.of(System.getProperty("corpus.dir", "../shared/corpus/libvirt-9.0.0"));
  private static final Path KNOWN = Path.of("src/test/resources/native/known-differences.txt");

  /** A listed difference: pair, XPath of the node (in libvirt's XML) and why it differs. */
  private record Known(String pair, String xpath, String reason) {}

  /** How a reason in the known differences starts where x2k reads a config better on purpose. */
  private static final String CORRECTION = "corrects libvirt:";

  @Test
  void fromNativeMatchesLibvirtsPairs() throws IOException {
    SharedCorpus.require(CORPUS);
    List<Known> known = known();
    Map<String, List<String>> differences = new TreeMap<>();
    int pairs = 0;
    for (String dialect : List.of("xl", "xm")) {
      Path directory = CORPUS.resolve(dialect + "configdata");
      List<Path> configs;
      try (Stream<Path> files = Files.list(directory)) {
        configs = files.filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
      }
      for (Path config : configs) {
        String base = config.getFileName().toString().replaceFirst("\\.cfg$", "");
        Path partner = directory.resolve(base + ".xml");
        if (!Files.exists(partner)) {
          continue;
        }
        pairs++;
        String pair = directory.getFileName() + "/" + base;
        Cli.Result result =
            Cli.run("", "from-native", "--quiet", "--format", dialect, config.toString());
        if (result.exitCode() != 0) {
          differences.put(pair, List.of("(failed) " + result.err().strip()));
          continue;
        }
        List<String> found =
            compare(Files.readString(partner, StandardCharsets.UTF_8), result.out());
        if (!found.isEmpty()) {
          differences.put(pair, found);
        }
      }
    }
    List<String> unexplained = new ArrayList<>();
    differences.forEach(
        (pair, found) ->
            found.forEach(
                difference -> {
                  if (known.stream()
                      .noneMatch(
                          k -> k.pair().equals(pair) && difference.startsWith(k.xpath() + " "))) {
                    unexplained.add(
                        pair + " | " + difference.substring(0, Math.min(200, difference.length())));
                  }
                }));
    List<String> stale = new ArrayList<>();
    for (Known k : known) {
      if (differences.getOrDefault(k.pair(), List.of()).stream()
          .noneMatch(d -> d.startsWith(k.xpath() + " "))) {
        stale.add(k.pair() + " | " + k.xpath());
      }
    }
    int similar = pairs - differences.size();
    // pairs that differ only where x2k corrects libvirt's reading on purpose
    long corrected =
        differences.entrySet().stream()
            .filter(
                entry ->
                    entry.getValue().stream()
                        .allMatch(
                            difference ->
                                known.stream()
                                    .anyMatch(
                                        k ->
                                            k.pair().equals(entry.getKey())
                                                && difference.startsWith(k.xpath() + " ")
                                                && k.reason().startsWith(CORRECTION))))
            .count();
    System.out.printf(
        "native config pairs: %d of %d similar to libvirt's domxml-from-native (%.1f%%), %d more"
            + " but for x2k's corrections; %d differ, each difference listed in %s%n",
        similar, pairs, 100.0 * similar / pairs, corrected, differences.size(), KNOWN);
    assertTrue(
        unexplained.isEmpty(),
        () -> "differences not listed in " + KNOWN + ":\n" + String.join("\n", unexplained));
    assertTrue(
        stale.isEmpty(),
        () -> "listed in " + KNOWN + " but no longer different:\n" + String.join("\n", stale));
    assertTrue(pairs >= 80, "the corpus should hold 85 pairs, found " + pairs);
    assertTrue(
        (similar + corrected) * 100 >= pairs * 95,
        similar
            + " of "
            + pairs
            + " similar, "
            + corrected
            + " more but for corrections, is below 95%");
  }

  /** XMLUnit's differences that are not similar, as "XPATH description". */
  static List<String> compare(String expected, String actual) {
    Diff diff =
        DiffBuilder.compare(Input.fromDocument(LibvirtReading.complete(expected)))
            .withTest(Input.fromDocument(LibvirtReading.complete(actual)))
            .ignoreWhitespace()
            .ignoreComments()
            .withNodeMatcher(
                new DefaultNodeMatcher(
                    ElementSelectors.byNameAndAllAttributes, ElementSelectors.byName))
            .checkForSimilar()
            .build();
    List<String> found = new ArrayList<>();
    for (Difference difference : diff.getDifferences()) {
      var details = difference.getComparison().getControlDetails();
      String xpath =
          details.getXPath() != null
              ? details.getXPath()
              : difference.getComparison().getTestDetails().getXPath();
      found.add(xpath + " " + difference.getComparison().toString().replaceAll("\\s+", " "));
    }
    return found;
  }

  private static List<Known> known() throws IOException {
    List<Known> known = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (String line : Files.readAllLines(KNOWN, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(" \\| ", 3);
      assertEquals(3, fields.length, "not 'pair | xpath | reason': " + line);
      assertTrue(!fields[2].isBlank(), "no reason given: " + line);
      assertTrue(seen.put(fields[0] + fields[1], 1) == null, "listed twice: " + line);
      known.add(new Known(fields[0].strip(), fields[1].strip(), fields[2].strip()));
    }
    return known;
  }
}
