package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input that exhausts the JVM's memory fails alone, with one line; the rest of the batch is
 * converted. Run as a process with a small heap, as the launcher's limit makes one for a large
 * input.
 */
class ExhaustedInputTest {
  @TempDir Path dir;

  @Test
  void anInputThatRunsOutOfMemoryFailsAloneAndTheBatchGoesOn() throws Exception {
    String domain = HostileInputTest.XEN_DOMAIN;
    String metadata =
        "<metadata><m:x xmlns:m='urn:x2k:test'>"
            + IntStream.range(0, 400_000)
                .mapToObj(i -> "<m:i a='" + i + "'>v</m:i>")
                .collect(Collectors.joining())
            + "</m:x></metadata>\n  <vcpu>";
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a-large.xml"), domain.replace("<vcpu>", metadata));
    Files.writeString(in.resolve("b-small.xml"), domain);
    ProcessBuilder builder =
        X2kProcess.builder(List.of("convert", "-q", in.toString(), "-o", dir.resolve("out") + "/"));
    builder.command().add(1, "-Xmx64m");
    X2kProcess.Finished result = X2kProcess.run(builder);
    assertEquals(1, result.exitCode(), result.err());
    assertEquals(
        List.of(
            "x2k: "
                + in.resolve("a-large.xml")
                + ": the input is too large to convert in the memory"
                + " given to x2k (the launcher's -Xmx; X2K_JAVA_OPTS=-Xmx2g gives more)",
            "x2k: 1 converted, 1 failed"),
        result.errLines());
    assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
    assertEquals(List.of("b-small.xml"), HostileInputTest.written(dir.resolve("out")));
    assertTrue(Files.readString(dir.resolve("out/b-small.xml")).contains("<domain type='kvm'>"));
  }
}
