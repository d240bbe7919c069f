package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.guest.DirectoryFiles;
import org.x2k.guest.GuestException;

/**
 * The undo manifest is on the guest's disk, which its owner writes: x2k guest --undo acts on no
 * manifest that x2k did not write for this domain on this host.
 */
class ForgedManifestTest {
  @TempDir Path guest;
  @TempDir Path work;

  private static final String FORGED =
      "# x2k guest: changes made in this guest; 'x2k guest --undo' reverses them, last first\n"
          + "bootarea /dev/sdb\n"
          + "remove /data/important.txt\n";

  private RecordingPrograms programs() throws Exception {
    return new RecordingPrograms(guest, Files.createDirectories(work.resolve("archives")));
  }

  private void manifest(String content) throws Exception {
    Files.createDirectories(guest.resolve("var/lib/x2k"));
    Files.writeString(guest.resolve("var/lib/x2k/undo"), content);
    Files.createDirectories(guest.resolve("data"));
    Files.writeString(guest.resolve("data/important.txt"), "the owner's data");
  }

  private void assertRefusedAndNothingDone(RecordingPrograms programs) throws Exception {
    GuestException refused =
        assertThrows(
            GuestException.class,
            () -> GuestEditor.undo(new DirectoryFiles(guest), programs, Seals.TEST));
    assertEquals("guest-manifest-unsealed", refused.code());
    assertEquals("the owner's data", Files.readString(guest.resolve("data/important.txt")));
    assertEquals(List.of(), programs.calls, "no boot area restored, no program run");
    assertTrue(Files.exists(guest.resolve("var/lib/x2k/undo")), "the manifest is left as found");
  }

  @Test
  void aManifestMadeInTheGuestIsNotActedOn() throws Exception {
    manifest(FORGED);
    assertRefusedAndNothingDone(programs());
  }

  @Test
  void aSealedManifestWithAStepChangedIsNotActedOn() throws Exception {
    String sealed = Seals.TEST.sealed(FORGED.replace("bootarea /dev/sdb\n", "bootarea /dev/sda\n"));
    manifest(sealed.replace("bootarea /dev/sda", "bootarea /dev/sdb"));
    assertRefusedAndNothingDone(programs());
  }

  @Test
  void aManifestSealedForAnotherDomainOrOnAnotherHostIsNotActedOn() throws Exception {
    manifest(new ManifestSeal(new byte[32], "another-domain").sealed(FORGED));
    assertRefusedAndNothingDone(programs());
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    manifest(new ManifestSeal(otherKey, Seals.TEST.domain()).sealed(FORGED));
    assertRefusedAndNothingDone(programs());
  }

  @Test
  void withoutTheHostsKeyNothingIsUndone() throws Exception {
    manifest(Seals.TEST.sealed(FORGED));
    RecordingPrograms programs = programs();
    assertThrows(
        GuestException.class,
        () ->
            GuestEditor.undo(
                new DirectoryFiles(guest), programs, new ManifestSeal(null, Seals.TEST.domain())));
    assertEquals(List.of(), programs.calls);
  }

  @Test
  void theHostKeyIsMadeOnceForItsOwnerAlone() throws Exception {
    Path key = work.resolve("state/undo.key");
    byte[] made = ManifestSeal.hostKey(key);
    assertEquals(32, made.length);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertArrayEquals(made, ManifestSeal.hostKey(key), "the same key the next time");
  }

  @Test
  void aHostKeyOthersMayReadOrALinkIsRefused() throws Exception {
    Path key = work.resolve("undo.key");
    Files.write(key, new byte[32]);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThrows(GuestException.class, () -> ManifestSeal.hostKey(key));
    Path link = Files.createSymbolicLink(work.resolve("link.key"), key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    assertThrows(GuestException.class, () -> ManifestSeal.hostKey(link));
  }
}
