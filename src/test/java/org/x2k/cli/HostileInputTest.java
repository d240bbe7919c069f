package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8: hostile and broken documents through convert, bridge and hook, as a file, in a directory
 * batch beside a good domain, and on standard input. Each run ends within 10 s, with the documented
 * exit code, one line on stderr naming the input, no stack trace, nothing written for a failing
 * input, the rest of a batch converted, and nothing read from the file or the server the document
 * points at.
 */
class HostileInputTest {
  /** What a hostile document must never make visible: what the traps would hand out. */
  private static final String SECRET = "x2k-secret-7f3a";

  static final String XEN_DOMAIN =
      """
      <domain type='xen'>
        <name>guest</name>
        <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
        <memory unit='KiB'>524288</memory>
        <vcpu>1</vcpu>
        <bootloader>/usr/bin/pygrub</bootloader>
        <os><type>linux</type></os>
        <devices>
          <disk type='file' device='disk'>
            <driver name='file'/>
            <source file='/var/lib/xen/images/guest.img'/>
            <target dev='xvda' bus='xen'/>
          </disk>
          <interface type='bridge'>
            <mac address='00:16:3e:00:00:01'/>
            <source bridge='eth0'/>
            <script path='vif-bridge'/>
          </interface>
        </devices>
      </domain>
      """;

  enum Command {
    CONVERT,
    BRIDGE,
    HOOK
  }

  enum Mode {
    FILE,
    DIRECTORY,
    STDIN
  }

  /** What x2k must do with a document. */
  enum Expect {
    /** exit 1 and one line naming the input; in a batch, the rest still converted */
    FAIL,
    /** exit 0 and the converted document */
    CONVERT,
    /** fails alone, but is passed over with a note in a directory (libvirt XML of other kinds) */
    SKIP_IN_DIRECTORY
  }

  /**
   * One document: its bytes (given where the traps are), what each command must do with it, and a
   * word the message must contain when it fails.
   */
  record Hostile(
      String name,
      Function<Traps, byte[]> content,
      Function<Command, Expect> expect,
      String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The file and the server a hostile document points at; touching either is a failure. */
  record Traps(Path fifo, int port) {
    String fileUrl() {
      return fifo.toUri().toString();
    }

    String httpUrl(String path) {
      return "http://127.0.0.1:" + port + "/" + path;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Hostile failing(String name, Function<Traps, String> content, String problem) {
    return new Hostile(name, traps -> utf8(content.apply(traps)), command -> Expect.FAIL, problem);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String withDescription(String inner) {
    return XEN_DOMAIN.replace("<vcpu>", "<description>" + inner + "</description>\n  <vcpu>");
  }

  static List<Hostile> documents() {
    String devices = "<devices>";
    List<Hostile> all = new ArrayList<>();
    all.add(
        failing(
            "external-file-entity",
            traps ->
                "<!DOCTYPE domain [<!ENTITY leak SYSTEM '"
                    + traps.fileUrl()
                    + "'>]>\n"
                    + withDescription("&leak;"),
            "DOCTYPE"));
    all.add(
        failing(
            "external-http-entity",
            traps ->
                "<!DOCTYPE domain [<!ENTITY leak SYSTEM '"
                    + traps.httpUrl("leak")
                    + "'>]>\n"
                    + withDescription("&leak;"),
            "DOCTYPE"));
    all.add(
        failing(
            "parameter-entity",
            traps ->
                "<!DOCTYPE domain [<!ENTITY % remote SYSTEM '"
                    + traps.httpUrl("evil.dtd")
                    + "'> %remote;]>\n"
                    + XEN_DOMAIN,
            "DOCTYPE"));
    all.add(
        failing(
            "external-dtd",
            traps ->
                "<!DOCTYPE domain SYSTEM '" + traps.httpUrl("domain.dtd") + "'>\n" + XEN_DOMAIN,
            "DOCTYPE"));
    all.add(
        failing(
            "xinclude",
            traps ->
                XEN_DOMAIN
                    .replace(
                        "<domain type='xen'>",
                        "<domain type='xen' xmlns:xi='http://www.w3.org/2001/XInclude'>")
                    .replace(
                        "<vcpu>",
                        "<description><xi:include href='"
                            + traps.fileUrl()
                            + "' parse='text'/></description>\n  <vcpu>"),
            "XInclude"));
    all.add(
        failing(
            "billion-laughs",
            traps -> {
              StringBuilder doctype = new StringBuilder("<!DOCTYPE domain [<!ENTITY lol0 'lol'>");
              for (int level = 1; level <= 10; level++) {
                doctype
                    .append("<!ENTITY lol")
                    .append(level)
                    .append(" '")
                    .append(("&lol" + (level - 1) + ";").repeat(10))
                    .append("'>");
              }
              return doctype + "]>\n" + withDescription("&lol10;");
            },
            "DOCTYPE"));
    all.add(
        failing(
            "deep-nesting",
            traps ->
                XEN_DOMAIN.replace(
                    "<vcpu>",
                    "<metadata>"
                        + "<a>".repeat(100_000)
                        + "</a>".repeat(100_000)
                        + "</metadata>\n  <vcpu>"),
            "nested"));
    all.add(
        new Hostile(
            "hundred-megabytes",
            traps -> {
              byte[] head =
                  utf8(XEN_DOMAIN.substring(0, XEN_DOMAIN.indexOf("<vcpu>")) + "<description>");
              byte[] filler = new byte[100 * 1024 * 1024];
              Arrays.fill(filler, (byte) 'x');
              return concat(
                  head,
                  filler,
                  utf8("</description>" + XEN_DOMAIN.substring(XEN_DOMAIN.indexOf("<vcpu>"))));
            },
            command -> Expect.FAIL,
            "too large"));
    all.add(
        failing(
            "long-attribute",
            traps ->
                XEN_DOMAIN.replace(
                    "/var/lib/xen/images/guest.img",
                    "/var/lib/xen/images/" + "g".repeat(1 << 20) + ".img"),
            "longer than 65536 characters"));
    all.add(
        failing(
            "deep-config",
            traps ->
                "name = 'guest'\nmemory = 512\ndisk = "
                    + "[".repeat(200_000)
                    + "]".repeat(200_000)
                    + "\n",
            "nested more than 32 deep"));
    all.add(
        failing(
            "many-namespaces",
            traps ->
                XEN_DOMAIN.replace(
                    "<domain type='xen'>",
                    "<domain type='xen'"
                        + IntStream.range(0, 5000)
                            .mapToObj(i -> " xmlns:n" + i + "='urn:x2k:" + i + "'")
                            .collect(Collectors.joining())
                        + ">"),
            "namespaces are in scope"));
    all.add(
        new Hostile(
            "too-many-devices",
            traps ->
                utf8(
                    XEN_DOMAIN.replace(
                        "</devices>",
                        "<input type='mouse' bus='ps2'/>".repeat(5000) + "</devices>")),
            command -> command == Command.CONVERT ? Expect.FAIL : Expect.CONVERT,
            "x2k takes at most 4096"));
    all.add(
        failing(
            "xml11-control-character",
            traps -> "<?xml version='1.1'?>\n" + withDescription("&#x1b;]0;owned&#x7;&#x1b;[2J"),
            "control character U+001B in <description>"));
    all.add(
        failing(
            "native-control-character",
            traps -> "name = 'guest\\x1b[2J'\nmemory = 512\n",
            "control character U+001B"));
    all.add(
        failing(
            "many-namespace-declarations",
            traps ->
                XEN_DOMAIN.replace(
                    "</devices>",
                    IntStream.range(0, 2000)
                            .mapToObj(
                                i ->
                                    "<input type='mouse' bus='ps2' xmlns:n"
                                        + i
                                        + "='urn:"
                                        + i
                                        + "'/>")
                            .collect(Collectors.joining())
                        + "</devices>"),
            "declares namespaces more than 1024 times"));
    all.add(
        failing(
            "config-of-many-disk-appends",
            traps ->
                "name = 'guest'\nmemory = 512\ndisk = []\n"
                    + "disk += ['phy:/dev/vg/d,xvda,w']\n".repeat(300_000),
            "has more than 4096 items"));
    all.add(
        failing(
            "config-of-many-settings",
            traps -> "name = 'guest'\nmemory = 512\n" + "x = 1\n".repeat(1_000_000),
            "more than 16384 settings"));
    all.add(
        failing(
            "c1-control-character",
            traps -> withDescription("\u009b2J owned"),
            "control character U+009B in <description> is refused"));
    all.add(
        failing(
            "bidi-override-in-name",
            traps -> XEN_DOMAIN.replace("<name>guest</name>", "<name>guest\u202Etxt.exe</name>"),
            "control character U+202E in <name> is refused"));
    all.add(
        failing(
            "newline-in-name-forges-a-line",
            traps ->
                XEN_DOMAIN.replace(
                    "<name>guest</name>", "<name>guest&#10;x2k: all 1 converted, 0 failed</name>"),
            "the domain name 'guest\\x0Ax2k: all 1 converted, 0 failed' holds the control"
                + " character U+000A"));
    all.add(
        failing(
            "native-c1-control-character",
            traps -> "name = 'guest\u009b2J'\nmemory = 512\n",
            "control character U+009B"));
    all.add(
        new Hostile(
            "utf-16",
            traps ->
                concat(
                    new byte[] {(byte) 0xfe, (byte) 0xff},
                    XEN_DOMAIN.getBytes(StandardCharsets.UTF_16BE)),
            command -> Expect.CONVERT,
            null));
    all.add(
        new Hostile(
            "utf-16-without-mark",
            traps ->
                ("<?xml version='1.0' encoding='UTF-16'?>\n" + XEN_DOMAIN)
                    .getBytes(StandardCharsets.UTF_16LE),
            command -> Expect.CONVERT,
            null));
    all.add(
        new Hostile(
            "qemu-commandline",
            traps ->
                utf8(
                    XEN_DOMAIN
                        .replace(
                            "<domain type='xen'>",
                            "<domain type='xen'"
                                + " xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>")
                        .replace(
                            "</devices>",
                            "</devices>\n"
                                + "  <qemu:commandline><qemu:env name='LD_PRELOAD'"
                                + " value='/tmp/x.so'/></qemu:commandline>")),
            command -> Expect.CONVERT,
            null));
    all.add(failing("empty", traps -> "", "empty"));
    all.add(
        new Hostile(
            "binary",
            traps -> {
              byte[] noise = new byte[4096];
              new Random(8).nextBytes(noise);
              return noise;
            },
            command -> Expect.SKIP_IN_DIRECTORY,
            "neither domain XML nor a Xen config"));
    all.add(
        failing(
            "truncated",
            traps -> XEN_DOMAIN.substring(0, XEN_DOMAIN.length() / 2),
            "not well-formed"));
    all.add(
        new Hostile(
            "invalid-utf8",
            traps -> {
              String[] halves = XEN_DOMAIN.split("guest", 2);
              return concat(
                  utf8(halves[0]), new byte[] {(byte) 0xc3, (byte) 0x28}, utf8(halves[1]));
            },
            command -> Expect.FAIL,
            "not well-formed"));
    all.add(
        new Hostile(
            "byte-order-mark",
            traps -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8(XEN_DOMAIN)),
            command -> Expect.CONVERT,
            null));
    all.add(
        new Hostile(
            "network-root",
            traps -> utf8("<network><name>default</name><bridge name='eth0'/></network>\n"),
            command -> command == Command.CONVERT ? Expect.SKIP_IN_DIRECTORY : Expect.CONVERT,
            "<network>"));
    all.add(
        new Hostile(
            "pool-root",
            traps ->
                utf8(
                    "<pool"
                        + " type='dir'><name>images</name><target><path>/var/lib/xen/images</path></target></pool>\n"),
            command -> Expect.SKIP_IN_DIRECTORY,
            "<pool>"));
    all.add(failing("two-roots", traps -> XEN_DOMAIN + XEN_DOMAIN, "not well-formed"));
    all.add(
        new Hostile(
            "no-devices",
            traps -> utf8(XEN_DOMAIN.substring(0, XEN_DOMAIN.indexOf(devices)) + "</domain>\n"),
            command -> Expect.CONVERT,
            null));
    all.add(
        new Hostile(
            "duplicate-disk-targets",
            traps ->
                utf8(
                    XEN_DOMAIN.replace(
                        "</disk>",
                        "</disk>\n"
                            + "    <disk type='file' device='disk'><source"
                            + " file='/var/lib/xen/images/data.img'/><target dev='xvda'"
                            + " bus='xen'/></disk>")),
            command -> command == Command.CONVERT ? Expect.FAIL : Expect.CONVERT,
            "disk target 'xvda'"));
    all.add(
        new Hostile(
            "duplicate-macs",
            traps ->
                utf8(
                    XEN_DOMAIN.replace(
                        "</interface>",
                        "</interface>\n"
                            + "    <interface type='bridge'><mac"
                            + " address='00:16:3E:00:00:01'/><source bridge='eth1'/></interface>")),
            command -> Expect.CONVERT,
            null));
    all.add(
        new Hostile(
            "not-x86",
            traps -> utf8(XEN_DOMAIN.replace("<type", "<type arch='ia64'")),
            command -> command == Command.CONVERT ? Expect.FAIL : Expect.CONVERT,
            "architecture ia64: "));
    all.add(
        new Hostile(
            "already-kvm",
            traps ->
                utf8(
                    XEN_DOMAIN
                        .replace("type='xen'", "type='kvm'")
                        .replace("<bootloader>/usr/bin/pygrub</bootloader>", "")
                        // a script of a domain x2k copies is a host resource it takes out
                        .replace("<script path='vif-bridge'/>", "")),
            command -> Expect.CONVERT,
            "note: already a kvm domain, not a Xen one: copied unchanged"));
    return all;
  }

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (Hostile document : documents()) {
      for (Command command : List.of(Command.CONVERT, Command.BRIDGE)) {
        for (Mode mode : Mode.values()) {
          runs.add(Arguments.of(document, command, mode));
        }
      }
      runs.add(Arguments.of(document, Command.HOOK, Mode.STDIN));
    }
    return runs.stream();
  }

  @TempDir Path dir;
  private FileTrap fileTrap;
  private NetworkTrap networkTrap;

  @BeforeEach
  void setTraps() throws IOException {
    fileTrap = FileTrap.at(dir.resolve("secret.fifo"), SECRET);
    networkTrap = NetworkTrap.open(SECRET);
  }

  @AfterEach
  void clearTraps() throws IOException {
    fileTrap.close();
    networkTrap.close();
  }

  @ParameterizedTest(name = "{0} through {1} as {2}")
  @MethodSource("runs")
  void endsCleanly(Hostile document, Command command, Mode mode) throws IOException {
    byte[] bytes = document.content().apply(new Traps(fileTrap.path(), networkTrap.port()));
    Expect expect = document.expect().apply(command);
    Path out = dir.resolve("out");
    Path hostile = dir.resolve("in/" + document.name() + ".xml");
    Files.createDirectories(hostile.getParent());
    List<String> args =
        new ArrayList<>(
            switch (command) {
              case CONVERT -> List.of("convert");
              case BRIDGE -> List.of("bridge", "eth0=br0");
              case HOOK ->
                  List.of(
                      "hook",
                      "--config",
                      Files.writeString(dir.resolve("hook.conf"), "bridge eth0=br0\n").toString(),
                      "guest",
                      "migrate",
                      "begin",
                      "-");
            });
    String inputName;
    byte[] stdin = new byte[0];
    switch (mode) {
      case FILE -> {
        Files.write(hostile, bytes);
        args.addAll(List.of(hostile.toString(), "-o", out + "/"));
        inputName = hostile.toString();
      }
      case DIRECTORY -> {
        Files.write(hostile, bytes);
        Files.writeString(hostile.resolveSibling("good.xml"), XEN_DOMAIN);
        args.addAll(List.of(hostile.getParent().toString(), "-o", out + "/"));
        inputName = hostile.toString();
      }
      default -> {
        stdin = bytes;
        inputName = command == Command.HOOK ? "guest migrate/begin" : "<stdin>";
      }
    }
    byte[] input = stdin;
    Cli.Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> Cli.run(input, args.toArray(String[]::new)));

    String context = document + " through " + command + " as " + mode + ":\n" + result.err();
    assertFalse(
        result.err().contains("Exception") || result.err().contains("\tat "),
        "stack trace: " + context);
    List<String> naming =
        result.errLines().stream().filter(line -> line.contains(inputName)).toList();
    List<String> outputs = written(out);
    boolean failsHere =
        expect == Expect.FAIL || (expect == Expect.SKIP_IN_DIRECTORY && mode != Mode.DIRECTORY);
    if (failsHere) {
      assertEquals(1, result.exitCode(), context);
      assertEquals(1, naming.size(), "one line names the input: " + context);
      String prefix =
          command == Command.HOOK ? "x2k hook: " + inputName + ": " : "x2k: " + inputName + ": ";
      assertTrue(
          naming.get(0).startsWith(prefix) && naming.get(0).contains(document.problem()),
          "names the problem (" + document.problem() + "): " + context);
      assertEquals("", result.out(), "nothing on stdout: " + context);
      assertEquals(
          mode == Mode.DIRECTORY ? List.of("good.xml") : List.of(),
          outputs,
          "nothing written for the input, the rest converted: " + context);
      if (mode != Mode.DIRECTORY) {
        assertEquals(1, result.errLines().size(), "one line on stderr: " + context);
      }
    } else if (expect == Expect.SKIP_IN_DIRECTORY) {
      assertEquals(0, result.exitCode(), context);
      assertEquals(1, naming.size(), "one line names the input: " + context);
      assertTrue(naming.get(0).contains("note: skipped"), context);
      assertEquals(List.of("good.xml"), outputs, context);
    } else {
      assertEquals(0, result.exitCode(), context);
      if (document.problem() != null && command == Command.CONVERT) {
        assertTrue(
            naming.stream().anyMatch(line -> line.contains(document.problem())),
            "a note (" + document.problem() + "): " + context);
      }
      switch (mode) {
        case FILE -> assertEquals(List.of(hostile.getFileName().toString()), outputs, context);
        case DIRECTORY ->
            assertEquals(
                List.of("good.xml", hostile.getFileName().toString()).stream().sorted().toList(),
                outputs,
                context);
        default -> assertTrue(result.out().startsWith("<"), context);
      }
    }
    for (String file : outputs) {
      assertFalse(
          Files.readString(out.resolve(file)).contains(SECRET), "secret leaked into " + file);
      if (command == Command.CONVERT) {
        assertFalse(
            Files.readString(out.resolve(file)).contains("LD_PRELOAD"),
            "passthrough kept in " + file);
      }
    }
    assertFalse(
        result.out().contains(SECRET) || result.err().contains(SECRET),
        "secret leaked: " + context);
    assertFalse(fileTrap.opened(), "x2k opened the file the document points at: " + context);
    assertEquals(
        0,
        networkTrap.connections(),
        "x2k connected to the server the document points at: " + context);
  }

  /** The files (not x2k's temporaries) under {@code out}, by name relative to it, sorted. */
  static List<String> written(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(out)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> out.relativize(file).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void fileNameWithANewlineInADirectoryIsSkippedEscapedNeverForgingALine() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("good.xml"), XEN_DOMAIN);
    Files.writeString(
        in.resolve("evil\nx2k: 2 converted, 0 failed\u202E.xml"),
        XEN_DOMAIN.replace("guest", "evil"));
    Cli.Result result = Cli.run("", "convert", in.toString(), "-o", dir.resolve("out") + "/");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(
        result.errLines().stream().noneMatch(line -> line.startsWith("x2k: 2 converted")),
        result.err());
    assertTrue(
        result.err().contains("evil\\x0Ax2k: 2 converted, 0 failed\\u202E.xml")
            && result.err().contains("holds the control character U+000A"),
        result.err());
    assertEquals(List.of("good.xml"), written(dir.resolve("out")));
  }
}
