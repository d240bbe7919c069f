package org.x2k.guest;

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

/** The rules' small parts, and what the golden trees do not show. */
class GuestRulesTest {
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
  void xenOnlyKernelFlavoursAreRecognised() {
    for (String xen :
        List.of("2.6.18-419.el5xen", "2.6.32-5-xen-amd64", "3.0.101-63-xen", "2.6.24-19-xen")) {
      assertTrue(Kernels.isXenOnly(xen), xen);
    }
    for (String kvm :
        List.of(
            "6.1.0-13-amd64",
            "2.6.18-419.el5",
            "3.0.101-63-default",
            "4.9.0-ucs109-amd64",
            "5.15.0-91-generic",
            "6.1.0-50-cloud-amd64")) {
      assertFalse(Kernels.isXenOnly(kvm), kvm);
    }
  }

  @Test
  void consolesAreAddedAfterTheXenConsoleOrBothWhenNoneIsNamed() {
    assertEquals(
        "ro console=hvc0 console=ttyS0 quiet",
        KernelCommandLine.withBothConsoles("ro console=hvc0 quiet"));
    assertEquals(
        "ro quiet console=hvc0 console=ttyS0", KernelCommandLine.withBothConsoles("ro quiet"));
    assertEquals(
        "console=tty0 console=xvc0 console=ttyS0",
        KernelCommandLine.withBothConsoles("console=tty0 console=xvc0"));
    assertEquals(
        "console=ttyS0,115200 console=hvc0",
        KernelCommandLine.withBothConsoles("console=ttyS0,115200 console=hvc0"));
    assertEquals("console=hvc0 console=ttyS0", KernelCommandLine.withBothConsoles(""));
  }

  @Test
  void manifestPathsSurviveBlanksNewlinesAndPercentSigns() {
    for (String path : List.of("/boot/initrd.img-6.1.0", "/etc/a b", "/x\ny", "/100%", "/é")) {
      String encoded = GuestEditor.encode(path);
      assertFalse(encoded.contains(" ") || encoded.contains("\n"), encoded);
      assertEquals(path, GuestEditor.decode(encoded));
    }
  }

  @Test
  void aDeviceNamedInsideAnotherWordIsLeftAlone(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("etc"));
    Files.writeString(
        guest.resolve("etc/fstab"),
        "/dev/xvda1 / ext4 defaults 0 1\n/srv/dev/xvda1 /mnt none bind 0 0\n");
    GuestChanges changes =
        plan(
            guest,
            Map.of(
                "xvda1",
                new Filesystem("xvda1", "ext4", "0a1b2c3d-0000-4000-8000-00000000000a", "")));
    String fstab = edited(changes, "/etc/fstab");
    assertEquals(
        "UUID=0a1b2c3d-0000-4000-8000-00000000000a / ext4 defaults 0 1\n"
            + "/srv/dev/xvda1 /mnt none bind 0 0\n",
        fstab);
  }

  @Test
  void aRenamedDeviceWithoutUuidOrLabelIsReportedNotGuessed(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("etc"));
    Files.writeString(guest.resolve("etc/fstab"), "/dev/xvdb1 /srv ext2 defaults 0 2\n");
    GuestChanges changes = plan(guest, Map.of("xvdb1", new Filesystem("xvdb1", "ext2", "", "")));
    assertTrue(changes.changes().stream().noneMatch(c -> c.path().equals("/etc/fstab")));
    assertTrue(
        changes.findings().stream().map(Finding::code).toList().contains("guest-device-unnamed"));
    assertTrue(
        changes.findings().get(0).text().contains("/dev/vdb1"), changes.findings().get(0).text());
  }

  @Test
  void aHostileLabelIsNotWrittenIntoFstab(@TempDir Path guest) throws Exception {
    Files.createDirectories(guest.resolve("etc"));
    Files.writeString(guest.resolve("etc/fstab"), "/dev/xvda1 / ext4 defaults 0 1\n");
    GuestChanges changes =
        plan(guest, Map.of("xvda1", new Filesystem("xvda1", "ext4", "", "x /etc ext4")));
    assertTrue(changes.changes().stream().noneMatch(c -> c.path().equals("/etc/fstab")));
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
    assertEquals(List.of(), GuestEditor.undo(files, NO_PROGRAMS, Seals.TEST));
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

  private static String edited(GuestChanges changes, String path) {
    return changes.changes().stream()
        .filter(c -> c instanceof GuestChange.Edit && c.path().equals(path))
        .map(c -> new String(((GuestChange.Edit) c).after(), StandardCharsets.ISO_8859_1))
        .findFirst()
        .orElseThrow();
  }
}
