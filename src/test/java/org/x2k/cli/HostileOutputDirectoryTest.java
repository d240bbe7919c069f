package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user who can write to an output directory plants there for root's x2k to write through:
 * links to files elsewhere (a stand-in for a block device such as /dev/loop0), pipes that would
 * block a batch, linked subdirectories. Nothing is written through them; without --force they are
 * refused with one line, with it they are replaced.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileOutputDirectoryTest {
  private static final String DOMAIN = HostileInputTest.XEN_DOMAIN;
  private static final String VICTIM = "root's file, not to be touched\n";
  private static final Path DEV_NULL = Path.of("/dev/null");

  @TempDir Path dir;

  private Path write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private Path victim() throws IOException {
    Path victim = write("elsewhere/victim", VICTIM);
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
    return victim;
  }

  private void assertUntouched(Path victim) throws IOException {
    assertEquals(VICTIM, Files.readString(victim));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor());
  }

  @Test
  void linkInTheOutputDirectoryIsRefusedThenReplacedNeverWrittenThrough() throws IOException {
    write("in/vm.xml", DOMAIN);
    Path victim = victim();
    Files.createDirectories(dir.resolve("out"));
    Path link = Files.createSymbolicLink(dir.resolve("out/vm.xml"), victim);
    Cli.Result refused =
        Cli.run("", "convert", "-q", dir.resolve("in").toString(), "-o", dir.resolve("out") + "/");
    assertEquals(1, refused.exitCode(), refused.err());
    assertEquals(
        List.of(
            "x2k: "
                + dir.resolve("in/vm.xml")
                + ": "
                + link
                + " is a symbolic link; add --force to replace it"),
        refused.errLines().subList(0, 1));
    assertUntouched(victim);
    assertTrue(Files.isSymbolicLink(link));

    Cli.Result forced =
        Cli.run(
            "",
            "convert",
            "-q",
            "--force",
            dir.resolve("in").toString(),
            "-o",
            dir.resolve("out") + "/");
    assertEquals(0, forced.exitCode(), forced.err());
    assertUntouched(victim);
    assertTrue(
        Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS), "the link itself was replaced");
    assertTrue(Files.readString(link).contains("<domain type='kvm'>"));
  }

  @Test
  void pipeAndLinkToAPipeInTheOutputDirectoryDoNotBlockTheBatch() throws Exception {
    write("in/a.xml", DOMAIN);
    write("in/b.xml", DOMAIN.replace("guest", "other"));
    Files.createDirectories(dir.resolve("out"));
    mkfifo(dir.resolve("out/a.xml"));
    mkfifo(dir.resolve("elsewhere-fifo"));
    Files.createSymbolicLink(dir.resolve("out/b.xml"), dir.resolve("elsewhere-fifo"));
    Cli.Result refused =
        Cli.run("", "convert", "-q", dir.resolve("in").toString(), "-o", dir.resolve("out") + "/");
    assertEquals(1, refused.exitCode());
    assertTrue(
        refused.err().contains("out/a.xml is a device, pipe or socket; add --force"),
        refused.err());
    assertTrue(refused.err().contains("out/b.xml is a symbolic link; add --force"), refused.err());

    Cli.Result forced =
        Cli.run(
            "",
            "convert",
            "-q",
            "--force",
            dir.resolve("in").toString(),
            "-o",
            dir.resolve("out") + "/");
    assertEquals(0, forced.exitCode(), forced.err());
    assertTrue(Files.isRegularFile(dir.resolve("out/a.xml"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isRegularFile(dir.resolve("out/b.xml"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.isRegularFile(dir.resolve("elsewhere-fifo")), "the pipe is still a pipe");
  }

  @Test
  void aDeviceNamedAsTheOutputIsStillWrittenInto() throws IOException {
    Path input = write("vm.xml", DOMAIN);
    Cli.Result result = Cli.run("", "convert", "-q", input.toString(), "-o", "/dev/null");
    assertEquals(0, result.exitCode(), result.err());
    assertFalse(Files.isRegularFile(Path.of("/dev/null")));
  }

  /** A directory anyone may write into, without the sticky bit: anyone could have put a link. */
  private Path sharedDirectory(String name) throws IOException {
    Path shared = Files.createDirectories(dir.resolve(name));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    return shared;
  }

  private static boolean root() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
  }

  /** Gives the link itself (not what it points at) to user nobody, as if nobody had planted it. */
  private static void plantedByNobody(Path link) throws IOException {
    Files.getFileAttributeView(link, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setOwner(
            link.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
  }

  // /dev/null stands for /dev/sda: a device written through shows as exit 0 and no refusal
  @Test
  void namedOutputThatAnotherUserLinkedToADeviceIsRefusedNotWrittenThrough() throws IOException {
    Path input = write("vm.xml", DOMAIN);
    Path link = Files.createSymbolicLink(sharedDirectory("out").resolve("vm.kvm.xml"), DEV_NULL);
    Cli.Result refused = Cli.run("", "convert", "-q", input.toString(), "-o", link.toString());
    assertEquals(1, refused.exitCode(), refused.err());
    assertEquals(
        List.of("x2k: " + input + ": " + link + " is a symbolic link; add --force to replace it"),
        refused.errLines());
    assertEquals(DEV_NULL, Files.readSymbolicLink(link));

    Cli.Result forced =
        Cli.run("", "convert", "-q", "--force", input.toString(), "-o", link.toString());
    assertEquals(0, forced.exitCode(), forced.err());
    assertTrue(Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS), "the link was replaced");
    assertTrue(Files.readString(link).contains("<domain type='kvm'>"));
  }

  // a report is always replaced: the link is, by a file, never written through
  @Test
  void reportThatAnotherUserLinkedToADeviceReplacesTheLinkNotWrittenThrough() throws IOException {
    Path input = write("vm.xml", DOMAIN);
    Path link = Files.createSymbolicLink(sharedDirectory("out").resolve("r.json"), DEV_NULL);
    Cli.Result reported =
        Cli.run(
            "",
            "convert",
            "-q",
            input.toString(),
            "-o",
            dir.resolve("vm.kvm.xml").toString(),
            "--report",
            link.toString());
    assertEquals(0, reported.exitCode(), reported.err());
    assertTrue(Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS), "the link was replaced");
    assertTrue(Files.readString(link).contains("\"input\""), Files.readString(link));
  }

  @Test
  void linkToADeviceOwnedByAnotherUserIsRefusedEvenInAPrivateDirectory() throws IOException {
    Assumptions.assumeTrue(root(), "only root can give a link to another user");
    Path input = write("vm.xml", DOMAIN);
    Path link = Files.createSymbolicLink(dir.resolve("vm.kvm.xml"), DEV_NULL);
    plantedByNobody(link);
    Cli.Result refused = Cli.run("", "convert", "-q", input.toString(), "-o", link.toString());
    assertEquals(1, refused.exitCode(), refused.err());
    assertEquals(DEV_NULL, Files.readSymbolicLink(link));
  }

  @Test
  void ownLinkToADeviceIsWrittenIntoAsTheDevice() throws IOException {
    Path input = write("vm.xml", DOMAIN);
    Path sticky = sharedDirectory("tmp");
    Files.setAttribute(sticky, "unix:mode", 01777);
    for (Path link :
        List.of(
            Files.createSymbolicLink(dir.resolve("null"), DEV_NULL),
            Files.createSymbolicLink(sticky.resolve("null"), DEV_NULL))) {
      Cli.Result result = Cli.run("", "convert", "-q", input.toString(), "-o", link.toString());
      assertEquals(0, result.exitCode(), link + ": " + result.err());
      assertTrue(Files.isSymbolicLink(link), "the link is still there: the device was written");
    }
  }

  @Test
  void linkedSubdirectoryOfARecursiveOutputIsNotFollowed() throws IOException {
    write("in/sub/vm.xml", DOMAIN);
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(dir.resolve("out"));
    Files.createSymbolicLink(dir.resolve("out/sub"), elsewhere);
    for (String force : new String[] {"--jobs=1", "--force"}) {
      Cli.Result result =
          Cli.run(
              "",
              "convert",
              "-q",
              force,
              "-r",
              dir.resolve("in").toString(),
              "-o",
              dir.resolve("out") + "/");
      assertEquals(1, result.exitCode(), result.err());
      assertEquals(2, result.errLines().size(), result.err());
      assertTrue(
          result
              .errLines()
              .get(0)
              .contains(dir.resolve("out/sub") + " is a symbolic link, and x2k follows none"),
          result.err());
      try (var files = Files.list(elsewhere)) {
        assertEquals(List.of(), files.toList());
      }
    }
  }

  @Test
  void inPlaceBackupThatIsALinkIsNotWrittenThrough() throws IOException {
    Path input = write("vm.xml", DOMAIN);
    Path victim = victim();
    Files.createSymbolicLink(dir.resolve("vm.xml.bak"), victim);
    Cli.Result refused = Cli.run("", "convert", "-q", "--in-place", input.toString());
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("vm.xml.bak is a symbolic link; add --force"), refused.err());
    assertEquals(DOMAIN, Files.readString(input));
    assertUntouched(victim);

    Cli.Result forced = Cli.run("", "convert", "-q", "--in-place", "--force", input.toString());
    assertEquals(0, forced.exitCode(), forced.err());
    assertUntouched(victim);
    assertEquals(DOMAIN, Files.readString(dir.resolve("vm.xml.bak")));
  }

  @Test
  void hookBackupThatIsALinkIsNotWrittenThrough() throws IOException {
    Path hooks = Files.createDirectories(dir.resolve("hooks"));
    write("hooks/qemu", "#!/bin/sh\n# another program's hook\n");
    Path victim = victim();
    Files.createSymbolicLink(hooks.resolve("qemu.bak"), victim);
    List<String> args =
        new ArrayList<>(
            List.of(
                "hook-install",
                "--force",
                "--hooks-dir",
                hooks.toString(),
                "--config",
                dir.resolve("hook.conf").toString(),
                "eth0=br0"));
    args.addAll(List.of(BridgeAndHookCommandsTest.installing(dir)));
    Cli.Result result = Cli.run("", args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.err());
    assertUntouched(victim);
    assertEquals(
        "#!/bin/sh\n# another program's hook\n", Files.readString(hooks.resolve("qemu.bak")));
    assertFalse(Files.isSymbolicLink(hooks.resolve("qemu.bak")));
  }

  @Test
  void forcedOutputIntoTheInputDirectoryReplacesNoInput() throws IOException {
    Path native_ =
        write("in/guest", "name = 'guest'\nmemory = 512\ndisk = ['phy:/dev/vg/guest,xvda,w']\n");
    Path dump = write("in/guest.xml", DOMAIN);
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            "-q",
            "--force",
            dir.resolve("in").toString(),
            "-o",
            dir.resolve("in") + "/");
    assertEquals(1, result.exitCode());
    assertTrue(
        result.err().contains("is an input of this run; refusing to overwrite it"), result.err());
    assertEquals(DOMAIN, Files.readString(dump));
    assertTrue(Files.readString(native_).startsWith("name = 'guest'"));
  }
}
