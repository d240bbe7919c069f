package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2k.guest.DirectoryFiles;
import org.x2k.guest.DiskNames;
import org.x2k.guest.Filesystem;
import org.x2k.guest.GuestChange;
import org.x2k.guest.GuestChanges;
import org.x2k.guest.GuestException;
import org.x2k.guest.GuestFacts;
import org.x2k.guest.GuestPlan;
import org.x2k.guest.rules.Planner;

/** Applying and undoing a plan: backups, the manifest, the programs run in the guest. */
class GuestEditorTest {
  private static final GuestEditor.GuestPrograms NO_PROGRAMS =
      new GuestEditor.GuestPrograms() {
        @Override
        public void run(List<String> argv) {}

        @Override
        public void saveBootArea(String disk, String file) {}

        @Override
        public void restoreBootArea(String file, String disk) {}

        @Override
        public String programsName(String disk) {
          return disk;
        }
      };

  @Test
  void manifestPathsSurviveBlanksNewlinesAndPercentSigns() {
    for (String path : List.of("/boot/initrd.img-6.1.0", "/etc/a b", "/x\ny", "/100%", "/é")) {
      String encoded = GuestEditor.encode(path);
      assertFalse(encoded.contains(" ") || encoded.contains("\n"), encoded);
      assertEquals(path, GuestEditor.decode(encoded));
    }
  }

  @Test
  void undoTakesBackWhatARunCutShortHadDone(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("etc"));
    Files.writeString(guest.resolve("etc/fstab"), "/dev/xvda1 / ext4 defaults 0 1\n");
    DirectoryFiles files = new DirectoryFiles(guest);
    GuestChanges changes =
        plan(
            guest,
            Map.of(
                "xvda1",
                new Filesystem("xvda1", "ext4", "0a1b2c3d-0000-4000-8000-00000000000a", "")));
    List<GuestChange> withFailure = new ArrayList<>(changes.changes());
    withFailure.add(new GuestChange.Run(List.of("/sbin/fails"), List.of("/etc/new"), "test"));
    try {
      GuestEditor.apply(
          files,
          withFailure,
          new GuestEditor.GuestPrograms() {
            @Override
            public void run(List<String> argv) throws GuestException {
              try {
                Files.writeString(guest.resolve("etc/new"), "half");
              } catch (IOException e) {
                throw new GuestException(e.toString(), e);
              }
              throw new GuestException("program failed");
            }

            @Override
            public void saveBootArea(String disk, String file) {}

            @Override
            public void restoreBootArea(String file, String disk) {}

            @Override
            public String programsName(String disk) {
              return disk;
            }
          },
          Seals.TEST);
    } catch (GuestException expected) {
      // the manifest was written before each step
    }
    GuestEditor.Undone undone = GuestEditor.undo(files, NO_PROGRAMS, Seals.TEST);
    assertEquals(List.of(), undone.problems());
    assertEquals(
        List.of("/etc/new: removed (x2k had made it)", "/etc/fstab: put back as it was"),
        undone.steps());
    assertEquals("/dev/xvda1 / ext4 defaults 0 1\n", Files.readString(guest.resolve("etc/fstab")));
    assertFalse(Files.exists(guest.resolve("etc/new")));
    assertFalse(Files.exists(guest.resolve("var")));
  }

  /**
   * The appliance's kernel may name the domain's first disk /dev/sdb (virtio-scsi scans
   * asynchronously): grub-install gets the kernel's name; libguestfs's calls keep their own.
   */
  @Test
  void grubInstallIsToldTheDiskByTheKernelsName(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("boot/grub"));
    RecordingPrograms programs = new RecordingPrograms(guest, Files.createTempDirectory("x2k"));
    programs.kernelNames.put("/dev/sda", "/dev/sdb");
    GuestEditor.apply(
        new DirectoryFiles(guest),
        List.of(
            new GuestChange.InstallBootloader(
                "/dev/sda",
                "/boot/grub",
                List.of(
                    List.of("/usr/sbin/grub-install", "--target=i386-pc", "/dev/sda"),
                    List.of("/usr/sbin/grub-mkconfig", "-o", "/boot/grub/grub.cfg")),
                "test")),
        programs,
        Seals.TEST);
    assertTrue(
        programs.calls.contains("run: /usr/sbin/grub-install --target=i386-pc /dev/sdb"),
        programs.calls.toString());
    assertTrue(
        programs.calls.contains("save boot area of /dev/sda to /var/lib/x2k/boot-area.img"),
        programs.calls.toString());
    assertTrue(
        programs.calls.contains("run: /usr/sbin/grub-mkconfig -o /boot/grub/grub.cfg"),
        programs.calls.toString());
  }

  @Test
  void theKernelsNameIsTheOneDiskThatStartsAlike() throws Exception {
    String md5 = DiskNames.md5("guest".getBytes(StandardCharsets.UTF_8));
    String other = DiskNames.md5("appliance".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "/dev/sdb", DiskNames.match("/dev/sda", md5, "sda " + other + "  -\nsdb " + md5 + "  -\n"));
    GuestException none =
        assertThrows(
            GuestException.class, () -> DiskNames.match("/dev/sda", md5, "sda " + other + "  -\n"));
    assertTrue(none.getMessage().contains("none starts as it does"), none.getMessage());
    GuestException two =
        assertThrows(
            GuestException.class,
            () -> DiskNames.match("/dev/sda", md5, "sda " + md5 + "  -\nsdc " + md5 + "  -\n"));
    assertTrue(two.getMessage().contains("/dev/sda and /dev/sdc"), two.getMessage());
    // a name that is no kernel's disk name is never passed on
    assertThrows(
        GuestException.class, () -> DiskNames.match("/dev/sda", md5, "../etc/x " + md5 + "  -\n"));
  }

  @Test
  void aSecondRunKeepsTheFirstBackup(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("etc"));
    Files.writeString(guest.resolve("etc/fstab"), "/dev/xvda1 / ext4 defaults 0 1\n");
    DirectoryFiles files = new DirectoryFiles(guest);
    Map<String, Filesystem> fs =
        Map.of(
            "xvda1", new Filesystem("xvda1", "ext4", "0a1b2c3d-0000-4000-8000-00000000000a", ""));
    GuestEditor.apply(files, plan(guest, fs).changes(), NO_PROGRAMS, Seals.TEST);
    Files.writeString(guest.resolve("etc/fstab"), "/dev/xvda1 / ext4 noatime 0 1\n");
    GuestEditor.apply(files, plan(guest, fs).changes(), NO_PROGRAMS, Seals.TEST);
    GuestEditor.undo(files, NO_PROGRAMS, Seals.TEST);
    assertEquals("/dev/xvda1 / ext4 defaults 0 1\n", Files.readString(guest.resolve("etc/fstab")));
  }

  private static GuestChanges plan(Path guest, Map<String, Filesystem> filesystems)
      throws GuestException, IOException {
    Files.createDirectories(guest.resolve("boot"));
    Files.createDirectories(guest.resolve("lib/modules/6.1.0-13-amd64"));
    Files.writeString(guest.resolve("boot/vmlinuz-6.1.0-13-amd64"), "k");
    return Planner.plan(
        new DirectoryFiles(guest),
        new GuestFacts("debian", 12, 0, "Debian", filesystems, "xvda1", ""),
        new GuestPlan(Map.of("xvda", "vda", "xvdb", "vdb"), List.of(), true, false, ""));
  }
}
