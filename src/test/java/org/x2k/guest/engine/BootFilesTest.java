package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.guest.GuestException;
import org.x2k.guest.KernelBoot;

/**
 * The guest's kernel and initramfs copied out to the host: a guest's owner chooses their size, and
 * one domain's conversion must not replace the files another domain boots.
 */
class BootFilesTest {
  private static final KernelBoot BOOT =
      new KernelBoot("6.1.0-1", "/boot/vmlinuz-6.1.0-1", "/boot/initrd.img-6.1.0-1", "root=x");

  @TempDir Path dir;

  private static GuestSession.SizeInGuest sizes(long kernel, long initrd) {
    Map<String, Long> sizes = Map.of(BOOT.kernel(), kernel, BOOT.initrd(), initrd);
    return sizes::get;
  }

  @Test
  void sparseThreeGibibyteKernelIsRefusedBeforeAnythingIsCopied() {
    GuestException refused =
        assertThrows(
            GuestException.class,
            () -> GuestSession.checkCopyable(sizes(3L << 30, 20 << 20), BOOT, dir.resolve("b")));
    assertEquals("guest-boot-file-too-large", refused.code());
    assertEquals(
        "the guest's /boot/vmlinuz-6.1.0-1 is 3072 MiB; x2k copies out a kernel or initramfs of"
            + " at most 512 MiB",
        refused.getMessage());
    assertTrue(Files.notExists(dir.resolve("b")));
  }

  @Test
  void realSizedKernelAndInitramfsAreCopyable() {
    assertDoesNotThrow(
        () -> GuestSession.checkCopyable(sizes(8 << 20, 60 << 20), BOOT, dir.resolve("b")));
  }

  @Test
  void moreThanTheDiskHoldsIsRefused() throws IOException {
    long free = Files.getFileStore(dir).getUsableSpace();
    if (free / 2 < GuestSession.MAX_BOOT_FILE) {
      // a fuller disk than the bound: two files just under it do not fit
      GuestException refused =
          assertThrows(
              GuestException.class,
              () ->
                  GuestSession.checkCopyable(
                      sizes(GuestSession.MAX_BOOT_FILE, GuestSession.MAX_BOOT_FILE), BOOT, dir));
      assertEquals("guest-boot-file-no-room", refused.code());
    } else {
      // room is checked against the sum: shown by a store the sizes cannot fit in
      GuestException refused =
          assertThrows(
              GuestException.class,
              () ->
                  GuestSession.checkCopyable(
                      path -> path.equals(BOOT.kernel()) ? 1 : Long.MAX_VALUE, BOOT, dir));
      assertEquals("guest-boot-file-too-large", refused.code());
    }
  }

  @Test
  void domainsWhoseNamesDifferOnlyInUnsafeCharactersGetTheirOwnDirectories() {
    BootDirectory spaced = BootDirectory.of(dir, "db 01", "6f2a9c1e-0b7d-4d3e-9a55-2f1f0c7a1b50");
    BootDirectory underscored =
        BootDirectory.of(dir, "db_01", "0c9d4a3e-8f1e-4b7a-a2d5-5e6f7a8b9c0d");
    assertEquals(dir.resolve("db_01-6f2a9c1e-0b7d-4d3e-9a55-2f1f0c7a1b50"), spaced.path());
    assertEquals(dir.resolve("db_01-0c9d4a3e-8f1e-4b7a-a2d5-5e6f7a8b9c0d"), underscored.path());
    assertEquals(dir.resolve("_.."), BootDirectory.of(dir, "..", "").path());
  }

  @Test
  void anotherDomainsBootDirectoryIsRefused() throws Exception {
    Path boots = Files.createDirectories(dir.resolve("db_01"));
    new BootDirectory(boots, "db_01\nuuid-b\n").claim();
    Files.writeString(boots.resolve("vmlinuz-6.1.0-1"), "db_01's kernel");

    GuestException refused =
        assertThrows(
            GuestException.class,
            () -> new BootDirectory(boots, "db 01\nuuid-a\n").checkNoOtherDomain());
    assertEquals("guest-boot-directory-taken", refused.code());
    assertEquals(
        boots
            + " holds the boot files of another domain (db_01 uuid-b); add --force to replace"
            + " them",
        refused.getMessage());
    assertDoesNotThrow(() -> new BootDirectory(boots, "db_01\nuuid-b\n").checkNoOtherDomain());
  }

  @Test
  void directoryWithFilesOfNoDomainIsRefusedAnEmptyOneTaken() throws Exception {
    Path boots = Files.createDirectories(dir.resolve("vm"));
    BootDirectory vm = new BootDirectory(boots, "vm\n\n");
    assertDoesNotThrow(vm::checkNoOtherDomain);
    Files.writeString(boots.resolve("vmlinuz"), "someone's kernel");
    GuestException refused = assertThrows(GuestException.class, vm::checkNoOtherDomain);
    assertEquals("guest-boot-directory-taken", refused.code());
  }

  @Test
  void ownerFileThatIsALinkIsNotFollowed() throws Exception {
    Path boots = Files.createDirectories(dir.resolve("vm"));
    Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "vm\n\n");
    Files.createSymbolicLink(boots.resolve(BootDirectory.OWNER_FILE), elsewhere);
    assertThrows(GuestException.class, new BootDirectory(boots, "vm\n\n")::checkNoOtherDomain);
  }
}
