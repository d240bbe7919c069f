package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * x2k guest and convert --guest up to libguestfs: the disks a definition names are checked before
 * anything opens them, and what is no guest's disk is refused with one line. (The guests
 * themselves: GuestTreeGoldenTest, and scripts/check-guest on real images.)
 */
class GuestCommandTest {
  private static String xenDomain(String source) {
    return "<domain type='xen'><name>vm</name><uuid>2b5a7c1e-8d3f-4a6b-9c0e-1f2d3e4a5b6c</uuid>"
        + "<memory>262144</memory><vcpu>1</vcpu><bootloader>/usr/bin/pygrub</bootloader>"
        + "<os><type>linux</type></os><devices><disk type='file' device='disk'>"
        + "<source file='"
        + source
        + "'/><target dev='xvda' bus='xen'/></disk></devices></domain>";
  }

  private static void assertRefused(Cli.Result result, String expected) {
    assertEquals(ExitCodes.FAILED, result.exitCode(), result.err());
    List<String> errors =
        result.errLines().stream().filter(line -> line.startsWith("x2k: ")).toList();
    assertEquals(1, errors.size(), result.err());
    assertTrue(errors.get(0).contains(expected), result.err());
    assertEquals("", result.out());
  }

  @Test
  void aMissingImageIsNamedWithTheStorageOption() {
    assertRefused(
        Cli.run(xenDomain("/nonexistent/vm.img"), "guest", "-q"),
        "/nonexistent/vm.img: no such disk image on this host (see --storage)");
  }

  @Test
  void aCharacterDeviceIsNoDisk() {
    assertRefused(
        Cli.run(xenDomain("/dev/null"), "convert", "--guest", "-q"),
        "/dev/null is a character device, not a disk image or block device");
  }

  @Test
  void aPipeIsRefusedWithoutBeingOpened(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("disk.img");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    assertRefused(Cli.run(xenDomain(fifo.toString()), "guest", "-q"), "is a pipe");
  }

  @Test
  void storageMapsPathPrefixesAtWholeComponents() {
    GuestOptions options = new GuestOptions();
    options.storage = Map.of("/srv/xen", "/var/lib/libvirt/images");
    assertEquals(
        Path.of("/var/lib/libvirt/images/vm/disk.img"), options.locate("/srv/xen/vm/disk.img"));
    assertEquals(Path.of("/srv/xenial/disk.img"), options.locate("/srv/xenial/disk.img"));
  }

  @Test
  void storageMovesWhereX2kLooksNotTheDomainsPaths(@TempDir Path dir) throws Exception {
    Cli.Result result =
        Cli.run(
            xenDomain("/srv/xen/vm.img"),
            "convert",
            "--guest",
            "-q",
            "--storage",
            "/srv/xen=" + dir);
    assertRefused(result, dir.resolve("vm.img") + ": no such disk image");
  }

  @Test
  void aDomainThatIsNoXenDomainIsRefused() {
    String kvm = xenDomain("/dev/null").replace("type='xen'", "type='kvm'");
    assertRefused(Cli.run(kvm, "guest", "-q"), "no Xen domain");
  }

  @Test
  void theBlockDeviceOfAMountedFilesystemIsRefused() throws Exception {
    // the device this host's root filesystem (or any mounted one) is on, where /dev has it
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String device = line.split(" ")[0];
      if (device.startsWith("/dev/") && Files.exists(Path.of(device))) {
        Path real = Path.of(device).toRealPath();
        if (!Files.isRegularFile(real) && !Files.isDirectory(real)) {
          assertRefused(
              Cli.run(
                  xenDomain(device)
                      .replace("type='file'", "type='block'")
                      .replace("source file=", "source dev="),
                  "guest",
                  "-q"),
              "is in use on this host");
          return;
        }
      }
    }
    Assumptions.abort("no mounted block device under /dev here");
  }

  @Test
  void guestAndUndoAreListedWithTheirOptions() {
    Cli.Result result = Cli.run("", "guest", "--help");
    assertEquals(0, result.exitCode());
    for (String option : List.of("--undo", "--storage", "--boot-dir", "--dry-run")) {
      assertTrue(result.out().contains(option), option);
    }
  }

  @Test
  void guestStepsCannotGoToAnotherHost() {
    Cli.Result result = Cli.run("", "convert", "--guest", "--connect", "test:///default", "--all");
    assertEquals(ExitCodes.USAGE, result.exitCode(), result.err());
    assertTrue(result.err().contains("drop --connect and --define"), result.err());
  }

  /** x2k guest has convert's options but fleet mode's and --guest, which it is. */
  @Test
  void guestTakesNoFleetOptions() {
    for (String option : List.of("--connect", "--define", "--all", "--guest")) {
      Cli.Result result = Cli.run("", "guest", option, "vm.xml");
      assertEquals(ExitCodes.USAGE, result.exitCode(), option + ": " + result.err());
      assertTrue(result.err().startsWith("x2k: Unknown option: '" + option + "'"), result.err());
    }
  }
}
