package org.x2k.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.x2k.convert.HostFiles.HostFile;
import org.x2k.guest.GuestException;
import org.x2k.guest.engine.HostDisks;
import org.x2k.libvirt.Hypervisor;
import org.x2k.libvirt.HypervisorException;
import org.x2k.text.ControlCharacters;

/**
 * --define: the host files a converted domain still names (its disks' images and block devices, the
 * kernel of a direct kernel boot), checked against the target before it is defined. The definition
 * came from another host, where those paths named that host's storage; on the target the same path
 * may be a host file (/etc/shadow as an initrd) or device (/dev/sda as a disk). Taken: a file under
 * one of the target's file-system storage pools (or, for a kernel, under --boot-dir); a volume of a
 * storage pool; on this machine's own libvirt, a block device no filesystem, swap area, partition
 * in use, LVM volume or RAID array of the host holds. --allow-host-resources skips the check.
 */
public final class HostFilesCheck {
  /** What the check asks of the target: the connection in use, a fake in tests. */
  interface Target {
    String uri();

    boolean isLocal();

    /** The directories of its file-system storage pools, by pool name. */
    Map<String, String> storagePoolDirectories() throws HypervisorException;

    boolean isStorageVolume(String path);
  }

  /** The check of a block device on this machine: why the host holds it, or empty if it is free. */
  interface LocalDevices {
    Optional<String> problem(Path device);
  }

  private final Target target;
  private final Path bootDirectory;
  private final LocalDevices localDevices;
  private Map<String, Path> pools;

  /** The check of domains defined on {@code hypervisor}, whose block devices this host checks. */
  public static HostFilesCheck of(Hypervisor hypervisor, Path bootDirectory) {
    Target target =
        new Target() {
          @Override
          public String uri() {
            return hypervisor.uri();
          }

          @Override
          public boolean isLocal() {
            return hypervisor.isLocal();
          }

          @Override
          public Map<String, String> storagePoolDirectories() throws HypervisorException {
            return hypervisor.storagePoolDirectories();
          }

          @Override
          public boolean isStorageVolume(String path) {
            return hypervisor.isStorageVolume(path);
          }
        };
    return new HostFilesCheck(
        target,
        bootDirectory,
        device -> {
          try {
            HostDisks.check(device);
            return Optional.empty();
          } catch (GuestException e) {
            return Optional.of(e.getMessage());
          }
        });
  }

  HostFilesCheck(Target target, Path bootDirectory, LocalDevices localDevices) {
    this.target = target;
    this.bootDirectory = bootDirectory.toAbsolutePath().normalize();
    this.localDevices = localDevices;
  }

  /**
   * Why the target must not get a domain naming {@code files}, or empty if it may.
   *
   * @throws HypervisorException if the target's storage pools cannot be listed
   */
  Optional<String> problem(List<HostFile> files) throws HypervisorException {
    for (HostFile file : files) {
      Optional<String> problem = problem(file);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<String> problem(HostFile file) throws HypervisorException {
    String named = file.what() + " " + ControlCharacters.escaped(file.path());
    // a path is compared by its names alone: on a remote target x2k cannot resolve it, and ".."
    // would climb out of the directory it seems to be under
    if (!file.path().startsWith("/") || List.of(file.path().split("/")).contains("..")) {
      return Optional.of(named + " is no absolute path without '..' (--allow-host-resources)");
    }
    Path path = Path.of(file.path()).normalize();
    if (file.blockDevice()) {
      if (target.isStorageVolume(file.path())) {
        return Optional.empty();
      }
      if (!target.isLocal()) {
        return Optional.of(
            named
                + " is a block device of no storage pool of "
                + target.uri()
                + ", and x2k cannot see which devices a remote host uses: make it a volume of a"
                + " pool there (logical, disk, iscsi), or --allow-host-resources");
      }
      return localDevices
          .problem(path)
          .map(why -> file.what() + ": " + why + " (--allow-host-resources)");
    }
    for (Path pool : pools().values()) {
      if (path.startsWith(pool)) {
        return Optional.empty();
      }
    }
    boolean bootFile = List.of("kernel", "initrd", "dtb").contains(file.what());
    if (bootFile && path.startsWith(bootDirectory)) {
      return Optional.empty();
    }
    if (target.isStorageVolume(file.path())) {
      return Optional.empty();
    }
    return Optional.of(
        named
            + " is under no storage pool of "
            + target.uri()
            + (pools().isEmpty()
                ? " (it has no file-system pool)"
                : " ("
                    + pools().entrySet().stream()
                        .map(pool -> pool.getKey() + " " + pool.getValue())
                        .collect(Collectors.joining(", "))
                    + ")")
            + (bootFile ? " nor under --boot-dir " + bootDirectory : "")
            + ": "
            + (bootFile ? "copy it there, or " : "")
            + "define a pool for its directory (virsh pool-define-as NAME dir --target DIR), or"
            + " --allow-host-resources");
  }

  private Map<String, Path> pools() throws HypervisorException {
    if (pools == null) {
      pools = new TreeMap<>();
      target
          .storagePoolDirectories()
          .forEach((name, directory) -> pools.put(name, Path.of(directory).normalize()));
    }
    return pools;
  }
}
