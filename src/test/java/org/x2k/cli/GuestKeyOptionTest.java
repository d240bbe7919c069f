package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.guest.DiskKey;

/**
 * --key, in virt-v2v's syntax: ID:key:PASSPHRASE or ID:file:FILE, for --guest only; a bad one is a
 * usage error that never prints the passphrase. (Opening a real LUKS device: scripts/check-guest.)
 */
class GuestKeyOptionTest {
  private static final String DOMAIN =
      "<domain type='xen'><name>vm</name><memory>262144</memory><vcpu>1</vcpu>"
          + "<os><type>linux</type></os><devices><disk type='file' device='disk'>"
          + "<source file='/nonexistent/vm.img'/><target dev='xvda' bus='xen'/></disk>"
          + "</devices></domain>";

  private static void assertUsage(Cli.Result result, String expected) {
    assertEquals(ExitCodes.USAGE, result.exitCode(), result.err());
    assertTrue(result.err().contains(expected), result.err());
    assertFalse(result.err().contains("s3cret"), "the passphrase was printed: " + result.err());
  }

  @Test
  void badSelectorsAreUsageErrorsWithoutThePassphrase(@TempDir Path dir) {
    assertUsage(
        Cli.run(DOMAIN, "convert", "--key", "xvda2:key:s3cret", "-"),
        "--key opens the guest's encrypted disks for --guest");
    assertUsage(
        Cli.run(DOMAIN, "convert", "--guest", "--key", "xvda2:passphrase:s3cret", "-"),
        "--key takes ID:key:PASSPHRASE or ID:file:FILE, not ID:passphrase:...");
    assertUsage(Cli.run(DOMAIN, "guest", "--key", "s3cret", "-"), "--key takes ID:key:PASSPHRASE");
    assertUsage(Cli.run(DOMAIN, "guest", "--key", "xvda2:key:", "-"), "needs the passphrase");
    assertUsage(Cli.run(DOMAIN, "guest", "--key", "xvda2:clevis", "-"), "x2k has no Clevis/Tang");
    assertUsage(
        Cli.run(DOMAIN, "guest", "--key", "xvda2:file:" + dir.resolve("missing"), "-"),
        "cannot read it");
  }

  @Test
  void aKeyFileIsReadWhole(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.write(file, "s3cret\n".getBytes(StandardCharsets.UTF_8));
    // the disk is checked after the keys are read: the key file was accepted
    Cli.Result result = Cli.run(DOMAIN, "guest", "-q", "--key", "all:file:" + file, "-");
    assertEquals(ExitCodes.FAILED, result.exitCode(), result.err());
    assertTrue(result.err().contains("no such disk image"), result.err());
  }

  @Test
  void aKeyOpensTheDeviceItNamesByAnyOfItsNames() {
    DiskKey byXen = new DiskKey("xvda2", new byte[] {1});
    assertTrue(byXen.opens("/dev/sda2", "xvda2", ""));
    assertTrue(new DiskKey("/dev/xvda2", new byte[] {1}).opens("/dev/sda2", "xvda2", ""));
    assertTrue(new DiskKey("/dev/sda2", new byte[] {1}).opens("/dev/sda2", "xvda2", ""));
    assertTrue(
        new DiskKey("0A1B2C3D-0000-4000-8000-00000000000A", new byte[] {1})
            .opens("/dev/sdb", "", "0a1b2c3d-0000-4000-8000-00000000000a"));
    assertTrue(new DiskKey("all", new byte[] {1}).opens("/dev/sdc", "", ""));
    assertFalse(byXen.opens("/dev/sda1", "xvda1", ""));
    assertFalse(new DiskKey("xvda2", new byte[] {1}).opens("/dev/sda2", "", ""));
    assertEquals(
        List.of("second"),
        DiskKey.forDevice(
                List.of(
                    new DiskKey("xvdb", "first".getBytes(StandardCharsets.UTF_8)),
                    new DiskKey("xvda2", "second".getBytes(StandardCharsets.UTF_8))),
                "/dev/sda2",
                "xvda2",
                "")
            .map(DiskKey::passphraseText)
            .stream()
            .toList());
    assertFalse(
        new DiskKey("xvda2", "s3cret".getBytes(StandardCharsets.UTF_8))
            .toString()
            .contains("s3cret"));
  }
}
