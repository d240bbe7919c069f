package org.x2k.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * qemu-img (Debian's qemu-utils) for a copy that changes the format on this host: formats always
 * named (a probe would read a qcow2 header a guest wrote into a raw disk), and the source's qcow2
 * header checked first by the caller.
 */
final class QemuImg {
  private QemuImg() {}

  private static final Path QEMU_IMG = Path.of("/usr/bin/qemu-img");

  static void convert(Path source, String sourceFormat, Path target, String targetFormat)
      throws StorageException {
    run(
        "convert",
        List.of(
            "convert",
            "-q",
            "-f",
            sourceFormat,
            "-O",
            targetFormat,
            "--",
            source.toString(),
            target.toString()));
  }

  /** Whether the two images read the same (qemu-img compare). */
  static boolean same(Path first, String firstFormat, Path second, String secondFormat)
      throws StorageException {
    return run(
            "compare",
            List.of(
                "compare",
                "-q",
                "-f",
                firstFormat,
                "-F",
                secondFormat,
                "--",
                first.toString(),
                second.toString()))
        == 0;
  }

  private static int run(String what, List<String> arguments) throws StorageException {
    if (!Files.isExecutable(QEMU_IMG)) {
      throw new StorageException(
          "changing a disk's format while it is copied here needs qemu-img (Debian's"
              + " qemu-utils), which is not installed");
    }
    List<String> command = new ArrayList<>();
    command.add(QEMU_IMG.toString());
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = process.waitFor();
      // compare: 0 same, 1 different, anything else an error
      if (status == 0 || (status == 1 && what.equals("compare"))) {
        return status;
      }
      throw new StorageException(
          "qemu-img " + what + " failed: " + output.strip().replaceAll("\\s*\\R\\s*", " "));
    } catch (IOException e) {
      throw new StorageException("qemu-img " + what + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("qemu-img " + what + ": interrupted");
    }
  }
}
