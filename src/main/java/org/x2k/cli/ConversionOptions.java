package org.x2k.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.x2k.convert.ConversionSettings;
import org.x2k.convert.ConversionSettings.Boot;
import org.x2k.convert.ConversionSettings.Cache;
import org.x2k.convert.ConversionSettings.CdromBus;
import org.x2k.convert.ConversionSettings.DiskBus;
import org.x2k.convert.ConversionSettings.DiskFormat;
import org.x2k.convert.ConversionSettings.DomainType;
import org.x2k.convert.ConversionSettings.NicModel;
import org.x2k.convert.DomainConverter;
import org.x2k.io.IoReason;
import org.x2k.libvirt.CapabilitiesException;
import org.x2k.libvirt.HostCapabilities;
import org.x2k.nativecfg.XenConfig.Format;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The choices the seeds leave to the administrator, as options; each sets one parameter of
 * xen2qemu.xsl (see xslt/xen2qemu/params.xsl). Unset options keep the stylesheet's defaults.
 */
public final class ConversionOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--type",
      paramLabel = "kvm|qemu",
      description =
          "Domain type: kvm (default), or qemu for hosts without hardware virtualisation.")
  DomainType type;

  @Option(
      names = "--machine",
      paramLabel = "MACHINE",
      description =
          "Machine type (pc, q35, pc-q35-7.2, ...). Default: none, libvirt picks the host's. With"
              + " q35, which has no IDE, disks and CD-ROMs that would be IDE become SATA.")
  String machine;

  @Option(
      names = "--emulator",
      paramLabel = "PATH|none",
      description =
          "Emulator that replaces Xen's. Default: the one the KVM host reports for the guest's"
              + " architecture with --define or --capabilities, else none, so that libvirt picks"
              + " the host's own (/usr/libexec/qemu-kvm on RHEL, qemu-system-x86_64 on Debian);"
              + " none always drops it.")
  String emulator;

  @Option(
      names = "--capabilities",
      paramLabel = "FILE",
      description =
          "What the KVM host runs, saved there with virsh capabilities (or virsh"
              + " domcapabilities), for a host x2k cannot reach: the domain type must be one it"
              + " offers, guests of other architectures are refused, and the emulator is its own."
              + " --define asks the host itself.")
  Path capabilitiesFile;

  @Option(
      names = "--boot",
      paramLabel = "kernel|disk",
      description =
          "PV guests whose kernel dom0 held: kernel (default) keeps direct kernel boot (root= and"
              + " console= follow the conversion); disk boots the guest's own bootloader.")
  Boot boot;

  @Option(
      names = "--disk-bus",
      paramLabel = "BUS",
      description =
          "Bus for Xen's paravirtual disks: virtio (default), scsi, sata, ide, usb. Given, it"
              + " also takes an HVM guest's xvd disks, which otherwise stay emulated (IDE) unless"
              + " --guest gives the guest virtio drivers.")
  DiskBus diskBus;

  @Option(
      names = "--emulated-disk-bus",
      paramLabel = "BUS",
      description = "Bus for a fully virtualised guest's emulated disks (default: keep theirs).")
  DiskBus emulatedDiskBus;

  @Option(
      names = "--cdrom-bus",
      paramLabel = "BUS",
      description =
          "Bus for Xen's paravirtual CD-ROMs: ide (default; sata with q35), sata, scsi,"
              + " usb. Never virtio.")
  CdromBus cdromBus;

  @Option(
      names = "--disk-format",
      paramLabel = "raw|qcow2",
      description =
          "Format of the raw image files Xen used, when you converted them with"
              + " qemu-img (default: as the definition says).")
  DiskFormat diskFormat;

  @Option(
      names = "--cache",
      paramLabel = "MODE",
      description =
          "Cache mode for disks that name none: none (default, safe for live"
              + " migration), writethrough, writeback, directsync, unsafe, or hypervisor to leave"
              + " it to QEMU.")
  Cache cache;

  @Option(
      names = "--default-bridge",
      paramLabel = "BRIDGE",
      description =
          "Bridge for interfaces of type bridge that name none, which xend attached to"
              + " its default bridge: xenbr0 (default; Xen 3.0/3.1, RHEL 5), or eth0 on Xen 3.2 and"
              + " later. The report marks it as required.")
  String defaultBridge;

  @Option(
      names = "--nic-model",
      paramLabel = "MODEL",
      description =
          "NIC model for Xen's netfront and PV guests' NICs: virtio, e1000, e1000e, rtl8139"
              + " (default: virtio, but e1000 for an HVM guest's netfront unless the guest is"
              + " known to have virtio drivers).")
  NicModel nicModel;

  @Option(
      names = "--keep-qemu-passthrough",
      description =
          "Keep <qemu:commandline>, <qemu:capabilities> and the rest of QEMU's passthrough, and"
              + " interface down scripts, which no Xen driver writes and which run on the KVM host"
              + " as given; dropped by default (the report names them).")
  boolean keepQemuPassthrough;

  @Option(
      names = "--allow-host-resources",
      description =
          "Keep what the definition names of the host QEMU runs on: security labels, shared host"
              + " directories, character devices and logs on host paths, UEFI variable stores, ACPI"
              + " tables and firmware entries from files, host devices, host input, TPM and random"
              + " sources, and more (docs/fleet.md, \"Host resources\"); and --define takes disks"
              + " and kernels outside the target's storage pools. Taken out by default (the report"
              + " names each): a definition from another host names that host's resources.")
  boolean allowHostResources;

  /**
   * x2k convert's converter for these options, {@code mappings} and native configs of {@code
   * nativeFormat} (null: told from each config); {@code guestStep} when the guest step changes the
   * guest, which gives it virtio drivers.
   */
  DomainConverter converter(MappingOptions mappings, Format nativeFormat, boolean guestStep) {
    ConversionSettings settings = guestStep ? settings().withGuestVirtio() : settings();
    return DomainConverter.xenToKvm(settings, mappings.bridges, mappings.networks)
        .withNativeFormat(nativeFormat);
  }

  /** The domain type the conversion makes: --type, or kvm. */
  String domainType() {
    return type != null ? type.name() : DomainType.kvm.name();
  }

  /**
   * The KVM host described by --capabilities FILE, or null without the option.
   *
   * @throws ParameterException if FILE cannot be read or is not libvirt's capabilities
   */
  HostCapabilities capabilities() {
    if (capabilitiesFile == null) {
      return null;
    }
    String source = capabilitiesFile.toString();
    try {
      if (Files.size(capabilitiesFile) > HostCapabilities.MAX_BYTES) {
        throw new CapabilitiesException(
            source
                + ": over "
                + HostCapabilities.MAX_BYTES / (1024 * 1024)
                + " MiB: not libvirt's capabilities");
      }
      return HostCapabilities.parse(Files.readAllBytes(capabilitiesFile), source);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "--capabilities: cannot read " + source + ": " + IoReason.of(e));
    } catch (CapabilitiesException e) {
      throw new ParameterException(spec.commandLine(), "--capabilities: " + e.getMessage());
    }
  }

  /**
   * The conversion these options ask for, checked: a malformed machine type, emulator or bridge
   * name is a usage error.
   */
  ConversionSettings settings() {
    if (machine != null && !machine.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new ParameterException(
          spec.commandLine(),
          "--machine takes a machine type name" + " such as pc or q35, not '" + machine + "'");
    }
    if (emulator != null && !emulator.equals("none") && !emulator.startsWith("/")) {
      throw new ParameterException(
          spec.commandLine(), "--emulator takes an absolute path or none, not '" + emulator + "'");
    }
    if (defaultBridge != null && !ConversionSettings.isBridgeName(defaultBridge)) {
      throw new ParameterException(
          spec.commandLine(),
          "--default-bridge takes a bridge name"
              + " (letters, digits, . _ : -), not '"
              + defaultBridge
              + "'");
    }
    return new ConversionSettings(
        type,
        machine,
        emulator,
        boot,
        diskBus,
        emulatedDiskBus,
        cdromBus,
        diskFormat,
        cache,
        defaultBridge,
        nicModel,
        keepQemuPassthrough,
        allowHostResources,
        false);
  }
}
