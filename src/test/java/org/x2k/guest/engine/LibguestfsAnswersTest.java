package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan asks the appliance the same questions many times; the answers are kept until anything
 * may have changed the guest (a write, a program), and never outlive that.
 */
class LibguestfsAnswersTest {
  /** The binding's methods x2k's reads and writes call, over files in memory, counted. */
  public static final class FakeHandle {
    final Map<String, byte[]> files = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    public boolean is_file(String path, Map<?, ?> options) {
      calls.add("is_file " + path);
      return files.containsKey(path);
    }

    public long filesize(String path) {
      calls.add("filesize " + path);
      return files.get(path).length;
    }

    public void download(String path, String local) {
      calls.add("download " + path);
      try {
        Files.write(Path.of(local), files.get(path));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public void write(String path, byte[] content) {
      calls.add("write " + path);
      files.put(path, content.clone());
    }

    public String command(String[] argv) {
      calls.add("command");
      files.put("/etc/fstab", "changed by a program\n".getBytes(StandardCharsets.UTF_8));
      return "";
    }

    public void close() {}
  }

  @Test
  void aFileIsReadOnceUntilTheGuestChanges() throws Exception {
    FakeHandle handle = new FakeHandle();
    handle.files.put(
        "/etc/fstab", "/dev/xvda1 / ext4 defaults 0 1\n".getBytes(StandardCharsets.UTF_8));
    try (Libguestfs guest = Libguestfs.over(handle, new StageClock())) {
      byte[] first = guest.read("/etc/fstab").orElseThrow();
      first[0] = 'X'; // the caller's copy: the kept answer stays as read
      assertArrayEquals(
          "/dev/xvda1 / ext4 defaults 0 1\n".getBytes(StandardCharsets.UTF_8),
          guest.read("/etc/fstab").orElseThrow());
      assertEquals(false, guest.read("/boot/grub/menu.lst").isPresent());
      assertEquals(false, guest.read("/boot/grub/menu.lst").isPresent());
      assertEquals(
          List.of(
              "is_file /etc/fstab",
              "filesize /etc/fstab",
              "download /etc/fstab",
              "is_file /boot/grub/menu.lst"),
          handle.calls);

      guest.write("/etc/fstab", "UUID=1 / ext4 defaults 0 1\n".getBytes(StandardCharsets.UTF_8));
      assertEquals(
          "UUID=1 / ext4 defaults 0 1\n",
          new String(guest.read("/etc/fstab").orElseThrow(), StandardCharsets.UTF_8));

      guest.run(List.of("/usr/sbin/update-initramfs", "-u"));
      assertEquals(
          "changed by a program\n",
          new String(guest.read("/etc/fstab").orElseThrow(), StandardCharsets.UTF_8));
      assertEquals(3, handle.calls.stream().filter(c -> c.startsWith("download")).count());
    }
  }
}
