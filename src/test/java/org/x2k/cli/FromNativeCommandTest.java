package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** x2k from-native, and x2k convert on native configs: input kinds, directories, errors. */
class FromNativeCommandTest {
  @TempDir Path dir;

  private static final String PV =
      """
      name = "pv1"
      uuid = "11111111-2222-3333-4444-555555555555"
      memory = 256
      kernel = "/boot/vmlinuz"
      root = "/dev/xvda1 ro"
      disk = [ "phy:/dev/vg/pv1,xvda1,w" ]
      vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]
      """;

  private Path file(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return path;
  }

  @Test
  void fromNativePrintsTheXenDomain() throws IOException {
    Cli.Result result = Cli.run("", "from-native", "-q", file("pv1.cfg", PV).toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("<domain type='xen'>\n  <name>pv1</name>\n"), result.out());
    assertTrue(result.out().contains("<cmdline>root=/dev/xvda1 ro</cmdline>"), result.out());
    assertTrue(result.out().contains("<source dev='/dev/vg/pv1'/>"), result.out());
    assertEquals("", result.err());
  }

  @Test
  void convertReadsAConfigFromStdinIntoKvm() {
    Cli.Result result = Cli.run(PV, "convert", "-q");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("<domain type='kvm'>"), result.out());
    assertTrue(result.out().contains("<mac address='00:16:3e:00:00:01'/>"), result.out());
    assertTrue(result.out().contains("<target dev='vda' bus='virtio'/>"), result.out());
  }

  @Test
  void syntaxErrorIsOneLineWithLineAndColumnAndNoOutput() throws IOException {
    Path config = file("bad.cfg", "name = \"bad\"\nmemory = 512 MB\n");
    Path out = dir.resolve("out.xml");
    Cli.Result result = Cli.run("", "convert", config.toString(), "-o", out.toString());
    assertEquals(1, result.exitCode());
    assertEquals(
        List.of(
            "x2k: "
                + config
                + ": Xen config syntax: line 2, column 14: unexpected 'M'"
                + " after the value of memory"),
        result.errLines());
    assertFalse(Files.exists(out));
  }

  @Test
  void malformedValueNamesItsLine() throws IOException {
    Path config = file("bad.cfg", "name = \"bad\"\nmemory = \"lots\"\n");
    Cli.Result result = Cli.run("", "from-native", config.toString());
    assertEquals(1, result.exitCode());
    assertEquals(
        List.of("x2k: " + config + ": line 2: memory must be a whole number, not \"lots\""),
        result.errLines());
  }

  @Test
  void etcXenDirectoryMixesConfigsAndDumpsAndSkipsTheRest() throws IOException {
    file("xen/pv1.cfg", PV);
    file("xen/test1", PV.replace("pv1", "test1"));
    file(
        "xen/dump.xml",
        "<domain type='xen'><name>dump</name><os><type>hvm</type></os><devices/></domain>");
    file("xen/xl.conf", "autoballoon = \"off\"\n");
    file("xen/xend-config.sxp", "(xend-relocation-server no)\n");
    file("xen/scripts/vif-bridge", "#!/bin/sh\nexit 0\n");
    file("xen/pv1.cfg~", PV);
    Files.createSymbolicLink(
        Files.createDirectories(dir.resolve("xen/auto")).resolve("pv1.cfg"), Path.of("../pv1.cfg"));
    Path out = dir.resolve("kvm");
    Cli.Result result =
        Cli.run("", "convert", "-r", dir.resolve("xen").toString(), "-o", out + "/");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(Files.readString(out.resolve("pv1.cfg.xml")).contains("<name>pv1</name>"));
    assertTrue(Files.readString(out.resolve("test1.xml")).contains("<name>test1</name>"));
    assertTrue(Files.readString(out.resolve("dump.xml")).contains("<name>dump</name>"));
    assertFalse(Files.exists(out.resolve("xl.conf.xml")));
    String err = result.err();
    assertTrue(err.contains("xl.conf: note: skipped: a Xen config without a name setting"), err);
    assertTrue(
        err.contains("xend-config.sxp: note: skipped: neither domain XML nor a Xen config"), err);
    assertTrue(err.contains("vif-bridge: note: skipped: neither domain XML nor a Xen config"), err);
    assertTrue(err.contains("auto/pv1.cfg: note: skipped: a symbolic link"), err);
    assertTrue(err.contains("pv1.cfg~: note: skipped: an editor's backup copy"), err);
    assertTrue(err.endsWith("x2k: 3 converted, 0 failed, 5 skipped\n"), err);
  }

  @Test
  void fromNativeSkipsXmlInADirectoryAndRefusesItAlone() throws IOException {
    Path xml = file("d/dump.xml", "<domain type='xen'><name>dump</name></domain>");
    file("d/pv1.cfg", PV);
    Cli.Result alone = Cli.run("", "from-native", xml.toString());
    assertEquals(1, alone.exitCode());
    assertEquals(List.of("x2k: " + xml + ": XML, not an xl or xm config"), alone.errLines());
    Path out = dir.resolve("xen");
    Cli.Result batch = Cli.run("", "from-native", dir.resolve("d").toString(), "-o", out + "/");
    assertEquals(0, batch.exitCode(), batch.err());
    assertTrue(Files.readString(out.resolve("pv1.cfg.xml")).startsWith("<domain type='xen'>"));
    assertFalse(Files.exists(out.resolve("dump.xml")));
    assertTrue(
        batch.err().contains(xml + ": note: skipped: XML, not an xl or xm config"), batch.err());
    assertTrue(batch.err().endsWith("x2k: 1 read, 0 failed, 1 skipped\n"), batch.err());
  }

  @Test
  void formatOptionForcesTheDialect() throws IOException {
    Path config = file("x.cfg", PV.replace("phy:/dev/vg/pv1", "file:/srv/pv1.img"));
    Cli.Result xm = Cli.run("", "from-native", "-q", "--format", "xm", config.toString());
    assertTrue(xm.out().contains("<driver name='file' type='raw'/>"), xm.out());
    Cli.Result xl = Cli.run("", "from-native", "-q", "--format", "xl", config.toString());
    assertTrue(xl.out().contains("<driver name='qemu' type='raw'/>"), xl.out());
    Cli.Result bad = Cli.run("", "from-native", "--format", "sxp", config.toString());
    assertEquals(2, bad.exitCode());
  }

  @Test
  void inPlaceIsRefusedForConfigs() throws IOException {
    Path config = file("pv1.cfg", PV);
    Cli.Result convert = Cli.run("", "convert", "-q", "--in-place", config.toString());
    assertEquals(1, convert.exitCode());
    assertEquals(PV, Files.readString(config));
    assertEquals(2, Cli.run("", "from-native", "--in-place", config.toString()).exitCode());
  }

  @Test
  void settingsLeftOutAreReported() throws IOException {
    Path config =
        file(
            "r.cfg",
            PV + "cpus = [ \"0\", \"2\" ]\nfoo_bar = 1\nvif += [ \"bridge=xenbr1,accel=x\" ]\n");
    Cli.Result result = Cli.run("", "from-native", config.toString());
    assertEquals(0, result.exitCode(), result.err());
    String err = result.err();
    assertTrue(
        err.contains("cpus (line 8) pins each vCPU on its own, which is not carried over"), err);
    assertTrue(err.contains("foo_bar (line 9) is not carried over"), err);
    assertTrue(err.contains("vif option accel (line 10) is not carried over"), err);
    assertTrue(err.contains("vif 2 (line 10) has no MAC address"), err);
    assertTrue(err.contains("the config has no uuid") == false, err);
  }
}
