package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.x2k.SharedCorpus;
import org.xml.sax.InputSource;

/**
 * Real /etc/xen configs from public repositories: src/test/resources/native-wild names each
 * (PROVENANCE: repository, path, commit, SHA-256, licence) and what it must convert to (EXPECTED,
 * written from reading the file). The files are third-party data, kept beside the clone in {@code
 * ../shared/corpus/native-wild} (property {@code native.wild.dir}), not in this repository.
 * Converted in one batch, each keeps its identity (name, memory, vCPUs, every disk source, every
 * NIC on a network, every MAC), or is refused or skipped in one line that says why.
 */
class NativeWildCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/native-wild");

  private static Path configs() {
    return SharedCorpus.ifPlaced(
        Path.of(System.getProperty("native.wild.dir", "../shared/corpus/native-wild")),
        "the real-world configs PROVENANCE names (scripts/native-wild-gather makes it)");
  }

  private record Expected(String file, String outcome, String detail) {}

  private record Source(String file, String sha256) {}

  private static List<Source> provenance() throws IOException {
    List<Source> all = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("PROVENANCE"), StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] fields = line.split(" \\| ");
        assertEquals(
            6, fields.length, "FILE | REPOSITORY | PATH | COMMIT | SHA-256 | LICENCE: " + line);
        assertTrue(fields[1].strip().matches("[\\w.-]+/[\\w.-]+"), "OWNER/NAME: " + line);
        assertTrue(fields[3].matches("[0-9a-f]{40}"), "a full commit: " + line);
        assertTrue(fields[4].matches("[0-9a-f]{64}"), "a SHA-256: " + line);
        assertTrue(!fields[5].isBlank(), "a licence: " + line);
        all.add(new Source(fields[0].strip(), fields[4]));
      }
    }
    return all;
  }

  private static List<Expected> expected() throws IOException {
    List<Expected> all = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("EXPECTED"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(" \\| ", 3);
      all.add(new Expected(fields[0].strip(), fields[1].strip(), fields[2].strip()));
    }
    return all;
  }

  @Test
  void everyNamedFileHasItsExpectation() throws IOException {
    TreeSet<String> provenance = new TreeSet<>();
    provenance().forEach(source -> provenance.add(source.file()));
    TreeSet<String> expectations = new TreeSet<>();
    expected().forEach(e -> expectations.add(e.file()));
    assertEquals(provenance, expectations, "PROVENANCE and EXPECTED");
    assertTrue(provenance.size() >= 10, "the list went missing: " + provenance.size());
  }

  @Test
  void thePlacedFilesAreTheNamedOnesByteForByte() throws Exception {
    Path configs = configs();
    TreeSet<String> placed = new TreeSet<>();
    try (Stream<Path> entries = Files.list(configs)) {
      entries.forEach(p -> placed.add(p.getFileName().toString()));
    }
    TreeSet<String> named = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (Source source : provenance()) {
      named.add(source.file());
      Path file = configs.resolve(source.file());
      if (Files.isRegularFile(file)
          && !HexFormat.of()
              .formatHex(sha256.digest(Files.readAllBytes(file)))
              .equals(source.sha256())) {
        wrong.add(source.file() + " is not the file PROVENANCE names");
      }
    }
    assertEquals(named, placed, "the files in " + configs + " and PROVENANCE");
    assertEquals(List.of(), wrong);
  }

  @Test
  void eachConvertsWithItsIdentityOrIsRefusedInOneLine(@TempDir Path work) throws Exception {
    Path out = work.resolve("out");
    Path report = work.resolve("report.json");
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "-q",
            "--report",
            report.toString(),
            "-o",
            out + "/",
            configs().toString());
    String json = Files.readString(report, StandardCharsets.UTF_8);
    Map<String, String> outcomes = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    for (Expected e : expected()) {
      int at = json.indexOf("/" + e.file() + "\"");
      assertTrue(at > 0, e.file() + " is not in the report");
      String entry = json.substring(at, json.indexOf("\n    }", at));
      String status = between(entry, "\"status\": \"", "\"");
      outcomes.put(e.file(), status);
      switch (e.outcome()) {
        case "converted" -> {
          if (!status.equals("converted")) {
            wrong.add(e.file() + ": " + status + " " + jsonString(entry, "error"));
            continue;
          }
          wrong.addAll(identity(e, Files.readString(out.resolve(e.file() + ".xml"))));
        }
        case "refused" -> {
          String error = jsonString(entry, "error");
          if (!status.equals("failed") || !error.contains(e.detail())) {
            wrong.add(
                e.file()
                    + ": expected refused with '"
                    + e.detail()
                    + "', got "
                    + status
                    + " "
                    + error);
          }
        }
        case "skipped" -> {
          if (!status.equals("skipped")) {
            wrong.add(e.file() + ": expected skipped, got " + status);
          }
        }
        default -> wrong.add(e.file() + ": unknown outcome " + e.outcome());
      }
    }
    assertEquals(List.of(), wrong, result.err());
    long converted = outcomes.values().stream().filter("converted"::equals).count();
    System.out.printf(
        "native-wild: %d configs, %d converted with their identity, %d refused or skipped as"
            + " expected%n",
        outcomes.size(), converted, outcomes.size() - converted);
  }

  private static List<String> identity(Expected e, String xml) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field : e.detail().split(";\\s*")) {
      fields.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
    }
    Document domain =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(xml)));
    Element root = domain.getDocumentElement();
    List<String> wrong = new ArrayList<>();
    check(wrong, e, "name", fields.get("name"), text(root, "name"));
    check(wrong, e, "memory", fields.get("memory"), text(root, "memory"));
    check(wrong, e, "vcpus", fields.get("vcpus"), text(root, "vcpu"));
    List<String> disks = new ArrayList<>();
    NodeList sources = domain.getElementsByTagName("disk");
    for (int i = 0; i < sources.getLength(); i++) {
      Element disk = (Element) sources.item(i);
      NodeList source = disk.getElementsByTagName("source");
      if (source.getLength() == 0) {
        continue;
      }
      Element s = (Element) source.item(0);
      if (!s.getAttribute("protocol").isEmpty()) {
        Element host = (Element) s.getElementsByTagName("host").item(0);
        disks.add(
            s.getAttribute("protocol")
                + ":"
                + host.getAttribute("name")
                + ":"
                + host.getAttribute("port"));
      } else {
        disks.add(s.hasAttribute("file") ? s.getAttribute("file") : s.getAttribute("dev"));
      }
    }
    check(wrong, e, "disks", fields.get("disks"), String.join(",", disks));
    NodeList interfaces = domain.getElementsByTagName("interface");
    List<String> macs = new ArrayList<>();
    int onNetwork = 0;
    for (int i = 0; i < interfaces.getLength(); i++) {
      Element nic = (Element) interfaces.item(i);
      NodeList source = nic.getElementsByTagName("source");
      if (source.getLength() > 0
          && (((Element) source.item(0)).hasAttribute("bridge")
              || ((Element) source.item(0)).hasAttribute("network"))) {
        onNetwork++;
      }
      NodeList mac = nic.getElementsByTagName("mac");
      if (mac.getLength() > 0) {
        macs.add(((Element) mac.item(0)).getAttribute("address"));
      }
    }
    check(wrong, e, "nics on a network", fields.get("nics"), Integer.toString(onNetwork));
    check(wrong, e, "nics", fields.get("nics"), Integer.toString(interfaces.getLength()));
    check(wrong, e, "macs", fields.get("macs"), String.join(",", macs));
    return wrong;
  }

  private static void check(
      List<String> wrong, Expected e, String what, String expected, String got) {
    if (!expected.equals(got)) {
      wrong.add(e.file() + ": " + what + " " + got + ", expected " + expected);
    }
  }

  private static String text(Element root, String name) {
    NodeList nodes = root.getElementsByTagName(name);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }

  /** The JSON string value of {@code key} in {@code entry}, unescaped; empty if absent. */
  private static String jsonString(String entry, String key) {
    Matcher matcher = Pattern.compile("\"" + key + "\": \"((?:\\\\.|[^\"\\\\])*)\"").matcher(entry);
    return matcher.find() ? matcher.group(1).replaceAll("\\\\(.)", "$1") : "";
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    if (from < 0) {
      return "";
    }
    from += start.length();
    return text.substring(from, text.indexOf(end, from));
  }
}
