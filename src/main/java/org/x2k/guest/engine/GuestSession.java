package org.x2k.guest.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.DiskKey;
import org.x2k.guest.Filesystem;
import org.x2k.guest.Finding;
import org.x2k.guest.GuestChange;
import org.x2k.guest.GuestChanges;
import org.x2k.guest.GuestException;
import org.x2k.guest.GuestFacts;
import org.x2k.guest.GuestPlan;
import org.x2k.guest.GuestText;
import org.x2k.guest.KernelBoot;
import org.x2k.guest.rules.Planner;
import org.x2k.io.OutputException;
import org.x2k.io.OutputFiles;
import org.x2k.text.UnifiedDiff;

/**
 * One guest's disks opened with libguestfs: inspected, then changed (or shown as a diff, or
 * undone). The disks are opened read-only for --dry-run.
 */
public final class GuestSession {
  /** A disk of the domain: its image on this host, format, and name in the guest under Xen. */
  /**
   * One of the guest's disks.
   *
   * @param format as the definition names it ("" for none: raw)
   * @param readOnly whether the domain has it read-only or shared: then nothing is written to it
   */
  public record Disk(Path image, String format, String xenName, boolean readOnly) {
    /** Whether x2k may write to it in {@code mode}. */
    boolean writable(Mode mode) {
      return mode != Mode.DRY_RUN && !readOnly;
    }
  }

  public enum Mode {
    APPLY,
    DRY_RUN,
    UNDO
  }

  /**
   * What happened in the guest.
   *
   * @param findings for the report: what was done ("done"), what is left, why it was refused
   * @param diff --dry-run: the unified diff of every guest file that would change
   * @param kernel the guest's kernel, initramfs and command line on this host, for direct boot
   * @param completedActions the XML report's actions now done in the guest (none unless applied)
   */
  public record Result(
      List<Finding> findings,
      String diff,
      Optional<HostKernel> kernel,
      boolean refused,
      Set<String> completedActions) {
    Result(List<Finding> findings, String diff, Optional<HostKernel> kernel, boolean refused) {
      this(findings, diff, kernel, refused, Set.of());
    }
  }

  /** The guest's kernel and initramfs, copied to this host. */
  public record HostKernel(Path kernel, Path initrd, String commandLine) {}

  private GuestSession() {}

  /**
   * Opens {@code disks}, finds the guest on them, and does {@code mode}.
   *
   * @param bootDirectory where the guest's own kernel is copied when it must be booted directly
   * @param seal binds the undo manifest in the guest to this host and the domain
   * @param clock times each stage and the appliance calls in it
   * @param keys for the guest's encrypted devices
   */
  public static Result run(
      List<Disk> disks,
      GuestPlan plan,
      Mode mode,
      BootDirectory bootDirectory,
      ManifestSeal seal,
      StageClock clock,
      List<DiskKey> keys)
      throws GuestException {
    clock.stage("disk checks");
    List<String> formats = new ArrayList<>();
    for (Disk disk : disks) {
      HostDisks.check(disk.image());
      formats.add(DiskFormats.toOpen(disk.image(), disk.format()));
    }
    clock.stage("launch");
    try (Libguestfs guest = Libguestfs.create(clock)) {
      for (int i = 0; i < disks.size(); i++) {
        guest.addDrive(disks.get(i).image(), formats.get(i), disks.get(i).writable(mode));
      }
      guest.launch();
      clock.stage("inspection");
      // the appliance's disks, in the order they were added: asked once, used below
      List<String> devices = guest.devices();
      Map<String, String> xenNames = xenNames(guest, devices, disks);
      Map<String, String> types = guest.filesystems();
      // list_filesystems leaves LUKS devices out: they are found among the rest by their type
      List<String> encrypted = new ArrayList<>();
      for (String device : union(devices, guest.partitions())) {
        if (!types.containsKey(device)
            && guest.filesystemAttribute("type", device).equals("crypto_LUKS")) {
          encrypted.add(device);
        }
      }
      Map<String, Opened> opened = new TreeMap<>();
      List<String> locked = openEncrypted(guest, encrypted, xenNames, keys, opened);
      if (!opened.isEmpty()) {
        types = guest.filesystems(); // what the opened devices hold
        types = underGuestNames(guest, opened, types, xenNames);
      }
      // the LUKS devices themselves, for crypttab's names of them (by their header's UUID)
      types = new HashMap<>(types);
      for (String device : encrypted) {
        types.putIfAbsent(device, "crypto_LUKS");
      }
      List<String> roots = guest.inspectOs();
      if (roots.isEmpty()) {
        return refused(
            locked.isEmpty() ? "guest-no-system" : "guest-encrypted",
            locked.isEmpty()
                ? "x2k found no operating system on the domain's disks"
                : "its disks hold encrypted devices ("
                    + String.join(", ", locked)
                    + ") and no operating system x2k can read: give their key with --key"
                    + " ID:key:PASSPHRASE or --key ID:file:FILE (ID: the device, its LUKS UUID,"
                    + " or all), or make the changes the report lists inside the guest while it"
                    + " still runs on Xen");
      }
      if (roots.size() > 1) {
        return refused(
            "guest-several-systems",
            "the disks hold " + roots.size() + " operating systems: x2k changes one guest only");
      }
      String root = roots.get(0);
      if (!guest.inspect("type", root).equals("linux")) {
        return refused(
            "guest-not-linux",
            "the guest runs " + guest.inspect("type", root) + ": x2k changes Linux guests only");
      }
      List<Finding> mountFindings = new ArrayList<>();
      List<String> readOnlyDisks = new ArrayList<>();
      for (int i = 0; i < devices.size() && i < disks.size(); i++) {
        if (!disks.get(i).writable(mode)) {
          readOnlyDisks.add(devices.get(i));
        }
      }
      clock.stage("mount");
      String rootDevice = mount(guest, root, types, xenNames, readOnlyDisks, mountFindings);
      if (mode == Mode.UNDO) {
        clock.stage("undo");
        List<Finding> findings = new ArrayList<>();
        GuestEditor.Undone undone = GuestEditor.undo(guest, guest, seal);
        for (String step : undone.steps()) {
          findings.add(new Finding("guest-undone", "done", step));
        }
        for (String problem : undone.problems()) {
          findings.add(new Finding("guest-undo", "required", problem));
        }
        if (undone.problems().isEmpty()) {
          findings.add(
              new Finding("guest-undo", "done", "every change x2k made in the guest is undone"));
        }
        clock.stage("shutdown");
        guest.shutdown();
        return new Result(findings, "", Optional.empty(), false);
      }
      clock.stage("plan");
      GuestFacts facts = facts(guest, devices.get(0), root, rootDevice, types, xenNames);
      GuestChanges changes = Planner.plan(guest, facts, plan);
      List<Finding> findings = new ArrayList<>(mountFindings);
      findings.addAll(changes.findings());
      if (changes.refused()) {
        clock.stage("shutdown");
        guest.shutdown();
        return new Result(findings, "", Optional.empty(), true);
      }
      if (mode == Mode.DRY_RUN) {
        String diff = diff(changes);
        clock.stage("shutdown");
        guest.shutdown();
        return new Result(findings, diff, Optional.empty(), false);
      }
      if (changes.kernelBoot().isPresent()) {
        // before anything changes: a kernel too large to copy out refuses the guest unchanged
        checkCopyable(guest::size, changes.kernelBoot().get(), bootDirectory.path());
      }
      clock.stage("apply");
      GuestEditor.apply(guest, changes.changes(), guest, seal);
      for (GuestChange change : changes.changes()) {
        findings.add(new Finding("guest-changed", "done", describe(change)));
      }
      Optional<HostKernel> kernel = Optional.empty();
      if (changes.kernelBoot().isPresent()) {
        KernelBoot boot = changes.kernelBoot().get();
        clock.stage("copy-out");
        kernel = Optional.of(copyOut(guest, boot, bootDirectory));
        findings.add(
            new Finding(
                "guest-kernel-copied",
                "done",
                "the guest boots its own kernel "
                    + boot.version()
                    + ", copied out to "
                    + bootDirectory.path()
                    + " (copy it there on the KVM host too)"));
      }
      clock.stage("shutdown");
      guest.shutdown();
      return new Result(findings, "", kernel, false, changes.completedActions());
    }
  }

  private static List<String> union(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    second.stream().filter(item -> !all.contains(item)).forEach(all::add);
    return all;
  }

  /** A LUKS device x2k opened: its name under /dev/mapper and the key that opened it. */
  private record Opened(String name, String passphrase, String uuid) {}

  /**
   * Opens each LUKS device a key is given for (by its Xen name, the appliance's name, its UUID, or
   * all), noting each in {@code opened}; the devices left locked, by their Xen names where known.
   */
  private static List<String> openEncrypted(
      Libguestfs guest,
      List<String> encrypted,
      Map<String, String> xenNames,
      List<DiskKey> keys,
      Map<String, Opened> opened)
      throws GuestException {
    List<String> locked = new ArrayList<>();
    for (String device : encrypted) {
      String xenName = xenNames.getOrDefault(device, "");
      String named = xenName.isEmpty() ? device : "/dev/" + xenName;
      String uuid = guest.filesystemAttribute("uuid", device);
      Optional<DiskKey> key = DiskKey.forDevice(keys, device, xenName, uuid);
      if (key.isEmpty()) {
        locked.add(named);
        continue;
      }
      try {
        // writable above a read-only disk too: libguestfs keeps a read-only drive's writes in
        // an overlay it discards, and a read-only mapping would refuse the root's mount
        String name = "x2k-luks-" + opened.size();
        guest.openEncrypted(device, key.get().passphraseText(), name);
        opened.put(device, new Opened(name, key.get().passphraseText(), uuid));
      } catch (GuestException e) {
        throw GuestException.refused(
            "the key given for " + named + " does not open it (" + e.getMessage() + ")",
            "guest-encrypted");
      }
    }
    return locked;
  }

  /** Filesystem types a Linux root can have, where an /etc/crypttab is looked for. */
  private static final Set<String> ROOT_TYPES =
      Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "jfs", "reiserfs");

  /**
   * Opens again, under the name the guest's crypttab gives it, each opened device crypttab names
   * otherwise (see {@link LuksNames}); {@code types} with the mappings' new names. The crypttab is
   * looked for on every filesystem a root can be on, mounted read-only one at a time.
   */
  private static Map<String, String> underGuestNames(
      Libguestfs guest,
      Map<String, Opened> opened,
      Map<String, String> types,
      Map<String, String> xenNames)
      throws GuestException {
    Optional<String> crypttab = Optional.empty();
    for (String mountable : new TreeMap<>(types).keySet()) {
      if (crypttab.isPresent() || !ROOT_TYPES.contains(types.get(mountable))) {
        continue;
      }
      try {
        guest.mount(mountable, "/", false);
        crypttab = guest.read("/etc/crypttab").map(GuestText::decode);
      } catch (GuestException e) {
        // not mountable here: the next one may hold the crypttab
      } finally {
        guest.unmountAll();
      }
    }
    Map<String, String> uuids = new HashMap<>();
    opened.forEach((device, open) -> uuids.put(device, open.uuid()));
    Map<String, String> names = LuksNames.fromCrypttab(crypttab.orElse(""), uuids, xenNames);
    Map<String, String> renamed = new HashMap<>();
    for (Map.Entry<String, String> entry : names.entrySet()) {
      Opened open = opened.get(entry.getKey());
      if (opened.values().stream().anyMatch(other -> other.name().equals(entry.getValue()))) {
        continue; // its name already, or another device's name of x2k's
      }
      guest.closeEncrypted(open.name());
      guest.openEncrypted(entry.getKey(), open.passphrase(), entry.getValue());
      opened.put(entry.getKey(), new Opened(entry.getValue(), open.passphrase(), open.uuid()));
      renamed.put("/dev/mapper/" + open.name(), "/dev/mapper/" + entry.getValue());
    }
    if (renamed.isEmpty()) {
      return types;
    }
    Map<String, String> named = new HashMap<>();
    types.forEach((mountable, type) -> named.put(renamedMountable(mountable, renamed), type));
    return named;
  }

  /** {@code mountable} (a device, or btrfsvol:DEVICE/SUBVOLUME) with its mapping renamed. */
  static String renamedMountable(String mountable, Map<String, String> renamed) {
    for (Map.Entry<String, String> entry : renamed.entrySet()) {
      String old = entry.getKey();
      for (String prefix : List.of("", "btrfsvol:")) {
        String from = prefix + old;
        if (mountable.equals(from) || mountable.startsWith(from + "/")) {
          return prefix + entry.getValue() + mountable.substring(from.length());
        }
      }
    }
    return mountable;
  }

  private static Result refused(String code, String text) {
    return new Result(List.of(new Finding(code, "required", text)), "", Optional.empty(), true);
  }

  /** The appliance's device names (/dev/sda1, /dev/sdb) to the guest's under Xen (xvda1, xvda2). */
  private static Map<String, String> xenNames(
      Libguestfs guest, List<String> devices, List<Disk> disks) throws GuestException {
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < devices.size() && i < disks.size(); i++) {
      names.put(devices.get(i), disks.get(i).xenName());
    }
    for (String partition : guest.partitions()) {
      String device = partition.replaceFirst("[0-9]+$", "");
      String number = partition.substring(device.length());
      if (names.containsKey(device)) {
        names.put(partition, names.get(device) + number);
      }
    }
    return names;
  }

  /**
   * What the planner knows of the guest. {@code root} is inspection's mountable, {@code rootDevice}
   * the device it is on, named as the disks were added.
   */
  static GuestFacts facts(
      Libguestfs guest,
      String firstDisk,
      String root,
      String rootDevice,
      Map<String, String> types,
      Map<String, String> xenNames)
      throws GuestException {
    Map<String, Filesystem> filesystems = new HashMap<>();
    for (Map.Entry<String, String> entry : types.entrySet()) {
      String xenName = xenNames.get(entry.getKey());
      if (xenName != null && !entry.getValue().equals("unknown")) {
        filesystems.put(
            xenName,
            new Filesystem(
                xenName,
                entry.getValue(),
                guest.filesystemAttribute("uuid", entry.getKey()),
                guest.filesystemAttribute("label", entry.getKey())));
      }
    }
    String subvolume = root.startsWith("btrfsvol:") ? guest.subvolume(root) : "";
    int major = Integer.parseInt(guest.inspect("major_version", root));
    int minor = Integer.parseInt(guest.inspect("minor_version", root));
    String bootDisk = guest.partitionTableType(firstDisk).equals("msdos") ? firstDisk : "";
    return new GuestFacts(
        guest.inspect("distro", root),
        major,
        minor,
        guest.inspect("product_name", root),
        filesystems,
        xenNames.getOrDefault(rootDevice, rootDevice),
        bootDisk,
        subvolume);
  }

  /**
   * Mounts the root filesystem, then the others its fstab lists (/boot, /usr, /var, ...), shortest
   * mount point first. The fstab's devices are found by UUID=, LABEL=, LVM names, or their Xen
   * names (xvda1) through the disks x2k added; libguestfs's own guess maps xvdXN to partition N of
   * one disk, which is wrong for images of one filesystem each (xen-tools).
   */
  static String mount(
      Libguestfs guest,
      String root,
      Map<String, String> types,
      Map<String, String> xenNames,
      List<String> readOnlyDisks,
      List<Finding> findings)
      throws GuestException {
    guest.mount(root, "/", writable(root, readOnlyDisks));
    // A btrfs subvolume root is libguestfs's "btrfsvol:DEVICE/SUBVOLUME", whose DEVICE is the
    // appliance kernel's name: /dev/sdb2 for the first disk's second partition when the kernel
    // found the appliance's own disk first (virtio-scsi scans asynchronously; under load it
    // happens), where plain devices are named as the disks were added (/dev/sda2), as are those
    // mountpoints lists. Asked before anything else is mounted: it maps each device to one mount
    // point, and /boot may be a subvolume of the same device.
    String rootDevice =
        root.startsWith("btrfsvol:") ? guest.mountedDevices().getOrDefault("/", root) : root;
    Map<String, String> byXenName = new HashMap<>();
    xenNames.forEach((device, xenName) -> byXenName.put("/dev/" + xenName, device));
    Map<String, String> mounts =
        new TreeMap<>(
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
    String fstab = guest.readText("/etc/fstab").orElse("");
    for (String line : fstab.lines().toList()) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length < 3
          || fields[0].startsWith("#")
          || !fields[1].startsWith("/")
          || fields[1].equals("/")
          || NOT_MOUNTED.contains(fields[2])
          || (fields.length > 3 && fields[3].matches("(.*,)?(noauto|bind)(,.*)?"))) {
        continue;
      }
      Optional<String> device = device(guest, fields[0], types, byXenName);
      if (device.isPresent()) {
        mounts.put(fields[1], mountable(device.get(), fields.length > 3 ? fields[3] : ""));
      } else {
        findings.add(
            new Finding(
                "guest-not-mounted",
                "info",
                "x2k did not find "
                    + fields[0]
                    + " ("
                    + fields[1]
                    + " in the guest's fstab) on the domain's disks; files there were not looked"
                    + " at"));
      }
    }
    for (Map.Entry<String, String> mount : mounts.entrySet()) {
      if (guest.isDirectory(mount.getKey())) {
        guest.mount(mount.getValue(), mount.getKey(), writable(mount.getValue(), readOnlyDisks));
      }
    }
    return rootDevice;
  }

  private static final Pattern SUBVOLUME = Pattern.compile("(?:^|,)subvol=/*([^,]+)");

  /**
   * What libguestfs mounts for an fstab entry on {@code device} with {@code options}: a btrfs
   * subvolume (subvol=@home, as SUSE and Fedora lay them out) is libguestfs's
   * "btrfsvol:DEVICE/SUBVOLUME"; the device alone would mount the filesystem's top level.
   */
  static String mountable(String device, String options) {
    Matcher subvolume = SUBVOLUME.matcher(options);
    if (subvolume.find() && !device.startsWith("btrfsvol:")) {
      return "btrfsvol:" + device + "/" + subvolume.group(1);
    }
    return device;
  }

  /** Whether {@code device} (a disk, a partition of one, or LVM's) may be mounted writable. */
  static boolean writable(String device, List<String> readOnlyDisks) {
    return readOnlyDisks.stream()
        .noneMatch(disk -> device.equals(disk) || device.matches(Pattern.quote(disk) + "[0-9]+"));
  }

  private static final Set<String> NOT_MOUNTED =
      Set.of(
          "swap",
          "proc",
          "sysfs",
          "tmpfs",
          "devpts",
          "nfs",
          "nfs4",
          "cifs",
          "smbfs",
          "none",
          "usbfs",
          "devtmpfs",
          "cgroup",
          "securityfs",
          "debugfs",
          "auto");

  /** The appliance's device for fstab's first field, if it is on the domain's disks. */
  private static Optional<String> device(
      Libguestfs guest, String field, Map<String, String> types, Map<String, String> byXenName) {
    String value = field;
    String attribute = null;
    if (field.startsWith("UUID=") || field.startsWith("/dev/disk/by-uuid/")) {
      attribute = "uuid";
      value = field.replaceFirst("^(UUID=|/dev/disk/by-uuid/)", "");
    } else if (field.startsWith("LABEL=") || field.startsWith("/dev/disk/by-label/")) {
      attribute = "label";
      value = field.replaceFirst("^(LABEL=|/dev/disk/by-label/)", "");
    }
    if (attribute != null) {
      // a btrfs filesystem's subvolumes share its UUID: the device itself, then subvol= decides
      for (String device :
          types.keySet().stream().filter(d -> !d.startsWith("btrfsvol:")).sorted().toList()) {
        if (guest.filesystemAttribute(attribute, device).equalsIgnoreCase(value)) {
          return Optional.of(device);
        }
      }
      return Optional.empty();
    }
    if (byXenName.containsKey(field)) {
      return Optional.of(byXenName.get(field));
    }
    if (types.containsKey(field)) {
      return Optional.of(field); // an LVM volume, /dev/VG/LV
    }
    if (field.startsWith("/dev/mapper/")) {
      // /dev/mapper/VG-LV, where a dash in either name is doubled
      String[] parts = field.substring(12).split("(?<!-)-(?!-)", 2);
      if (parts.length == 2) {
        String lv = "/dev/" + parts[0].replace("--", "-") + "/" + parts[1].replace("--", "-");
        if (types.containsKey(lv)) {
          return Optional.of(lv);
        }
      }
    }
    return Optional.empty();
  }

  static String diff(GuestChanges changes) {
    StringBuilder out = new StringBuilder();
    for (GuestChange change : changes.changes()) {
      if (change instanceof GuestChange.Edit edit) {
        out.append(
            UnifiedDiff.of(
                "guest:" + edit.path(),
                edit.before() == null ? "" : GuestText.decode(edit.before()),
                GuestText.decode(edit.after())));
      } else {
        // "ran" is the one past tense unlike its participle
        out.append("# would have ")
            .append(describe(change).replaceFirst("^ran ", "run "))
            .append('\n');
      }
    }
    changes
        .kernelBoot()
        .ifPresent(
            boot ->
                out.append("# would copy out ")
                    .append(boot.kernel())
                    .append(" and ")
                    .append(boot.initrd())
                    .append(" and boot them with: ")
                    .append(boot.commandLine())
                    .append('\n'));
    return out.toString();
  }

  static String describe(GuestChange change) {
    if (change instanceof GuestChange.Edit edit) {
      return (edit.before() == null ? "created " : "changed ") + edit.path() + ": " + edit.why();
    }
    if (change instanceof GuestChange.Unlink unlink) {
      return "removed " + unlink.path() + ": " + unlink.why();
    }
    if (change instanceof GuestChange.InstallBootloader install) {
      return "installed GRUB on "
          + install.disk()
          + " (the guest's first disk) and made "
          + install.directory()
          + "/grub.cfg again: "
          + install.why();
    }
    GuestChange.Run run = (GuestChange.Run) change;
    return "ran " + String.join(" ", run.argv()) + ": " + run.why();
  }

  /** The size of a file in the guest. */
  @FunctionalInterface
  interface SizeInGuest {
    long of(String path) throws GuestException;
  }

  /** A kernel or initramfs larger than this is not copied out: real ones are far smaller. */
  static final long MAX_BOOT_FILE = 512L << 20;

  /**
   * Refuses a kernel or initramfs over {@link #MAX_BOOT_FILE} (a guest's owner may make one of any
   * size), or one the host has no room for: both in the temporary directory the download goes to
   * and in the boot directory.
   */
  static void checkCopyable(SizeInGuest sizes, KernelBoot boot, Path directory)
      throws GuestException {
    long total = 0;
    for (String file : List.of(boot.kernel(), boot.initrd())) {
      long size = sizes.of(file);
      if (size > MAX_BOOT_FILE) {
        throw GuestException.refused(
            "the guest's "
                + file
                + " is "
                + (size >> 20)
                + " MiB; x2k copies out a kernel or initramfs of at most "
                + (MAX_BOOT_FILE >> 20)
                + " MiB",
            "guest-boot-file-too-large");
      }
      total += size;
    }
    for (Path where : List.of(temporaryRoot(), existingAncestor(directory))) {
      try {
        long free = Files.getFileStore(where).getUsableSpace();
        if (free < total) {
          throw GuestException.refused(
              "the guest's kernel and initramfs need "
                  + (total >> 20)
                  + " MiB in "
                  + where
                  + ", which has "
                  + (free >> 20)
                  + " MiB free",
              "guest-boot-file-no-room");
        }
      } catch (IOException e) {
        throw new GuestException("cannot tell the free space in " + where + ": " + e, e);
      }
    }
  }

  private static Path temporaryRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static Path existingAncestor(Path directory) {
    Path here = directory.toAbsolutePath();
    while (here.getParent() != null && !Files.isDirectory(here)) {
      here = here.getParent();
    }
    return here;
  }

  /**
   * Copies the kernel and initramfs out of the guest into the domain's boot directory (replacing
   * its older ones), streamed through a private temporary file, and notes whose they are.
   */
  private static HostKernel copyOut(Libguestfs guest, KernelBoot boot, BootDirectory boots)
      throws GuestException {
    Path directory = boots.path();
    checkCopyable(guest::size, boot, directory); // again: the initramfs was made anew
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      boots.claim();
      temporary = Files.createTempDirectory("x2k-guest-");
      Path kernel = directory.resolve(fileName(boot.kernel()));
      Path initrd = directory.resolve(fileName(boot.initrd()));
      for (String[] file :
          new String[][] {{boot.kernel(), kernel.toString()}, {boot.initrd(), initrd.toString()}}) {
        Path local = temporary.resolve("file");
        guest.download(file[0], local);
        OutputFiles.copyAtomically(
            OutputFiles.Target.below(directory, Path.of(file[1]).getFileName()),
            local,
            true,
            OutputFiles.OWNER_ONLY);
        Files.delete(local);
      }
      return new HostKernel(kernel, initrd, boot.commandLine());
    } catch (IOException | OutputException e) {
      throw new GuestException(
          "cannot copy the guest's kernel to " + directory + ": " + e.getMessage(), e);
    } finally {
      if (temporary != null) {
        try (var entries = Files.list(temporary)) {
          for (Path p : entries.toList()) {
            Files.deleteIfExists(p);
          }
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // a private temporary directory left behind holds nothing of the guest's
        }
      }
    }
  }

  /** The file name of a guest path, which must be a plain name: it names a file on this host. */
  private static String fileName(String guestPath) throws GuestException {
    String name = guestPath.substring(guestPath.lastIndexOf('/') + 1);
    if (!name.matches("[A-Za-z0-9._+-]{1,200}") || name.startsWith(".")) {
      throw new GuestException("refusing the guest's kernel file name '" + name + "'");
    }
    return name;
  }
}
