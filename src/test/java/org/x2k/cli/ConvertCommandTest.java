package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code x2k convert} as a user drives it: inputs, outputs, options, errors and exit codes. */
class ConvertCommandTest {
  private static final String PV_DOMAIN =
      """
      <domain type='xen'>
        <name>%s</name>
        <uuid>11111111-2222-3333-4444-555555555555</uuid>
        <memory unit='KiB'>262144</memory>
        <vcpu>1</vcpu>
        <os><type arch='x86_64' machine='xenpv'>linux</type></os>
        <devices>
          <disk type='block' device='disk'>
            <driver name='phy' type='raw'/>
            <source dev='/dev/vg0/%s'/>
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

  @TempDir Path dir;

  private static String domain(String name) {
    return PV_DOMAIN.formatted(name, name);
  }

  private Path file(String relative, String content) throws IOException {
    Path path = dir.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return path;
  }

  private static void assertConverted(String xml, String name) {
    assertTrue(xml.startsWith("<domain type='kvm'>\n"), xml);
    assertTrue(xml.contains("<name>" + name + "</name>"), xml);
    assertTrue(xml.contains("<target dev='vda' bus='virtio'/>"), xml);
    assertFalse(xml.contains("vif-bridge"), xml);
    assertTrue(xml.endsWith("</domain>\n"), xml);
  }

  private static void assertOneErrorLine(Cli.Result result, String... fragments) {
    assertEquals(1, result.errLines().size(), result.err());
    for (String fragment : fragments) {
      assertTrue(result.err().contains(fragment), result.err());
    }
    assertFalse(result.err().contains("\tat "), "stack trace on stderr: " + result.err());
  }

  @Test
  void convertsOneFileToStdout() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    Cli.Result result = Cli.run("", "convert", vm.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertConverted(result.out(), "vm");
    assertTrue(
        result
            .err()
            .startsWith("x2k: " + vm + ": vm (11111111-2222-3333-4444-555555555555) converted\n"),
        "the report goes to stderr: " + result.err());
    assertFalse(result.out().contains("changed:"), "report leaked into stdout");
  }

  @Test
  void quietSilencesTheReport() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    Cli.Result result = Cli.run("", "convert", "-q", vm.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("", result.err());
    assertConverted(result.out(), "vm");
  }

  @Test
  void reportNamesWhatChangedAndWhatToDo() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    Cli.Result result = Cli.run("", "convert", "--bridge", "eth0=br0", vm.toString());
    List<String> lines = result.errLines();
    assertTrue(lines.contains("  changed:"), result.err());
    assertTrue(lines.contains("    - disks renamed: xvda → vda (virtio)"), result.err());
    assertTrue(lines.contains("  before the first boot on KVM:"), result.err());
    assertTrue(
        lines.stream()
            .anyMatch(line -> line.startsWith("    [required] The KVM host needs bridge br0")),
        result.err());
    assertTrue(
        lines.stream()
            .anyMatch(
                line ->
                    line.startsWith(
                        "    [required] Inside the guest, the disks have new names (xvda → vda)")),
        result.err());
    int firstRecommended =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.startsWith("    [recommended]"))
                .findFirst()
                .orElseThrow());
    int lastRequired =
        lines.lastIndexOf(
            lines.stream()
                .filter(l -> l.startsWith("    [required]"))
                .reduce((a, b) -> b)
                .orElseThrow());
    assertTrue(lastRequired < firstRecommended, "required actions come first: " + result.err());
  }

  @Test
  void jsonReportCoversEveryInput() throws IOException {
    file("dumps/a.xml", domain("a"));
    file("dumps/broken.xml", "<domain");
    file("dumps/kvm.xml", "<domain type='kvm'><name>kvm</name></domain>");
    Path report = dir.resolve("report.json");
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "-q",
            "--report",
            report.toString(),
            dir.resolve("dumps").toString(),
            "-o",
            dir.resolve("out").toString());
    assertEquals(1, result.exitCode());
    String json = Files.readString(report);
    assertTrue(
        json.startsWith("{\n  \"format\": \"x2k-report\",\n  \"version\": 1,\n  \"domains\": [\n"),
        json);
    assertTrue(
        json.contains(
            "\"input\": \""
                + dir.resolve("dumps/a.xml")
                + "\",\n"
                + "      \"status\": \"converted\",\n"
                + "      \"name\": \"a\",\n"
                + "      \"uuid\": \"11111111-2222-3333-4444-555555555555\",\n"),
        json);
    assertTrue(json.contains("{\"from\": \"xvda\", \"to\": \"vda\", \"bus\": \"virtio\"}"), json);
    assertTrue(
        json.contains(
            "{\"code\": \"guest-disk-names\", \"severity\": \"required\", \"text\": \"Inside the"
                + " guest"),
        json);
    assertTrue(
        json.contains("\"status\": \"failed\",\n      \"error\": \"not well-formed XML: line 1"),
        json);
    assertTrue(json.contains("\"status\": \"unchanged\",\n      \"name\": \"kvm\""), json);
    assertTrue(json.endsWith("\n  ]\n}\n"), json);
  }

  @Test
  void diffShowsOnlyWhatChanged() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    Cli.Result result = Cli.run("", "convert", "--diff", "-q", vm.toString());
    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = result.out().lines().toList();
    assertEquals("--- " + vm, lines.get(0));
    assertEquals("+++ " + vm + " (converted)", lines.get(1));
    assertTrue(lines.contains("-<domain type='xen'>"), result.out());
    assertTrue(lines.contains("+<domain type='kvm'>"), result.out());
    assertTrue(lines.contains("-      <target dev='xvda' bus='xen'/>"), result.out());
    assertTrue(lines.contains("+      <target dev='vda' bus='virtio'/>"), result.out());
    assertTrue(
        lines.contains("   <name>vm</name>"),
        "unchanged lines are context, not changes: " + result.out());
    assertFalse(
        lines.stream().anyMatch(l -> l.equals("-  <name>vm</name>")),
        "indentation differences are not changes");
  }

  @Test
  void diffOfAnUnchangedDomainIsEmpty() {
    Cli.Result result =
        Cli.run("<domain type='kvm'><name>k</name></domain>", "convert", "--diff", "-q");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("", result.out());
  }

  @Test
  void diffWithOutputIsUsageErrorAndDiffOfBrokenInputFails() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    assertEquals(
        2,
        Cli.run("", "convert", "--diff", vm.toString(), "-o", dir.resolve("x.xml").toString())
            .exitCode());
    Cli.Result broken = Cli.run("<domain", "convert", "--diff");
    assertEquals(1, broken.exitCode());
    assertEquals("", broken.out());
  }

  @Test
  void dryRunWritesNothing() throws IOException {
    file("dumps/a.xml", domain("a"));
    file("dumps/b.xml", domain("b"));
    Path out = dir.resolve("out");
    Cli.Result batch =
        Cli.run("", "convert", "--dry-run", dir.resolve("dumps").toString(), "-o", out.toString());
    assertEquals(0, batch.exitCode(), batch.err());
    assertFalse(Files.exists(out), "dry run created the output directory");
    assertTrue(batch.err().contains(": a (11111111"), "dry run still reports: " + batch.err());
    Cli.Result single = Cli.run(domain("s"), "convert", "-n");
    assertEquals(0, single.exitCode(), single.err());
    assertEquals("", single.out());
    Cli.Result several =
        Cli.run(
            "",
            "convert",
            "-n",
            "-q",
            dir.resolve("dumps/a.xml").toString(),
            dir.resolve("dumps/b.xml").toString());
    assertEquals(0, several.exitCode(), "a dry run needs no output directory: " + several.err());
  }

  @Test
  void readsStdinWithoutArgumentsAndWithDash() throws IOException {
    Cli.Result implicit = Cli.run(domain("piped"), "convert");
    Cli.Result dash = Cli.run(domain("piped"), "convert", "-");
    assertEquals(0, implicit.exitCode(), implicit.err());
    assertConverted(implicit.out(), "piped");
    assertEquals(implicit.out(), dash.out());
    Path vm = file("piped.xml", domain("piped"));
    assertEquals(
        Cli.run("", "convert", vm.toString()).out(),
        implicit.out(),
        "stdin and file conversions differ");
  }

  @Test
  void writesOneInputToOutputFile() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    Path out = dir.resolve("kvm/vm-kvm.xml");
    Cli.Result result = Cli.run("", "convert", vm.toString(), "-o", out.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("", result.out());
    assertConverted(Files.readString(out), "vm");
    assertEquals(List.of(), leftoverTemporaries(dir));
  }

  @Test
  void convertsSeveralFilesIntoDirectoryUnderTheirNames() throws IOException {
    Path a = file("in/a.xml", domain("a"));
    Path b = file("other/b.xml", domain("b"));
    Path out = dir.resolve("out");
    Cli.Result result = Cli.run("", "convert", a.toString(), b.toString(), "-o", out.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertConverted(Files.readString(out.resolve("a.xml")), "a");
    assertConverted(Files.readString(out.resolve("b.xml")), "b");
    assertEquals("x2k: 2 converted, 0 failed", result.errLines().get(result.errLines().size() - 1));
  }

  @Test
  void directoryBatchSkipsFailingFileAndConvertsTheRest() throws IOException {
    file("dumps/a.xml", domain("a"));
    file("dumps/broken.xml", "<domain><name>broken</name>");
    file("dumps/c.xml", domain("c"));
    file("dumps/notes.txt", "not a domain, not a Xen config");
    file("dumps/sub/d.xml", domain("d"));
    Path out = dir.resolve("out");
    Cli.Result result =
        Cli.run("", "convert", "-q", dir.resolve("dumps").toString(), "-o", out + "/");
    assertEquals(1, result.exitCode());
    assertConverted(Files.readString(out.resolve("a.xml")), "a");
    assertConverted(Files.readString(out.resolve("c.xml")), "c");
    assertFalse(Files.exists(out.resolve("broken.xml")), "output written for a failed input");
    assertFalse(Files.exists(out.resolve("sub")), "subdirectory converted without -r");
    assertEquals(2, result.errLines().size(), result.err());
    assertTrue(
        result
            .errLines()
            .get(0)
            .startsWith(
                "x2k: " + dir.resolve("dumps/broken.xml") + ": not well-formed XML: line 1"),
        result.err());
    assertEquals("x2k: 2 converted, 1 failed, 2 skipped", result.errLines().get(1));
  }

  @Test
  void recursiveBatchKeepsRelativeLayout() throws IOException {
    file("dumps/a.xml", domain("a"));
    file("dumps/host1/b.xml", domain("b"));
    file("dumps/host1/deep/c.xml", domain("c"));
    Path out = dir.resolve("out");
    Cli.Result result =
        Cli.run("", "convert", "-q", "-r", dir.resolve("dumps").toString(), "-o", out.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertConverted(Files.readString(out.resolve("a.xml")), "a");
    assertConverted(Files.readString(out.resolve("host1/b.xml")), "b");
    assertConverted(Files.readString(out.resolve("host1/deep/c.xml")), "c");
    assertEquals("x2k: 3 converted, 0 failed", result.err().strip());
  }

  @Test
  void directoryInputWithOneFileStillGoesToDirectory() throws IOException {
    file("dumps/only.xml", domain("only"));
    Path out = dir.resolve("out");
    Cli.Result result =
        Cli.run("", "convert", dir.resolve("dumps").toString(), "-o", out.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertConverted(Files.readString(out.resolve("only.xml")), "only");
  }

  @Test
  void renamesBridgesAfterConverting() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    Cli.Result result =
        Cli.run("", "convert", "--bridge", "eth0=br0", "--bridge", "eth1=br1", vm.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("<source bridge='br0'/>"), result.out());
    assertFalse(result.out().contains("eth0"), result.out());
  }

  @Test
  void bridgeWithoutNewNameIsUsageError() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    for (String bad : List.of("eth0", "eth0=", "=br0")) {
      Cli.Result result = Cli.run("", "convert", "--bridge", bad, vm.toString());
      assertEquals(2, result.exitCode(), bad + ": " + result.err());
      assertEquals("", result.out());
      assertTrue(result.err().contains("--bridge"), result.err());
    }
  }

  @Test
  void malformedInputFailsWithOneLineAndWritesNothing() throws IOException {
    Path vm = file("vm.xml", "<domain type='xen'><name>x</name>");
    Path out = dir.resolve("out.xml");
    Cli.Result result = Cli.run("", "convert", vm.toString(), "-o", out.toString());
    assertEquals(1, result.exitCode());
    assertOneErrorLine(result, vm.toString(), "not well-formed XML", "line 1");
    assertFalse(Files.exists(out), "output written for a failed input");
    assertEquals(List.of(), leftoverTemporaries(dir));
  }

  @Test
  void nonDomainRootFails() throws IOException {
    Path network = file("net.xml", "<network><name>default</name></network>");
    Cli.Result result = Cli.run("", "convert", network.toString());
    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    assertOneErrorLine(result, network.toString(), "root element is <network>, expected <domain>");
  }

  @Test
  void nonDomainFoundInADirectoryIsSkippedNotFailed() throws IOException {
    file("qemu/vm.xml", domain("vm"));
    file("qemu/networks/default.xml", "<network><name>default</name></network>");
    Path report = dir.resolve("report.json");
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "-r",
            "--report",
            report.toString(),
            dir.resolve("qemu").toString(),
            "-o",
            dir.resolve("out").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(
        result
            .err()
            .contains(
                "x2k: "
                    + dir.resolve("qemu/networks/default.xml")
                    + ": note: skipped: root element is <network>"),
        result.err());
    assertTrue(result.err().endsWith("x2k: 1 converted, 0 failed, 1 skipped\n"), result.err());
    assertFalse(Files.exists(dir.resolve("out/networks/default.xml")));
    assertTrue(
        Files.readString(report)
            .contains("\"status\": \"skipped\",\n      \"reason\": \"root element is <network>"));
  }

  @Test
  void missingFileFails() {
    Path missing = dir.resolve("missing.xml");
    Cli.Result result = Cli.run("", "convert", missing.toString());
    assertEquals(1, result.exitCode());
    assertOneErrorLine(result, missing.toString(), "no such file");
  }

  @Test
  void emptyStdinFails() {
    Cli.Result result = Cli.run("", "convert");
    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    assertOneErrorLine(result, "<stdin>", "empty input");
  }

  @Test
  void externalEntitiesAreNeverRead() throws IOException {
    Path secret = file("secret.txt", "TOP-SECRET-CONTENT");
    String hostile =
        "<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY leak SYSTEM '"
            + secret.toUri()
            + "'>]>\n<domain type='xen'><name>&leak;</name></domain>";
    Cli.Result result = Cli.run(hostile, "convert");
    assertEquals(1, result.exitCode());
    assertOneErrorLine(result, "<stdin>", "DOCTYPE");
    assertFalse(result.out().contains("TOP-SECRET") || result.err().contains("TOP-SECRET"));
  }

  @Test
  void severalInputsWithoutOutputDirectoryIsUsageError() throws IOException {
    Path a = file("a.xml", domain("a"));
    Path b = file("b.xml", domain("b"));
    Cli.Result result = Cli.run("", "convert", a.toString(), b.toString());
    assertEquals(2, result.exitCode());
    assertEquals("", result.out());
    assertTrue(result.err().contains("-o DIR"), result.err());
  }

  @Test
  void outputFileWithSeveralInputsIsUsageError() throws IOException {
    Path a = file("a.xml", domain("a"));
    Path b = file("b.xml", domain("b"));
    Path existing = file("existing.xml", "keep me");
    Cli.Result result =
        Cli.run("", "convert", a.toString(), b.toString(), "-o", existing.toString());
    assertEquals(2, result.exitCode());
    assertEquals("keep me", Files.readString(existing));
  }

  @Test
  void stdinTwiceIsUsageError() {
    Cli.Result result = Cli.run(domain("x"), "convert", "-", "-");
    assertEquals(2, result.exitCode());
  }

  @Test
  void outputOverTheInputIsRefused() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    Cli.Result result = Cli.run("", "convert", "-q", vm.toString(), "-o", vm.toString());
    assertEquals(1, result.exitCode());
    assertOneErrorLine(result, "is an input of this run; refusing to overwrite it");
    assertEquals(domain("vm"), Files.readString(vm));
  }

  @Test
  void twoInputsWithTheSameNameDoNotOverwriteEachOther() throws IOException {
    Path first = file("host1/vm.xml", domain("first"));
    Path second = file("host2/vm.xml", domain("second"));
    Path out = dir.resolve("out");
    Cli.Result result =
        Cli.run("", "convert", first.toString(), second.toString(), "-o", out.toString());
    assertEquals(1, result.exitCode());
    assertConverted(Files.readString(out.resolve("vm.xml")), "first");
    assertTrue(result.err().contains("already written"), result.err());
  }

  @Test
  void unknownOptionIsUsageError() {
    Cli.Result result = Cli.run("", "convert", "--no-such-option");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--no-such-option"), result.err());
  }

  @Test
  void stacktraceOptionShowsTheTrace() throws IOException {
    Path vm = file("vm.xml", "<domain");
    Cli.Result result = Cli.run("", "convert", "--stacktrace", vm.toString());
    assertEquals(1, result.exitCode());
    assertTrue(result.errLines().size() > 1, result.err());
    assertTrue(result.err().contains("\tat "), result.err());
  }

  @Test
  void nonAsciiTextSurvivesAsUtf8() throws IOException {
    Path vm =
        file(
            "vm.xml",
            domain("vm").replace("<vcpu>", "<description>Grüße „Büro“</description><vcpu>"));
    Cli.Result result = Cli.run("", "convert", vm.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("<description>Grüße „Büro“</description>"), result.out());
  }

  @Test
  void elementsX2kDoesNotKnowSurvive() throws IOException {
    Path vm =
        file(
            "vm.xml",
            domain("vm")
                .replace(
                    "<devices>",
                    "<future-element flavour='new'><child>text</child></future-element>\n"
                        + "<devices>"));
    Cli.Result result = Cli.run("", "convert", vm.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(
        result
            .out()
            .contains(
                "  <future-element flavour='new'>\n    <child>text</child>\n  </future-element>\n"),
        result.out());
  }

  @Test
  void kvmDomainIsCopiedUnchangedWithANote() throws IOException {
    String kvm =
        "<domain type='kvm'>\n"
            + "  <name>already</name>\n"
            + "  <devices>\n"
            + "    <disk type='file' device='disk'>\n"
            + "      <target dev='xvda' bus='xen'/>\n"
            + "    </disk>\n"
            + "  </devices>\n"
            + "</domain>\n";
    Cli.Result result = Cli.run(kvm, "convert");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(kvm, result.out());
    assertOneErrorLine(result, "<stdin>: note: already a kvm domain");
  }

  @Test
  void optionsReachTheStylesheet() throws IOException {
    Path vm =
        file(
            "vm.xml",
            domain("vm")
                .replace("<devices>", "<devices><emulator>/usr/lib/xen/bin/qemu-dm</emulator>"));
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "--type",
            "qemu",
            "--machine",
            "pc-q35-7.2",
            "--emulator",
            "/usr/libexec/qemu-kvm",
            "--disk-bus",
            "sata",
            "--cache",
            "hypervisor",
            "--nic-model",
            "rtl8139",
            vm.toString());
    assertEquals(0, result.exitCode(), result.err());
    for (String expected :
        List.of(
            "<domain type='qemu'>",
            "machine='pc-q35-7.2'",
            "<emulator>/usr/libexec/qemu-kvm</emulator>",
            "<target dev='sda' bus='sata'/>",
            "<driver name='qemu' type='raw'/>",
            "<model type='rtl8139'/>")) {
      assertTrue(result.out().contains(expected), expected + " missing from\n" + result.out());
    }
  }

  @Test
  void badOptionValuesAreUsageErrors() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    for (List<String> bad :
        List.of(
            List.of("--type", "xen"),
            List.of("--emulator", "kvm"),
            List.of("--machine", "q35; rm -rf /"),
            List.of("--disk-bus", "xen"),
            List.of("--boot", "pxe"),
            List.of("--cdrom-bus", "virtio"),
            List.of("--disk-format", "vhd"),
            List.of("--nic-model", "netfront"))) {
      List<String> args = new ArrayList<>(List.of("convert"));
      args.addAll(bad);
      args.add(vm.toString());
      Cli.Result result = Cli.run("", args.toArray(String[]::new));
      assertEquals(2, result.exitCode(), bad + ": " + result.err());
      assertEquals("", result.out(), bad.toString());
    }
  }

  private static List<Path> leftoverTemporaries(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(path -> path.getFileName().toString().endsWith(".x2k-tmp")).toList();
    }
  }

  /** The golden inputs: a real mix of conversions, notes, failures and skipped files. */
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @Test
  void parallelBatchGivesTheSameFilesMessagesAndReportAsOneJob() throws IOException {
    Cli.Result[] results = new Cli.Result[2];
    String[] jobs = {"1", "4"};
    for (int i = 0; i < 2; i++) {
      Path out = dir.resolve("out-" + jobs[i]);
      results[i] =
          Cli.run(
              "",
              "convert",
              "-j",
              jobs[i],
              GOLDEN.toString(),
              "-o",
              out.toString(),
              "--report",
              dir.resolve("report-" + jobs[i] + ".json").toString());
    }
    assertEquals(results[0].exitCode(), results[1].exitCode());
    assertEquals(results[0].err(), results[1].err());
    assertTrue(results[0].err().contains(" converted, "), results[0].err());
    assertEquals(
        Files.readString(dir.resolve("report-1.json")),
        Files.readString(dir.resolve("report-4.json")));
    List<String> names = listing(dir.resolve("out-1"));
    assertTrue(names.size() > 20, names.toString());
    assertEquals(names, listing(dir.resolve("out-4")));
    for (String name : names) {
      assertEquals(
          Files.readString(dir.resolve("out-1").resolve(name)),
          Files.readString(dir.resolve("out-4").resolve(name)),
          name);
    }
  }

  @Test
  void zeroJobsIsUsageError() throws IOException {
    Path vm = file("vm.xml", domain("vm"));
    Cli.Result result = Cli.run("", "convert", "-j", "0", vm.toString());
    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().contains("--jobs"), result.err());
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
