package org.x2k.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.x2k.convert.HostFiles;
import org.x2k.convert.HostFiles.HostFile;

/**
 * --define's check of the files a converted domain names (issue 29, item 1), against a target with
 * one file-system pool, default at /var/lib/libvirt/images, and one LVM volume.
 */
class HostFilesCheckTest {
  private final List<Path> askedLocally = new ArrayList<>();

  private HostFilesCheck check(boolean local, Optional<String> localVerdict) {
    HostFilesCheck.Target target =
        new HostFilesCheck.Target() {
          @Override
          public String uri() {
            return local ? "qemu:///system" : "qemu+ssh://kvm/system";
          }

          @Override
          public boolean isLocal() {
            return local;
          }

          @Override
          public Map<String, String> storagePoolDirectories() {
            return Map.of("default", "/var/lib/libvirt/images/");
          }

          @Override
          public boolean isStorageVolume(String path) {
            return Set.of("/dev/vg0/guest").contains(path);
          }
        };
    return new HostFilesCheck(
        target,
        Path.of("/var/lib/libvirt/boot"),
        device -> {
          askedLocally.add(device);
          return localVerdict;
        });
  }

  private Optional<String> problem(HostFile... files) throws Exception {
    return check(true, Optional.empty()).problem(List.of(files));
  }

  @Test
  void anImageUnderAStoragePoolIsTaken() throws Exception {
    assertEquals(
        Optional.empty(),
        problem(new HostFile("disk vda", "/var/lib/libvirt/images/vm.img", false)));
  }

  @Test
  void anImageOutsideEveryPoolIsRefusedNamingThePools() throws Exception {
    Optional<String> problem =
        problem(new HostFile("disk vda", "/var/lib/xen/images/vm.img", false));

    assertTrue(problem.isPresent());
    assertTrue(problem.get().startsWith("disk vda /var/lib/xen/images/vm.img is under no storage"));
    assertTrue(problem.get().contains("(default /var/lib/libvirt/images)"), problem.get());
    assertTrue(problem.get().contains("--allow-host-resources"), problem.get());
  }

  @Test
  void aDirectoryThatOnlySharesThePoolsPrefixIsNotUnderIt() throws Exception {
    assertTrue(
        problem(new HostFile("disk vda", "/var/lib/libvirt/images-other/vm.img", false))
            .isPresent());
  }

  @Test
  void dotDotCannotClimbOutOfAPool() throws Exception {
    Optional<String> problem =
        problem(new HostFile("disk vda", "/var/lib/libvirt/images/../../../../etc/shadow", false));

    assertTrue(problem.isPresent());
    assertTrue(problem.get().contains("no absolute path without '..'"), problem.get());
  }

  @Test
  void anInitrdOfHostSecretsIsRefused() throws Exception {
    Optional<String> problem = problem(new HostFile("initrd", "/etc/shadow", false));

    assertTrue(problem.isPresent());
    assertTrue(problem.get().contains("nor under --boot-dir /var/lib/libvirt/boot"), problem.get());
  }

  @Test
  void aKernelUnderTheBootDirectoryIsTaken() throws Exception {
    assertEquals(
        Optional.empty(),
        problem(new HostFile("kernel", "/var/lib/libvirt/boot/vm-uuid/vmlinuz", false)));
    assertTrue(
        problem(new HostFile("disk vda", "/var/lib/libvirt/boot/vm.img", false)).isPresent());
  }

  @Test
  void aBlockDeviceThatIsAPoolVolumeIsTakenWithoutLookingAtTheHost() throws Exception {
    assertEquals(Optional.empty(), problem(new HostFile("disk vda", "/dev/vg0/guest", true)));
    assertEquals(List.of(), askedLocally);
  }

  @Test
  void aBlockDeviceTheLocalHostUsesIsRefused() throws Exception {
    Optional<String> problem =
        check(true, Optional.of("/dev/sda (/dev/sda) is in use on this host (mounted or swap)"))
            .problem(List.of(new HostFile("disk vda", "/dev/sda", true)));

    assertEquals(List.of(Path.of("/dev/sda")), askedLocally);
    assertTrue(problem.isPresent());
    assertTrue(problem.get().startsWith("disk vda: /dev/sda (/dev/sda) is in use"), problem.get());
  }

  @Test
  void aFreeLocalBlockDeviceIsTaken() throws Exception {
    assertEquals(
        Optional.empty(),
        check(true, Optional.empty()).problem(List.of(new HostFile("disk vdb", "/dev/sdb", true))));
  }

  @Test
  void aRemoteHostsBlockDeviceOutsidePoolsIsRefusedUnseen() throws Exception {
    Optional<String> problem =
        check(false, Optional.empty()).problem(List.of(new HostFile("disk vda", "/dev/sdb", true)));

    assertTrue(problem.isPresent());
    assertTrue(problem.get().contains("cannot see which devices a remote host uses"));
    assertEquals(List.of(), askedLocally);
  }

  @Test
  void theFilesAreReadFromTheConvertedDomain() throws Exception {
    List<HostFile> files =
        HostFiles.of(
            """
            <domain type='kvm'>
              <name>vm</name>
              <os><type>hvm</type><kernel>/boot/vmlinuz</kernel><initrd>/boot/initrd</initrd></os>
              <devices>
                <disk type='block' device='disk'><source dev='/dev/vg0/guest'/>
                  <target dev='vda' bus='virtio'/></disk>
                <disk type='file' device='cdrom'><source file='/isos/boot.iso'/>
                  <target dev='hdc' bus='ide'/></disk>
                <disk type='file' device='cdrom'><target dev='hdd' bus='ide'/></disk>
                <disk type='network' device='disk'><source protocol='rbd' name='pool/image'/>
                  <target dev='vdb' bus='virtio'/></disk>
              </devices>
            </domain>
            """);

    assertEquals(
        List.of(
            new HostFile("disk vda", "/dev/vg0/guest", true),
            new HostFile("cdrom hdc", "/isos/boot.iso", false),
            new HostFile("kernel", "/boot/vmlinuz", false),
            new HostFile("initrd", "/boot/initrd", false)),
        files);
  }
}
