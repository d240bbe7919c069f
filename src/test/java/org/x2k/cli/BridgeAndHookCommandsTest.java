package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** x2k bridge, x2k hook and x2k hook-install as a user and libvirt drive them. */
class BridgeAndHookCommandsTest {
  private static final String DOMAIN =
      """
      <domain type='kvm'>
        <name>vm</name>
        <devices>
          <interface type='bridge'>
            <mac address='52:54:00:00:00:01'/>
            <source bridge='eth0'/>
          </interface>
        </devices>
      </domain>
      """;

  @TempDir Path dir;

  @Test
  void bridgeTakesMappingsThenInputs() throws IOException {
    Path vm = Files.writeString(dir.resolve("vm.xml"), DOMAIN);
    Cli.Result result = Cli.run("", "bridge", "eth0=br0", "eth9=br9", vm.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("<source bridge='br0'/>"), result.out());
    assertTrue(
        result.err().contains("interface 52:54:00:00:00:01 moved from bridge eth0 to br0"),
        result.err());
  }

  @Test
  void bridgeReadsStdin() {
    Cli.Result result = Cli.run(DOMAIN, "bridge", "-q", "--bridge", "eth0=br0");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("<source bridge='br0'/>"), result.out());
  }

  @Test
  void bridgeWithoutMappingIsUsageError() throws IOException {
    Path vm = Files.writeString(dir.resolve("vm.xml"), DOMAIN);
    assertEquals(2, Cli.run("", "bridge", vm.toString()).exitCode());
  }

  @Test
  void bridgeInPlaceRewritesDirectoryAndKeepsBackups() throws IOException {
    Path vm = Files.writeString(dir.resolve("vm.xml"), DOMAIN);
    Path other = Files.writeString(dir.resolve("other.xml"), DOMAIN.replace("eth0", "eth5"));
    Cli.Result result = Cli.run("", "bridge", "-q", "eth0=br0", "--in-place", dir.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(Files.readString(vm).contains("<source bridge='br0'/>"));
    assertEquals(DOMAIN, Files.readString(dir.resolve("vm.xml.bak")));
    assertEquals(
        DOMAIN.replace("eth0", "eth5"),
        Files.readString(other),
        "a file nothing applies to is left alone");
    assertFalse(Files.exists(dir.resolve("other.xml.bak")));
  }

  @Test
  void inPlaceOfBrokenFileLeavesItAlone() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.xml"), "<domain><devices>");
    Cli.Result result =
        Cli.run(
            "", "bridge", "eth0=br0", "--in-place", "--backup-suffix", ".orig", broken.toString());
    assertEquals(1, result.exitCode());
    assertEquals("<domain><devices>", Files.readString(broken));
    assertFalse(Files.exists(dir.resolve("broken.xml.orig")));
  }

  @Test
  void inPlaceNeedsFiles() {
    assertEquals(2, Cli.run(DOMAIN, "bridge", "eth0=br0", "--in-place").exitCode());
  }

  @Test
  void hookIgnoresOtherOperationsWithoutReadingAnything() {
    for (String[] call :
        new String[][] {
          {"vm", "start", "begin", "-"},
          {"vm", "migrate", "end", "-"},
          {"vm", "restore", "end", "-"},
          {"vm", "prepare", "begin", "-"}
        }) {
      String[] args =
          new String[] {"hook", call[0], call[1], call[2], call[3], "--config", "/nonexistent"};
      Cli.Result result = Cli.run("<not xml", args);
      assertEquals(0, result.exitCode(), String.join(" ", call) + ": " + result.err());
      assertEquals("", result.out());
      assertEquals("", result.err());
    }
  }

  @Test
  void hookRewritesMigrationsAndRestores() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("hook.conf"), "# test\nbridge eth0=br0\n\nnetwork eth7=lan\n");
    for (String operation : new String[] {"migrate", "restore"}) {
      Cli.Result result =
          Cli.run(DOMAIN, "hook", "vm", operation, "begin", "-", "--config", config.toString());
      assertEquals(0, result.exitCode(), result.err());
      assertTrue(result.out().contains("<source bridge='br0'/>"), result.out());
      assertEquals("", result.err());
    }
  }

  @Test
  void hookRefusesUnusableInput() throws IOException {
    Path config = Files.writeString(dir.resolve("hook.conf"), "bridge eth0=br0\n");
    Cli.Result broken =
        Cli.run("<domain", "hook", "vm", "migrate", "begin", "-", "--config", config.toString());
    assertEquals(1, broken.exitCode());
    assertEquals("", broken.out());
    assertTrue(
        broken.err().startsWith("x2k hook: vm migrate/begin: not well-formed XML"), broken.err());
    Cli.Result noConfig =
        Cli.run(
            DOMAIN,
            "hook",
            "vm",
            "restore",
            "begin",
            "-",
            "--config",
            dir.resolve("none").toString());
    assertEquals(1, noConfig.exitCode());
    Path bad = Files.writeString(dir.resolve("bad.conf"), "bridge eth0 br0\n");
    Cli.Result badConfig =
        Cli.run(DOMAIN, "hook", "vm", "restore", "begin", "-", "--config", bad.toString());
    assertEquals(1, badConfig.exitCode());
    assertTrue(badConfig.err().contains(bad + ":1: expected 'bridge OLD=NEW'"), badConfig.err());
  }

  /** hook-install's options for a jar and an install directory in this test's directory. */
  static String[] installing(Path dir) throws IOException {
    Path jar = dir.resolve("build/x2k.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "the jar the build made\n");
    return new String[] {"--jar", jar.toString(), "--install-dir", dir.resolve("lib").toString()};
  }

  private Cli.Result hookInstall(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("hook-install"));
    all.addAll(List.of(installing(dir)));
    all.addAll(List.of(args));
    return Cli.run("", all.toArray(String[]::new));
  }

  @Test
  void theHookRunsACopyOfTheJarOwnedByRootWithNoLauncherOrCache() throws IOException {
    Path hooks = dir.resolve("hooks");
    Path config = dir.resolve("etc/hook.conf");
    Cli.Result result =
        hookInstall("--hooks-dir", hooks.toString(), "--config", config.toString(), "eth0=br0");
    assertEquals(0, result.exitCode(), result.err());
    Path installed = dir.resolve("lib/x2k.jar");
    assertEquals("the jar the build made\n", Files.readString(installed));
    assertEquals(
        "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(installed)));
    assertTrue(
        Files.isRegularFile(dir.resolve("lib/.x2k-hook-install")),
        "marked as hook-install's, for the package's purge");
    String wrapper = Files.readString(hooks.resolve("qemu"));
    String java =
        Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath().toString();
    assertTrue(wrapper.contains("    exec '" + java + "' "), wrapper);
    assertTrue(
        wrapper.contains(" -jar '" + installed + "' hook --config '" + config + "' \"$@\" ;;\n"),
        wrapper);
    assertFalse(wrapper.contains("X2K_") || wrapper.contains("build/x2k.jar"), wrapper);
  }

  @Test
  void hookInstallRefusesAJavaAnotherUserCouldChange() throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared/bin"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path java = Files.writeString(shared.resolve("java"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path hooks = dir.resolve("hooks");
    Cli.Result result =
        hookInstall(
            "--hooks-dir",
            hooks.toString(),
            "--config",
            dir.resolve("hook.conf").toString(),
            "--java",
            java.toString(),
            "eth0=br0");
    assertEquals(1, result.exitCode());
    assertEquals(
        List.of(
            "x2k: cannot install the hook: the java the hook would run, "
                + java
                + ", could be changed by another user: "
                + shared
                + " may be written by its group or others"),
        result.errLines());
    assertFalse(Files.exists(hooks.resolve("qemu")));
  }

  @Test
  void hookInstallRefusesToRunFromClassesThatAreNoJar() throws IOException {
    Cli.Result result =
        Cli.run(
            "",
            "hook-install",
            "--hooks-dir",
            dir.resolve("hooks").toString(),
            "--install-dir",
            dir.resolve("lib").toString(),
            "--config",
            dir.resolve("hook.conf").toString(),
            "eth0=br0");
    assertEquals(1, result.exitCode());
    assertTrue(result.err().contains("not from a jar"), result.err());
  }

  @Test
  void hookRefusesAConfigurationOthersCanWrite() throws IOException {
    Path config = Files.writeString(dir.resolve("hook.conf"), "bridge eth0=br0\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));
    Cli.Result result =
        Cli.run(DOMAIN, "hook", "vm", "migrate", "begin", "-", "--config", config.toString());
    assertEquals(1, result.exitCode());
    assertEquals(
        List.of(
            "x2k hook: vm migrate/begin: "
                + config
                + " may be written by others (rw-rw-rw-): not taken"
                + " (chmod go-w "
                + config
                + ") (libvirt will refuse this migrate)"),
        result.errLines());
    assertEquals("", result.out());
  }

  @Test
  void hookRefusesAConfigurationInADirectoryOthersCanWrite() throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path config = Files.writeString(shared.resolve("hook.conf"), "bridge eth0=br0\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Result result =
        Cli.run(DOMAIN, "hook", "vm", "migrate", "begin", "-", "--config", config.toString());
    assertEquals(1, result.exitCode(), result.err());
    assertTrue(
        result.err().contains(shared + " may be written by its group or others"), result.err());
    assertEquals("", result.out());
  }

  @Test
  void hookInstallRefusesAStickyDirectoryAnyoneMayWriteForItsJar() throws IOException {
    Path sticky = Files.createDirectories(dir.resolve("lib"));
    Files.setAttribute(sticky, "unix:mode", 01777);
    Cli.Result result =
        hookInstall(
            "--hooks-dir",
            dir.resolve("hooks").toString(),
            "--config",
            dir.resolve("etc/hook.conf").toString(),
            "eth0=br0");
    assertEquals(1, result.exitCode(), result.err());
    assertTrue(
        result.err().contains(sticky + " may be written by its group or others"), result.err());
    assertFalse(Files.exists(sticky.resolve("x2k.jar")));
  }

  @Test
  void hookThatCannotFinishInTimeRefusesTheOperation() throws IOException {
    Path config = Files.writeString(dir.resolve("hook.conf"), "bridge eth0=br0\n");
    InputStream neverEnding =
        new InputStream() {
          @Override
          public int read() {
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return -1;
          }
        };
    Cli.Result result =
        Cli.run(
            neverEnding,
            "hook",
            "--timeout",
            "1",
            "vm",
            "restore",
            "begin",
            "-",
            "--config",
            config.toString());
    assertEquals(1, result.exitCode());
    assertEquals(
        List.of(
            "x2k hook: vm restore/begin: the rewrite took longer than 1 s (--timeout)"
                + " (libvirt will refuse this restore)"),
        result.errLines());
  }

  @Test
  void hookInstallWritesWrapperAndConfig() throws IOException {
    Path hooks = dir.resolve("hooks");
    Path config = dir.resolve("etc/hook.conf");
    Cli.Result result =
        hookInstall(
            "--hooks-dir",
            hooks.toString(),
            "--config",
            config.toString(),
            "eth0=br0",
            "--network",
            "xenbr1=hostonly");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("restart libvirtd"), result.out());
    String wrapper = Files.readString(hooks.resolve("qemu"));
    assertTrue(wrapper.startsWith("#!/bin/sh\n# x2k-hook-wrapper"), wrapper);
    assertTrue(wrapper.contains("  migrate/begin|restore/begin)\n"), wrapper);
    assertTrue(wrapper.contains("x2k.jar' hook --config '" + config + "' \"$@\""), wrapper);
    assertTrue(wrapper.endsWith("esac\nexit 0\n"), wrapper);
    assertEquals(
        "rwxr-xr-x",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(hooks.resolve("qemu"))));
    assertTrue(
        Files.readString(config).endsWith("bridge eth0=br0\nnetwork xenbr1=hostonly\n"),
        Files.readString(config));
    assertEquals(
        0,
        hookInstall("--hooks-dir", hooks.toString(), "--config", config.toString()).exitCode(),
        "installing over x2k's own hook is fine");
  }

  @Test
  void hookInstallRefusesForeignHookUnlessForced() throws IOException {
    Path hooks = Files.createDirectories(dir.resolve("hooks"));
    Files.writeString(hooks.resolve("qemu"), "#!/bin/sh\n# someone else's\n");
    Path config = dir.resolve("hook.conf");
    Cli.Result refused =
        hookInstall("--hooks-dir", hooks.toString(), "--config", config.toString(), "eth0=br0");
    assertEquals(1, refused.exitCode());
    assertEquals("#!/bin/sh\n# someone else's\n", Files.readString(hooks.resolve("qemu")));
    assertFalse(Files.exists(config), "nothing written when refusing");
    Cli.Result forced =
        hookInstall(
            "--force", "--hooks-dir", hooks.toString(), "--config", config.toString(), "eth0=br0");
    assertEquals(0, forced.exitCode(), forced.err());
    assertEquals("#!/bin/sh\n# someone else's\n", Files.readString(hooks.resolve("qemu.bak")));
    assertTrue(Files.readString(hooks.resolve("qemu")).contains("x2k-hook-wrapper"));
  }
}
