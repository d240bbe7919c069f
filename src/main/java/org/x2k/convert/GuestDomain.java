package org.x2k.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;

/**
 * What x2k guest needs of a conversion: the guest's disks with their names under Xen and on KVM,
 * its NICs' MACs, and how Xen booted it. The stylesheet decides it with the XML and reports it as
 * data (xslt/xen2qemu/guest-plan.xsl); this is that data, read from the report.
 *
 * @param disks the domain's disks (not CD-ROMs), in the domain's order
 * @param macs the MAC addresses of its NICs, in order
 * @param paravirtual whether Xen ran it paravirtualised
 * @param bootsFromDisk whether the converted domain boots from its disk rather than a kernel
 * @param xenCommandLine the kernel command line Xen gave it, or empty
 */
public record GuestDomain(
    List<Disk> disks,
    List<String> macs,
    boolean paravirtual,
    boolean bootsFromDisk,
    String xenCommandLine) {
  /**
   * One disk: its image or device on the host, its format on KVM (raw, qcow2, or empty) and as the
   * Xen definition declares it, its name in the guest under Xen and on KVM, and whether the domain
   * has it read-only or shareable.
   */
  public record Disk(
      String source,
      String format,
      String declaredFormat,
      String xenName,
      String kvmName,
      boolean readOnly) {}

  public GuestDomain {
    disks = List.copyOf(disks);
    macs = List.copyOf(macs);
  }

  /** The disk renaming, Xen name to KVM name. */
  public Map<String, String> renames() {
    Map<String, String> renames = new LinkedHashMap<>();
    disks.forEach(disk -> renames.put(disk.xenName(), disk.kvmName()));
    return renames;
  }

  /** Reads the report's {@code <guest-plan>}. */
  static GuestDomain from(XdmNode plan) {
    List<Disk> disks = new ArrayList<>();
    List<String> macs = new ArrayList<>();
    for (XdmNode entry : plan.children()) {
      if (entry.getNodeKind() != XdmNodeKind.ELEMENT) {
        continue;
      }
      switch (entry.getNodeName().getLocalName()) {
        case "disk" ->
            disks.add(
                new Disk(
                    entry.attribute("source"),
                    entry.attribute("format"),
                    entry.attribute("declared-format"),
                    entry.attribute("xen-name"),
                    entry.attribute("kvm-name"),
                    "true".equals(entry.attribute("read-only"))));
        case "nic" -> macs.add(entry.attribute("mac"));
        default -> throw new IllegalStateException("unknown guest-plan entry " + entry);
      }
    }
    return new GuestDomain(
        disks,
        macs,
        "true".equals(plan.attribute("paravirtual")),
        "true".equals(plan.attribute("boots-from-disk")),
        plan.attribute("command-line"));
  }
}
