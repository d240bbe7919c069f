package org.x2k.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;

/**
 * What xen2qemu.xsl's report mode said about one domain (see xslt/xen2qemu/report.xsl): the changes
 * made, the actions left to the administrator, the disk renaming map, the storage it uses, and for
 * a Xen domain what the guest step needs (guest-plan.xsl). Java only carries and formats it.
 */
public record Report(
    List<Change> changes,
    List<Action> actions,
    List<DeviceRename> devices,
    List<Storage> storage,
    Optional<GuestDomain> guest,
    List<DiskCopy> copies) {
  /** One kind of change, as one line. */
  public record Change(String code, String text) {}

  /** Something to do before the guest's first boot on KVM. */
  public record Action(String code, String severity, String text) {}

  /** A disk the guest knew as {@code from} is {@code to} on {@code bus} now. */
  public record DeviceRename(String from, String to, String bus) {}

  /** A disk image or device the domain uses, which must be reachable on the KVM host. */
  public record Storage(String path, String device) {}

  /**
   * A disk x2k copied (--copy-storage), which the domain names instead of its source.
   *
   * @param xenName the disk's name under Xen (its target dev in the Xen definition)
   * @param source what was read: a path on this host, or a volume's path and its host
   * @param target the copy's path on the KVM host
   * @param type the copy's disk type: file, or block for a pool of block devices
   * @param format the copy's format: raw or qcow2
   * @param size the disk's size as the guest sees it, bytes
   * @param bytes the bytes of data read, holes left out
   * @param seconds how long the copy took, verification included
   * @param verified whether the copy was read back and found the same as its source
   * @param kept whether an earlier run's copy, found the same as its source, was kept
   */
  public record DiskCopy(
      String xenName,
      String source,
      String target,
      String type,
      String format,
      long size,
      long bytes,
      double seconds,
      boolean verified,
      boolean kept) {}

  public static final Report EMPTY =
      new Report(List.of(), List.of(), List.of(), List.of(), Optional.empty(), List.of());

  /** The same report with other actions (the guest step's). */
  public Report withActions(List<Action> otherActions) {
    return new Report(changes, otherActions, devices, storage, guest, copies);
  }

  public Report {
    changes = List.copyOf(changes);
    actions = List.copyOf(actions);
    devices = List.copyOf(devices);
    storage = List.copyOf(storage);
    copies = List.copyOf(copies);
  }

  /** The same report with the disks x2k copied. */
  public Report withCopies(List<DiskCopy> diskCopies) {
    return new Report(changes, actions, devices, storage, guest, diskCopies);
  }

  /** Whether nothing was changed and nothing is left to do. */
  public boolean isEmpty() {
    return changes.isEmpty() && actions.isEmpty() && devices.isEmpty();
  }

  /** The reports of several stylesheets run one after the other, in that order. */
  static Report join(List<Report> reports) {
    List<Change> changes = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    List<DeviceRename> devices = new ArrayList<>();
    List<Storage> storage = new ArrayList<>();
    Optional<GuestDomain> guest = Optional.empty();
    for (Report report : reports) {
      changes.addAll(report.changes());
      actions.addAll(report.actions());
      devices.addAll(report.devices());
      storage.addAll(report.storage());
      guest = guest.or(report::guest);
    }
    return new Report(changes, actions, devices, storage, guest, List.of());
  }

  /** Reads a {@code <report>} document made by the stylesheet. */
  static Report from(XdmNode reportDocument) {
    List<Change> changes = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    List<DeviceRename> devices = new ArrayList<>();
    List<Storage> storage = new ArrayList<>();
    Optional<GuestDomain> guest = Optional.empty();
    for (XdmNode report : reportDocument.children("report")) {
      for (XdmNode entry : report.children()) {
        if (entry.getNodeKind() != XdmNodeKind.ELEMENT) {
          continue;
        }
        switch (entry.getNodeName().getLocalName()) {
          case "change" -> changes.add(new Change(entry.attribute("code"), entry.getStringValue()));
          case "action" ->
              actions.add(
                  new Action(
                      entry.attribute("code"),
                      entry.attribute("severity"),
                      entry.getStringValue()));
          case "device" ->
              devices.add(
                  new DeviceRename(
                      entry.attribute("from"), entry.attribute("to"), entry.attribute("bus")));
          case "storage" ->
              storage.add(new Storage(entry.attribute("path"), entry.attribute("device")));
          case "guest-plan" -> guest = Optional.of(GuestDomain.from(entry));
          default -> throw new IllegalStateException("unknown report entry " + entry.getNodeName());
        }
      }
    }
    return new Report(changes, actions, devices, storage, guest, List.of());
  }
}
