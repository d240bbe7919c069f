package org.x2k.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code x2k warm-up} (hidden): runs x2k's usual work on the bundled examples through the real
 * command line and discards the results. The launcher runs it once, in the background, to record
 * the JVM's start-up cache (an AOT cache or a CDS archive) from a representative run rather than
 * from whatever the user happened to run first.
 */
@Command(
    name = "warm-up",
    hidden = true,
    description =
        "Converts the bundled examples and discards the results (trains the launcher's"
            + " start-up cache).")
public final class WarmUpCommand implements Callable<Integer> {
  static final List<String> EXAMPLES =
      List.of("debian-xentools-pv.xen.xml", "ucs3-pv.xen.xml", "windows-hvm.xen.xml");

  /** A small xl config, so that the native-config path is trained too. */
  private static final String NATIVE_CONFIG =
      """
      name = "warm-up"
      memory = 512
      vcpus = 2
      kernel = "/boot/vmlinuz"
      extra = "root=/dev/xvda1 console=hvc0"
      disk = [ "phy:/dev/vg0/warm-up,xvda,w" ]
      vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]
      """;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    int failures = 0;
    for (String example : EXAMPLES) {
      byte[] xml;
      try (InputStream in = WarmUpCommand.class.getResourceAsStream("/examples/" + example)) {
        if (in == null) {
          throw new IOException("example " + example + " is missing from the jar");
        }
        xml = in.readAllBytes();
      }
      failures += run(xml, "convert", "--bridge", "xenbr0=br0", "-");
      failures += run(xml, "convert", "--diff", "-");
      failures += run(xml, "bridge", "--bridge", "xenbr0=br0", "-");
    }
    failures += run(NATIVE_CONFIG.getBytes(StandardCharsets.UTF_8), "convert", "-");
    if (failures > 0) {
      spec.commandLine().getErr().println("x2k warm-up: " + failures + " of the runs failed");
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private static int run(byte[] input, String... args) {
    CommandLine commandLine = X2kCommand.commandLine(new ByteArrayInputStream(input), args);
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    commandLine.setOut(discard);
    commandLine.setErr(discard);
    return commandLine.execute(args) == ExitCodes.OK ? 0 : 1;
  }
}
