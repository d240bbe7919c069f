package org.x2k.convert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The administrator's choices for one conversion (x2k convert's options), typed: each field is the
 * option's value, or null (false) to keep the stylesheet's default. {@link #stylesheetParameters}
 * is the one place that names xen2qemu.xsl's parameters (xslt/xen2qemu/params.xsl); the enums'
 * constants are the values the stylesheet's checks take (OptionValuesTest).
 *
 * @param domainType --type
 * @param machine --machine, a machine type name
 * @param emulator --emulator: an absolute path, or none
 * @param boot --boot
 * @param diskBus --disk-bus
 * @param emulatedDiskBus --emulated-disk-bus
 * @param cdromBus --cdrom-bus
 * @param diskFormat --disk-format
 * @param cache --cache
 * @param defaultBridge --default-bridge, a bridge name
 * @param nicModel --nic-model
 * @param keepQemuPassthrough --keep-qemu-passthrough
 * @param allowHostResources --allow-host-resources
 * @param guestHasVirtio the guest step puts virtio drivers into the guest (--guest, x2k guest), so
 *     that an HVM guest's Xen disks may go to virtio too
 */
public record ConversionSettings(
    DomainType domainType,
    String machine,
    String emulator,
    Boot boot,
    DiskBus diskBus,
    DiskBus emulatedDiskBus,
    CdromBus cdromBus,
    DiskFormat diskFormat,
    Cache cache,
    String defaultBridge,
    NicModel nicModel,
    boolean keepQemuPassthrough,
    boolean allowHostResources,
    boolean guestHasVirtio) {

  /** Every choice left to the stylesheet. */
  public static final ConversionSettings DEFAULTS =
      new ConversionSettings(
          null, null, null, null, null, null, null, null, null, null, null, false, false, false);

  public enum DomainType {
    kvm,
    qemu
  }

  public enum Boot {
    kernel,
    disk
  }

  public enum DiskBus {
    virtio,
    scsi,
    sata,
    ide,
    usb
  }

  public enum CdromBus {
    ide,
    sata,
    scsi,
    usb
  }

  public enum DiskFormat {
    raw,
    qcow2
  }

  public enum Cache {
    none,
    writethrough,
    writeback,
    directsync,
    unsafe,
    /** no cache mode: QEMU's own default */
    hypervisor
  }

  public enum NicModel {
    virtio,
    e1000,
    e1000e,
    rtl8139
  }

  /**
   * The guest's own kernel, copied out to the host by the guest step, which the converted domain
   * boots directly.
   *
   * @param kernel the kernel's path on the host
   * @param initrd its initramfs's path on the host
   * @param commandLine its command line
   */
  public record DirectBoot(String kernel, String initrd, String commandLine) {
    /** xen2qemu.xsl's parameters for it. */
    Map<String, String> stylesheetParameters() {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("guest-kernel", kernel);
      parameters.put("guest-initrd", initrd);
      parameters.put("guest-cmdline", commandLine);
      return parameters;
    }
  }

  /**
   * Whether {@code name} can be a Linux bridge or libvirt network name as the stylesheets take it
   * (--bridge, --network, --default-bridge, the hook's mappings): no blanks, slashes or '='.
   */
  public static boolean isBridgeName(String name) {
    return name.matches("[A-Za-z0-9][A-Za-z0-9._:-]*");
  }

  /** These choices, for a guest that the guest step gives virtio drivers. */
  public ConversionSettings withGuestVirtio() {
    return new ConversionSettings(
        domainType,
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
        true);
  }

  /** The domain type the conversion makes. */
  public String domainTypeName() {
    return domainType != null ? domainType.name() : DomainType.kvm.name();
  }

  /** xen2qemu.xsl's parameters for these choices, by name; those not chosen are left out. */
  public Map<String, String> stylesheetParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    put(parameters, "domain-type", domainType);
    if (machine != null) {
      parameters.put("machine", machine);
    }
    if (emulator != null) {
      parameters.put("emulator", emulator);
    }
    put(parameters, "boot", boot);
    put(parameters, "disk-bus", diskBus);
    put(parameters, "emulated-disk-bus", emulatedDiskBus);
    put(parameters, "cdrom-bus", cdromBus);
    put(parameters, "disk-format", diskFormat);
    if (cache != null) {
      parameters.put("disk-cache", cache == Cache.hypervisor ? "" : cache.name());
    }
    if (defaultBridge != null) {
      parameters.put("default-bridge", defaultBridge);
    }
    put(parameters, "nic-model", nicModel);
    if (keepQemuPassthrough) {
      parameters.put("keep-qemu-passthrough", "true");
    }
    if (allowHostResources) {
      parameters.put("allow-host-resources", "true");
    }
    if (guestHasVirtio) {
      parameters.put("virtio-known", "true");
    }
    return parameters;
  }

  private static void put(Map<String, String> parameters, String name, Enum<?> value) {
    if (value != null) {
      parameters.put(name, value.name());
    }
  }
}
