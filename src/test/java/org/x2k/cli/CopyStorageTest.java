package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * x2k convert --copy-storage DIR: the domain names its copies, the source is only read, and a disk
 * is read only where the administrator vouched for its path. The pool side (libvirt's streams,
 * locally and over TCP, a copy killed and run again) is scripts/check-copy's.
 */
class CopyStorageTest {
  @TempDir Path work;
  private Path images;
  private Path copies;
  private Path domain;

  @BeforeEach
  void xenDomain() throws IOException {
    images = Files.createDirectory(work.resolve("images"));
    copies = Files.createDirectory(work.resolve("copies"));
    Files.setPosixFilePermissions(copies, PosixFilePermissions.fromString("rwx------"));
    try (RandomAccessFile file = new RandomAccessFile(images.resolve("vm.img").toFile(), "rw")) {
      file.setLength(8 << 20);
      file.seek(3 << 20);
      file.write("the guest's data".getBytes());
    }
    domain = work.resolve("vm.xml");
    Files.writeString(domain, domainNaming(images.resolve("vm.img").toString()));
  }

  private static String domainNaming(String image) {
    return """
    <domain type='xen'>
      <name>copy-me</name>
      <uuid>4a5b6c7d-8e9f-4a0b-1c2d-3e4f5a6b7c02</uuid>
      <memory>262144</memory>
      <os><type arch='x86_64'>linux</type><kernel>/boot/vmlinuz</kernel></os>
      <devices>
        <disk type='file' device='disk'>
          <driver name='file'/>
          <source file='%s'/>
          <target dev='xvda' bus='xen'/>
        </disk>
      </devices>
    </domain>
    """
        .formatted(image);
  }

  @Test
  void theDomainNamesItsCopyAndTheReportListsIt() throws IOException {
    byte[] before = Files.readAllBytes(images.resolve("vm.img"));
    Path report = work.resolve("report.json");
    Cli.Result result =
        Cli.run(
            "",
            "convert",
            domain.toString(),
            "--copy-storage",
            copies.toString(),
            "--storage",
            images + "=" + images,
            "--report",
            report.toString());
    assertEquals(0, result.exitCode(), result.err());
    Path copy = copies.resolve("copy-me-vda.img");
    assertTrue(result.out().contains("<source file='" + copy + "'/>"), result.out());
    assertTrue(result.err().contains("copied to " + copy + " (raw)"), result.err());
    assertArrayEquals(before, Files.readAllBytes(copy));
    assertArrayEquals(before, Files.readAllBytes(images.resolve("vm.img")));
    String json = Files.readString(report);
    assertTrue(json.contains("\"copies\": ["), json);
    assertTrue(json.contains("\"target\": \"" + copy + "\""), json);
    assertTrue(json.contains("\"verified\": true, \"kept\": false"), json);

    // a second run finds the same copy and keeps it, saying so
    Cli.Result again =
        Cli.run(
            "",
            "convert",
            domain.toString(),
            "--copy-storage",
            copies.toString(),
            "--storage",
            images + "=" + images,
            "--report",
            report.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(
        again
            .err()
            .contains("note: disk xvda: " + copy + ", an earlier run's copy, reads the same"),
        again.err());
    assertTrue(Files.readString(report).contains("\"kept\": true"));
  }

  @Test
  void aPathNobodyVouchedForIsNotRead() throws IOException {
    Path secret = Files.writeString(work.resolve("secret"), "root's secret");
    Files.writeString(domain, domainNaming(secret.toString()));
    for (List<String> extra :
        List.of(List.<String>of(), List.of("--storage", images + "=" + images))) {
      List<String> args =
          new ArrayList<>(
              List.of("convert", domain.toString(), "--copy-storage", copies.toString()));
      args.addAll(extra);
      Cli.Result result = Cli.run("", args.toArray(String[]::new));
      assertEquals(1, result.exitCode(), result.err());
      assertTrue(result.err().contains("is not known here as a guest's disk"), result.err());
      assertEquals("", result.out());
      try (var listed = Files.list(copies)) {
        assertEquals(0, listed.count(), "nothing written");
      }
    }
    // a definition the administrator trusts may name any path
    Cli.Result trusted =
        Cli.run(
            "",
            "convert",
            domain.toString(),
            "--copy-storage",
            copies.toString(),
            "--allow-host-resources");
    assertEquals(0, trusted.exitCode(), trusted.err());
  }

  @Test
  void usageErrors() {
    for (String[] args :
        List.of(new String[] {"--dry-run"}, new String[] {"--diff"}, new String[] {"--in-place"})) {
      List<String> all =
          new ArrayList<>(
              List.of("convert", domain.toString(), "--copy-storage", copies.toString()));
      all.addAll(List.of(args));
      Cli.Result result = Cli.run("", all.toArray(String[]::new));
      assertEquals(2, result.exitCode(), result.err());
      assertTrue(
          result.err().startsWith("x2k: --copy-storage copies disks: drop --dry-run"),
          result.err());
    }
    assertFalse(Files.exists(copies.resolve("copy-me-vda.img")));
  }
}
