package org.x2k.guest.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.DiskNames;
import org.x2k.guest.Filesystem;
import org.x2k.guest.Finding;
import org.x2k.guest.GuestChange;
import org.x2k.guest.GuestChanges;
import org.x2k.guest.GuestException;
import org.x2k.guest.GuestFacts;
import org.x2k.guest.GuestFiles;
import org.x2k.guest.GuestPlan;
import org.x2k.guest.GuestText;
import org.x2k.guest.KernelBoot;

/**
 * Works out every change a guest needs, without making any: the per-file rules (one class per
 * concern) read the guest through {@link GuestFiles} and record edits here. The same result is
 * applied, shown as a diff (--dry-run), or compared with a golden tree.
 */
public final class Planner {
  final GuestFiles files;
  final GuestFacts facts;
  final GuestPlan plan;
  final BootStack boot;
  private final Map<String, String> edited = new LinkedHashMap<>();
  private final Map<String, byte[]> originals = new LinkedHashMap<>();
  private final Map<String, String> reasons = new LinkedHashMap<>();
  private final List<GuestChange> removals = new ArrayList<>();
  private final List<GuestChange> commands = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> completed = new TreeSet<>();
  private KernelBoot kernelBoot;

  private Planner(GuestFiles files, GuestFacts facts, GuestPlan plan, BootStack boot) {
    this.files = files;
    this.facts = facts;
    this.plan = plan;
    this.boot = boot;
  }

  /** Every change {@code files} needs for {@code plan}. */
  public static GuestChanges plan(GuestFiles files, GuestFacts facts, GuestPlan plan)
      throws GuestException {
    Planner planner = new Planner(files, facts, plan, BootStack.detect(files));
    if (!facts.isKnownDistribution()) {
      planner.finding(
          "guest-unknown-distribution",
          "required",
          "x2k does not know how to change "
              + describe(facts)
              + " offline; change it by hand as the report says");
      return planner.result(true);
    }
    BootStack boot = planner.boot;
    if (boot.forKvm().isEmpty() && plan.bootsFromDisk()) {
      planner.finding(
          "guest-xen-kernel-only",
          "required",
          boot.kernels().isEmpty()
              ? "the guest has no kernel of its own in /boot: install a standard kernel in it"
                  + " while it still runs on Xen, then convert it again"
              : "the guest has only Xen kernels ("
                  + String.join(", ", boot.versions())
                  + "), which cannot boot on KVM: install a standard kernel in it while it still"
                  + " runs on Xen, then convert it again");
      return planner.result(true);
    }
    StorageRules.apply(planner);
    planner.completed.addAll(StorageRules.COMPLETES);
    BootloaderRules.apply(planner);
    planner.completed.addAll(BootloaderRules.COMPLETES);
    ConsoleRules.apply(planner);
    planner.completed.addAll(ConsoleRules.COMPLETES);
    NetworkRules.apply(planner);
    planner.completed.addAll(NetworkRules.COMPLETES);
    InitramfsRules.apply(planner);
    BootRules.apply(planner);
    planner.completed.addAll(BootRules.COMPLETES);
    SelinuxRules.apply(planner);
    return planner.result(false);
  }

  private GuestChanges result(boolean refused) {
    List<GuestChange> changes = new ArrayList<>();
    for (Map.Entry<String, String> entry : edited.entrySet()) {
      byte[] before = originals.get(entry.getKey());
      byte[] after = GuestText.encode(entry.getValue());
      if (before == null || !Arrays.equals(before, after)) {
        changes.add(
            new GuestChange.Edit(entry.getKey(), before, after, reasons.get(entry.getKey())));
      }
    }
    changes.addAll(removals);
    changes.addAll(commands);
    return new GuestChanges(
        changes,
        findings,
        Optional.ofNullable(kernelBoot),
        refused,
        refused ? Set.of() : completed);
  }

  static String describe(GuestFacts facts) {
    String name = facts.product().isBlank() ? facts.distro() : facts.product();
    return name.isBlank() || name.equals("unknown") ? "an unknown distribution" : name;
  }

  /** The file's text as earlier rules left it, or as it is in the guest; empty if it is none. */
  Optional<String> text(String path) throws GuestException {
    if (edited.containsKey(path)) {
      return Optional.of(edited.get(path));
    }
    if (!files.isFile(path)) {
      return Optional.empty();
    }
    return files.readText(path);
  }

  /** Records {@code text} as the new content of {@code path}, for {@code why}. */
  void edit(String path, String text, String why) throws GuestException {
    if (!edited.containsKey(path)) {
      originals.put(path, files.isFile(path) ? files.read(path).orElse(null) : null);
      reasons.put(path, why);
    } else if (!reasons.get(path).contains(why)) {
      reasons.put(path, reasons.get(path) + "; " + why);
    }
    edited.put(path, text);
  }

  void unlink(String path, String target, String why) {
    removals.add(new GuestChange.Unlink(path, target, why));
  }

  void run(List<String> argv, List<String> rewrites, String why) {
    commands.add(new GuestChange.Run(argv, rewrites, why));
  }

  void installBootloader(GuestChange.InstallBootloader install) {
    commands.add(install);
  }

  void finding(String code, String severity, String text) {
    findings.add(new Finding(code, severity, text));
  }

  void bootKernel(KernelBoot boot) {
    this.kernelBoot = boot;
  }

  /** Whether a rule creates a file that was not there. */
  boolean createsFiles() {
    return edited.keySet().stream().anyMatch(path -> originals.get(path) == null);
  }

  /** Whether a rule already changed {@code path}. */
  boolean isEdited(String path) {
    return edited.containsKey(path);
  }

  // --- device names -------------------------------------------------------------------------

  /** /dev/ and a disk name: groups 1 prefix, 2 letters, 3 partition (DiskNames.XEN_DISK_NAME). */
  private static final Pattern DEVICE = Pattern.compile("/dev/" + DiskNames.XEN_DISK_NAME);

  /**
   * The name by which fstab, crypttab and the kernel find {@code device} (/dev/xvda1) on Xen and
   * KVM alike (UUID=...), if it is a device of the guest's disks under Xen.
   */
  Optional<String> stableReference(String device) {
    return filesystemOf(device).flatMap(Filesystem::stableReference);
  }

  /** The filesystem the guest knew as {@code device} under Xen, if x2k found it. */
  Optional<Filesystem> filesystemOf(String device) {
    Matcher matcher = DEVICE.matcher(device);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String partition = matcher.group(3);
    for (String alias : aliases(matcher.group(1), matcher.group(2))) {
      Optional<Filesystem> found = facts.filesystem(alias + partition);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The names a guest may use for a disk: under Xen an emulated IDE or SCSI disk with PV drivers is
   * also seen as xvdX, and libata names hdX sdX.
   */
  private static List<String> aliases(String diskPrefix, String letters) {
    String disk = diskPrefix + letters;
    List<String> names = new ArrayList<>();
    names.add(disk);
    for (String prefix : List.of("xvd", "hd", "sd")) {
      if (!disk.equals(prefix + letters)) {
        names.add(prefix + letters);
      }
    }
    return names;
  }

  /**
   * Whether {@code device} names one of the guest's disks under Xen (renamed on KVM) although x2k
   * cannot name it stably.
   */
  boolean isRenamedDisk(String device) {
    return kvmName(device).isPresent();
  }

  /** The name {@code device} (/dev/xvda1) has on KVM (/dev/vda1), if it is on a renamed disk. */
  Optional<String> kvmName(String device) {
    Matcher matcher = DEVICE.matcher(device);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String disk = matcher.group(1) + matcher.group(2);
    String whole = disk + matcher.group(3);
    if (plan.diskRenames().containsKey(whole)) {
      // an image of one partition (xen-tools): attached as a whole disk
      return Optional.of("/dev/" + plan.diskRenames().get(whole));
    }
    return Optional.ofNullable(plan.diskRenames().get(disk))
        .map(renamed -> "/dev/" + renamed + matcher.group(3));
  }

  /** Rewrites every Xen device name in {@code text} that has a stable name; reports the rest. */
  String stableDevices(String text, String where) {
    Matcher matcher = DEVICE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String device = matcher.group();
      boolean wholeWord =
          (matcher.start() == 0 || !isDeviceChar(text.charAt(matcher.start() - 1)))
              && (matcher.end() == text.length() || !isDeviceChar(text.charAt(matcher.end())));
      Optional<String> stable = wholeWord ? stableReference(device) : Optional.empty();
      if (stable.isPresent()) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(stable.get()));
      } else {
        if (wholeWord && isRenamedDisk(device)) {
          unnamed(device, where);
        }
        matcher.appendReplacement(out, Matcher.quoteReplacement(device));
      }
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** {@code field} by its stable name if it is exactly a Xen device name of the guest. */
  String stableDevicesIfWhole(String field, String where) {
    return DEVICE.matcher(field).matches() ? stableDevices(field, where) : field;
  }

  private static boolean isDeviceChar(char c) {
    return Character.isLetterOrDigit(c) || c == '/' || c == '_' || c == '-';
  }

  private final Set<String> reportedUnnamed = new HashSet<>();

  private void unnamed(String device, String where) {
    if (reportedUnnamed.add(device + where)) {
      finding(
          "guest-device-unnamed",
          "required",
          where
              + " names "
              + device
              + ", which has no UUID or label x2k could find on the domain's disks: name it"
              + " by UUID= or LABEL= (on KVM it is "
              + kvmName(device).orElse("renamed")
              + ")");
    }
  }
}
