package org.x2k.nativecfg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.x2k.nativecfg.XenConfig.Format;
import org.x2k.nativecfg.XenConfig.ListValue;
import org.x2k.nativecfg.XenConfig.Setting;
import org.x2k.nativecfg.XenConfig.Text;
import org.x2k.nativecfg.XenConfig.Value;

/**
 * Tells xl configs from xm ones by what only one of the two toolstacks reads. The dialects share
 * most keys; where they differ for the same text (an HVM guest's {@code kernel}, the {@code file:}
 * disk prefix, a vif's {@code type}), the guess matters, and is reported with its reason. With no
 * sign either way a config is taken as xl: xm left Xen in 4.5 and xl reads xm's common settings the
 * same way.
 */
public final class FormatDetector {
  /** The outcome and the first evidence for it, for the report. */
  public record Detection(Format format, String reason) {}

  /** Keys xend never knew (xl.cfg(5), libvirt's xen_xl.c). */
  private static final Set<String> XL_ONLY_KEYS =
      Set.of(
          "type",
          "spice",
          "spicehost",
          "spiceport",
          "spicetls_port",
          "spicedisable_ticketing",
          "spicepasswd",
          "spiceagent_mouse",
          "spicevdagent",
          "spice_clipboard_sharing",
          "spiceusbredirection",
          "channel",
          "usbctrl",
          "usbdev",
          "vnuma",
          "max_event_channels",
          "max_grant_frames",
          "max_maptrack_frames",
          "bios",
          "acpi_firmware",
          "device_model_version",
          "device_model_args",
          "device_model_args_hvm",
          "device_model_args_pv",
          "cmdline",
          "vdispl",
          "p9",
          "pvcalls",
          "vkb",
          "vsnd",
          "dtdev",
          "tee",
          "gic_version",
          "vuart",
          "nomigrate",
          "driver_domain",
          "device_model_stubdomain_override",
          "device_model_user",
          "vnclisten6",
          "altp2m",
          "mca_caps",
          "msitranslate",
          "rdm",
          "rdm_mem_boundary",
          "mmio_hole",
          "vga",
          "max_grant_version",
          "xen_platform_pci",
          "pvh",
          "passthrough",
          "trap_unmapped_accesses",
          "vcpu_hard_affinity",
          "vcpu_soft_affinity",
          "vpmu",
          "vcpu_migration_delay",
          "iomem");

  /** Keys only xend read (xmdomain.cfg(5)). */
  private static final Set<String> XM_ONLY_KEYS =
      Set.of(
          "vncconsole",
          "vncviewer",
          "on_xend_start",
          "on_xend_stop",
          "vtpm",
          "vscsi",
          "ioports_xm",
          "cpu_cap",
          "security",
          "access_control",
          "extid",
          "machine_address_size",
          "suppress_spurious_page_faults",
          "superpages",
          "s3_integrity",
          "tsc_native",
          "pci_msitranslate",
          "pci_power_mgmt",
          "xen_platform_pci_xm",
          "expose_host_uuid",
          "ip",
          "netmask",
          "gateway",
          "hostname",
          "dhcp",
          "interface",
          "nfs_server",
          "nfs_root");

  private FormatDetector() {}

  public static Detection detect(XenConfig config) {
    List<String> xl = new ArrayList<>();
    List<String> xm = new ArrayList<>();
    config.pythonOnly().forEach(construct -> xm.add("Python syntax (" + construct + ")"));
    Map<String, Setting> settings = config.effective();
    for (Setting setting : settings.values()) {
      String name = setting.name();
      if (XL_ONLY_KEYS.contains(name)) {
        xl.add("xl-only setting " + name + " (line " + setting.line() + ")");
      } else if (XM_ONLY_KEYS.contains(name)) {
        xm.add("xm-only setting " + name + " (line " + setting.line() + ")");
      }
    }
    String kernel = text(settings.get("kernel"));
    if (kernel != null && kernel.endsWith("hvmloader")) {
      xm.add("kernel is hvmloader, which xm loaded and xl loads by itself");
    }
    String deviceModel = text(settings.get("device_model"));
    if (deviceModel != null && deviceModel.endsWith("qemu-dm")) {
      xm.add("device_model " + deviceModel);
    }
    Setting disk = settings.get("disk");
    if (disk != null && disk.value() instanceof ListValue list) {
      for (Value item : list.items()) {
        if (item instanceof Text spec && spec.text().contains("=")) {
          xl.add("disk specification with key=value (line " + disk.line() + ")");
          break;
        }
      }
    }
    Setting serial = settings.get("serial");
    if (serial != null && serial.value() instanceof ListValue) {
      xl.add("a list of serial ports (line " + serial.line() + ")");
    }
    if (!xl.isEmpty()) {
      return new Detection(Format.XL, xl.get(0));
    }
    if (!xm.isEmpty()) {
      return new Detection(Format.XM, xm.get(0));
    }
    return new Detection(Format.XL, "nothing only xm reads");
  }

  private static String text(Setting setting) {
    return setting != null && setting.value() instanceof Text text ? text.text() : null;
  }
}
