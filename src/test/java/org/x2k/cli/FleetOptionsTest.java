package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet mode's command line (issue 10). What it does against libvirt hosts is checked with real
 * ones by scripts/check-fleet; here, the usage errors, and reading libvirt's built-in test host
 * where the client library is installed.
 */
class FleetOptionsTest {
  @TempDir Path dir;

  private static void assertUsage(String expected, String... args) {
    Cli.Result result = Cli.run("", args);
    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().startsWith("x2k: " + expected), result.err());
    // the problem and where help is, not the whole help text
    assertEquals(
        "Try 'x2k convert --help' for more.", result.errLines().get(result.errLines().size() - 1));
    assertEquals(2, result.errLines().size(), result.err());
  }

  @Test
  void usageErrors() {
    assertUsage("--all and --match choose domains of --connect URI", "convert", "--all");
    assertUsage("--all and --match choose domains of --connect URI", "convert", "--match", "web*");
    assertUsage(
        "--connect needs domain names, --all or --match PATTERN",
        "convert",
        "--connect",
        "test:///default");
    assertUsage(
        "--all takes every domain", "convert", "--connect", "test:///default", "--all", "vm1");
    assertUsage(
        "--replace applies to --define URI",
        "convert",
        "--connect",
        "test:///default",
        "--all",
        "--replace");
    assertUsage(
        "--in-place and --recursive apply to files",
        "convert",
        "--connect",
        "test:///default",
        "--all",
        "-i");
    assertUsage(
        "--diff writes no definition", "convert", "vm.xml", "--define", "qemu:///system", "--diff");
    assertUsage(
        "--match chooses the domains: drop the names",
        "convert",
        "--connect",
        "test:///default",
        "--match",
        "web*",
        "vm1");
  }

  @Test
  void allAndMatchExcludeEachOther() {
    assertUsage(
        "Error: --all, --match=PATTERN are mutually exclusive",
        "convert",
        "--connect",
        "test:///default",
        "--all",
        "--match",
        "web*");
  }

  private static void assumeLibvirtClient() {
    Assumptions.assumeTrue(
        Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0"))
            || Files.exists(Path.of("/usr/lib64/libvirt.so.0")),
        "libvirt's client library is not installed here");
  }

  @Test
  void readsADomainThroughLibvirt() throws Exception {
    assumeLibvirtClient();
    Path out = dir.resolve("out");
    Cli.Result result =
        Cli.run("", "convert", "--connect", "test:///default", "--all", "-o", out + "/");
    assertEquals(0, result.exitCode(), result.err());
    // libvirt's built-in test host has one domain, "test", of type test: not a Xen one
    assertEquals(List.of("test.xml"), HostileInputTest.written(out));
    assertTrue(
        result
            .err()
            .contains("x2k: test: note: already a test domain, not a Xen one: copied unchanged"),
        result.err());
    assertTrue(Files.readString(out.resolve("test.xml")).startsWith("<domain type='test'>"));
  }

  @Test
  void unknownDomainIsOneLine() {
    assumeLibvirtClient();
    Cli.Result result =
        Cli.run("", "convert", "--connect", "test:///default", "no-such-vm", "-o", dir + "/out/");
    assertEquals(1, result.exitCode(), result.err());
    assertTrue(
        result
            .errLines()
            .get(0)
            .startsWith("x2k: no-such-vm: cannot read domain no-such-vm from test:///default: "),
        result.err());
  }

  @Test
  void matchIsRepeatableAndTakesADomainAnyPatternMatches() throws Exception {
    assumeLibvirtClient();
    Path out = dir.resolve("matched");
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "--connect",
            "test:///default",
            "--match",
            "nothing*",
            "--match",
            "t?st",
            "-o",
            out + "/");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(List.of("test.xml"), HostileInputTest.written(out));
  }
}
