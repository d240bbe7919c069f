package org.x2k.guest.engine;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.x2k.guest.DiskNames;
import org.x2k.guest.GuestException;
import org.x2k.guest.GuestFiles;

/**
 * libguestfs through its Java binding (Debian's libguestfs-java, not on Maven Central, so found at
 * run time): a small appliance VM opens the guest's disks, so that no guest filesystem is ever
 * mounted in the host's kernel and the guest's links resolve inside the guest. One handle serves
 * inspection, every file change and the guest's own programs, at the cost of one appliance launch
 * (about 10 s under TCG).
 *
 * <p>The binding and its JNI library are loaded only from root-owned system directories that no
 * other user can change.
 */
public final class Libguestfs implements GuestFiles, GuestEditor.GuestPrograms, AutoCloseable {
  /** Where distributions install the binding's jar and JNI library. */
  private static final List<Path> JAR_DIRECTORIES = List.of(Path.of("/usr/share/java"));

  private static final List<Path> JNI_DIRECTORIES =
      List.of(
          Path.of("/usr/lib/x86_64-linux-gnu/jni"),
          Path.of("/usr/lib/aarch64-linux-gnu/jni"),
          Path.of("/usr/lib64/libguestfs"),
          Path.of("/usr/lib64"),
          Path.of("/usr/lib/jni"));

  /** Configuration files x2k reads are small; anything larger is no configuration file. */
  static final long MAX_FILE = 4L << 20;

  private final Object handle;
  private final Class<?> type;

  private final StageClock clock;

  private Libguestfs(Object handle, StageClock clock) {
    this.handle = handle;
    this.type = handle.getClass();
    this.clock = clock;
  }

  /** x2k's calls on {@code handle}, an object with the binding's methods (for tests). */
  static Libguestfs over(Object handle, StageClock clock) {
    return new Libguestfs(handle, clock);
  }

  /** A new handle, not launched, whose calls {@code clock} times. */
  public static Libguestfs create(StageClock clock) throws GuestException {
    Class<?> type = bindingClass();
    try {
      return new Libguestfs(type.getConstructor().newInstance(), clock);
    } catch (InvocationTargetException e) {
      throw new GuestException("libguestfs: " + message(e.getCause()), e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new GuestException("libguestfs's Java binding does not load: " + e, e);
    }
  }

  /**
   * The binding's class, loaded once per process: the JVM lets one class loader alone load its
   * native library, so a second guest of a batch (or one on another worker) needs the same class.
   */
  private static Class<?> binding;

  private static synchronized Class<?> bindingClass() throws GuestException {
    if (binding == null) {
      binding = loadBinding();
    }
    return binding;
  }

  private static Class<?> loadBinding() throws GuestException {
    Path jar = find(JAR_DIRECTORIES, "libguestfs", ".jar");
    Path jni = find(JNI_DIRECTORIES, "libguestfs_jni", ".so");
    try {
      ClassLoader loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, Libguestfs.class.getClassLoader()) {
            @Override
            protected String findLibrary(String name) {
              return name.equals("guestfs_jni") ? jni.toString() : super.findLibrary(name);
            }
          };
      return Class.forName("com.redhat.et.libguestfs.GuestFS", true, loader);
    } catch (IOException | ReflectiveOperationException | LinkageError e) {
      throw new GuestException("libguestfs's Java binding does not load from " + jar + ": " + e, e);
    }
  }

  /** The newest file {@code prefix*suffix} in the first directory that has one, if trusted. */
  private static Path find(List<Path> directories, String prefix, String suffix)
      throws GuestException {
    for (Path directory : directories) {
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(directory)) {
        Optional<Path> found =
            entries
                .filter(
                    p -> {
                      String name = p.getFileName().toString();
                      return name.startsWith(prefix) && name.endsWith(suffix);
                    })
                .sorted()
                .reduce((first, second) -> second);
        if (found.isPresent()) {
          requireTrusted(found.get());
          return found.get();
        }
      } catch (IOException e) {
        throw new GuestException("cannot list " + directory + ": " + e.getMessage(), e);
      }
    }
    throw new GuestException(
        "libguestfs's Java binding is not installed (Debian: apt-get install libguestfs-java"
            + " libguestfs-tools; RHEL: libguestfs-java)");
  }

  /** Refuses a file (and each directory above it) that a user other than root could change. */
  private static void requireTrusted(Path file) throws GuestException {
    try {
      Path real = file.toRealPath();
      for (Path p = real; p != null; p = p.getParent()) {
        PosixFileAttributes attributes =
            Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean othersWrite =
            attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
        if (!attributes.owner().getName().equals("root") || othersWrite) {
          throw new GuestException(
              "refusing to load " + file + ": " + p + " can be changed by users other than root");
        }
      }
    } catch (IOException e) {
      throw new GuestException("cannot check " + file + ": " + e.getMessage(), e);
    }
  }

  // --- the calls x2k makes ------------------------------------------------------------------

  /** Adds a disk image or device, read-only unless {@code writable}; format raw, qcow2, ... */
  public void addDrive(Path image, String format, boolean writable) throws GuestException {
    Map<String, Object> options = new HashMap<>();
    options.put("readonly", !writable);
    if (format != null && !format.isEmpty()) {
      options.put("format", format);
    }
    call("add_drive_opts", new Class<?>[] {String.class, Map.class}, image.toString(), options);
  }

  public void launch() throws GuestException {
    call("set_memsize", new Class<?>[] {int.class}, 1024);
    call("launch", new Class<?>[] {});
  }

  public List<String> inspectOs() throws GuestException {
    return List.of((String[]) call("inspect_os", new Class<?>[] {}));
  }

  public String inspect(String what, String root) throws GuestException {
    return String.valueOf(call("inspect_get_" + what, new Class<?>[] {String.class}, root));
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> mountpoints(String root) throws GuestException {
    return (Map<String, String>)
        call("inspect_get_mountpoints", new Class<?>[] {String.class}, root);
  }

  /** The mounted devices by mount point, named as the disks were added (/dev/sda2). */
  @SuppressWarnings("unchecked")
  public Map<String, String> mountedDevices() throws GuestException {
    Map<String, String> byDevice = (Map<String, String>) call("mountpoints", new Class<?>[] {});
    Map<String, String> byMountpoint = new HashMap<>();
    byDevice.forEach((device, mountpoint) -> byMountpoint.put(mountpoint, device));
    return byMountpoint;
  }

  /** The btrfs subvolume a "btrfsvol:DEVICE/SUBVOLUME" mountable names. */
  public String subvolume(String mountable) throws GuestException {
    return String.valueOf(call("mountable_subvolume", new Class<?>[] {String.class}, mountable));
  }

  public void mount(String device, String mountpoint, boolean writable) throws GuestException {
    call(
        writable ? "mount" : "mount_ro",
        new Class<?>[] {String.class, String.class},
        device,
        mountpoint);
  }

  /**
   * Opens LUKS device {@code device} as /dev/mapper/{@code name} with {@code passphrase}, then
   * activates the LVM volume groups it may hold.
   */
  public void openEncrypted(String device, String passphrase, String name) throws GuestException {
    call(
        "cryptsetup_open",
        new Class<?>[] {String.class, String.class, String.class},
        device,
        passphrase,
        name);
    call("vg_activate_all", new Class<?>[] {boolean.class}, true);
  }

  /**
   * Closes LUKS mapping /dev/mapper/{@code name}, with every LVM volume group deactivated first
   * (one may be on it); {@link #openEncrypted} activates them again.
   */
  public void closeEncrypted(String name) throws GuestException {
    call("vg_activate_all", new Class<?>[] {boolean.class}, false);
    call("cryptsetup_close", new Class<?>[] {String.class}, "/dev/mapper/" + name);
  }

  public void unmountAll() throws GuestException {
    call("umount_all", new Class<?>[] {});
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> filesystems() throws GuestException {
    return (Map<String, String>) call("list_filesystems", new Class<?>[] {});
  }

  public List<String> devices() throws GuestException {
    return List.of((String[]) call("list_devices", new Class<?>[] {}));
  }

  public List<String> partitions() throws GuestException {
    return List.of((String[]) call("list_partitions", new Class<?>[] {}));
  }

  /** The partition table type of {@code disk} (msdos, gpt), or "" if it has none. */
  public String partitionTableType(String disk) {
    try {
      return String.valueOf(call("part_get_parttype", new Class<?>[] {String.class}, disk));
    } catch (GuestException e) {
      return "";
    }
  }

  /** The UUID or label of a filesystem, or "" where it has none. */
  public String filesystemAttribute(String attribute, String device) {
    try {
      return String.valueOf(call("vfs_" + attribute, new Class<?>[] {String.class}, device));
    } catch (GuestException e) {
      return "";
    }
  }

  /**
   * Runs {@code argv} inside the guest (chroot in the appliance); its output. A failure names the
   * program, its exit status and the last lines of its standard error (GuestCommandFailure).
   */
  public String command(List<String> argv) throws GuestException {
    Object[] arguments = {GuestCommandFailure.wrapped(argv).toArray(new String[0])};
    forget(); // a program may change any file
    long started = clock.now();
    try {
      return String.valueOf(invoke("command", new Class<?>[] {String[].class}, arguments));
    } catch (InvocationTargetException e) {
      throw GuestCommandFailure.of(argv, e.getCause().getMessage());
    } finally {
      clock.call(argv.isEmpty() ? "command" : argv.get(0).replaceFirst(".*/", ""), started);
    }
  }

  @Override
  public void run(List<String> argv) throws GuestException {
    command(argv);
  }

  /** How much of a disk's start identifies it among the appliance's disks. */
  static final int IDENTIFYING_BYTES = 64 * 1024;

  /**
   * The appliance kernel's name for {@code disk}. libguestfs's calls name disks in the order they
   * were added (/dev/sda is the domain's first disk), but a program run in the guest sees the
   * kernel's names, and virtio-scsi scans its disks asynchronously: now and then the appliance's
   * own disk (an ext2 filesystem without a partition table) is /dev/sda and the guest's first disk
   * /dev/sdb, so that grub-install given "/dev/sda" failed ("embedding is not possible, but this is
   * required for cross-disk install"). The disk is found by content: the one whose first 64 KiB are
   * those libguestfs reads from {@code disk}.
   */
  @Override
  public String programsName(String disk) throws GuestException {
    String expected =
        DiskNames.md5(
            throughScratch(
                "the start of " + disk,
                local ->
                    call(
                        "download_offset",
                        new Class<?>[] {String.class, String.class, long.class, long.class},
                        disk,
                        local.toString(),
                        0L,
                        (long) IDENTIFYING_BYTES)));
    String listing = command(DiskNames.listing(IDENTIFYING_BYTES));
    return DiskNames.match(disk, expected, listing);
  }

  /** The boot area of {@code disk}: up to its first partition, at most 1 MiB. */
  private long bootAreaLength(String disk) throws GuestException {
    Object[] partitions = (Object[]) call("part_list", new Class<?>[] {String.class}, disk);
    long first = 1L << 20;
    try {
      for (Object partition : partitions) {
        first = Math.min(first, partition.getClass().getField("part_start").getLong(partition));
      }
    } catch (ReflectiveOperationException e) {
      throw new GuestException("libguestfs's Java binding: " + e, e);
    }
    return first;
  }

  @Override
  public void saveBootArea(String disk, String file) throws GuestException {
    call(
        "copy_device_to_file",
        new Class<?>[] {String.class, String.class, Map.class},
        disk,
        file,
        Map.of("size", bootAreaLength(disk)));
  }

  @Override
  public void restoreBootArea(String file, String disk) throws GuestException {
    call(
        "copy_file_to_device",
        new Class<?>[] {String.class, String.class, Map.class},
        file,
        disk,
        Map.of("size", Math.min(size(file), bootAreaLength(disk))));
  }

  /** Copies guest file {@code path} to host file {@code local}, which x2k created. */
  public void download(String path, Path local) throws GuestException {
    call("download", new Class<?>[] {String.class, String.class}, path, local.toString());
  }

  public long size(String path) throws GuestException {
    return ((Number) call("filesize", new Class<?>[] {String.class}, path)).longValue();
  }

  /** Unmounts everything, flushes and stops the appliance; errors here lose writes. */
  public void shutdown() throws GuestException {
    call("umount_all", new Class<?>[] {});
    call("shutdown", new Class<?>[] {});
  }

  @Override
  public void close() {
    if (scratch != null) {
      try {
        Files.deleteIfExists(scratch.resolve("read"));
        Files.deleteIfExists(scratch);
      } catch (IOException e) {
        // an empty private directory left in the temporary directory
      }
    }
    try {
      call("close", new Class<?>[] {});
    } catch (GuestException e) {
      // closing a handle that failed to launch can fail too; nothing is left to flush
    }
  }

  // --- GuestFiles ---------------------------------------------------------------------------

  private static final Map<String, Object> FOLLOW = Map.of("followsymlinks", true);

  @Override
  public Optional<byte[]> read(String path) throws GuestException {
    if (contents.containsKey(path)) {
      return contents.get(path).map(byte[]::clone);
    }
    Optional<byte[]> content = Optional.empty();
    if (isFile(path)) {
      long size = size(path);
      if (size > MAX_FILE) {
        throw new GuestException(
            path + " in the guest is " + size + " bytes: no configuration file");
      }
      clock.read(path);
      // the binding's read_file returns a String (lossy for bytes that are no UTF-8), so the
      // file comes through download into x2k's private directory
      content = Optional.of(throughScratch(path + " of the guest", local -> download(path, local)));
    }
    contents.put(path, content);
    return content.map(byte[]::clone);
  }

  /** Writes a host file from the guest (a download into the file it is given). */
  @FunctionalInterface
  private interface Download {
    void into(Path local) throws GuestException;
  }

  /** The bytes {@code download} puts in a file of x2k's private directory, then removed. */
  private byte[] throughScratch(String what, Download download) throws GuestException {
    try {
      if (scratch == null) {
        scratch = Files.createTempDirectory("x2k-guest-");
      }
      Path local = scratch.resolve("read");
      Files.deleteIfExists(local);
      download.into(local);
      byte[] content = Files.readAllBytes(local);
      Files.delete(local);
      return content;
    } catch (IOException e) {
      throw new GuestException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** A directory only this process's user can enter, for files coming out of the guest. */
  private Path scratch;

  @Override
  public boolean isFile(String path) throws GuestException {
    return (Boolean) call("is_file", new Class<?>[] {String.class, Map.class}, path, FOLLOW);
  }

  @Override
  public boolean isDirectory(String path) throws GuestException {
    return (Boolean) call("is_dir", new Class<?>[] {String.class, Map.class}, path, FOLLOW);
  }

  @Override
  public Optional<String> linkTarget(String path) throws GuestException {
    if (!(Boolean) call("is_symlink", new Class<?>[] {String.class}, path)) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(call("readlink", new Class<?>[] {String.class}, path)));
  }

  @Override
  public List<String> list(String path) throws GuestException {
    if (!isDirectory(path)) {
      return List.of();
    }
    List<String> names =
        new ArrayList<>(Arrays.asList((String[]) call("ls", new Class<?>[] {String.class}, path)));
    names.sort(null);
    return names;
  }

  @Override
  public void write(String path, byte[] content) throws GuestException {
    call("write", new Class<?>[] {String.class, byte[].class}, path, content);
  }

  @Override
  public void copy(String from, String to) throws GuestException {
    call("cp_a", new Class<?>[] {String.class, String.class}, from, to);
  }

  @Override
  public void rename(String from, String to) throws GuestException {
    call("mv", new Class<?>[] {String.class, String.class}, from, to);
  }

  @Override
  public void remove(String path) throws GuestException {
    call("rm_f", new Class<?>[] {String.class}, path);
  }

  @Override
  public void symlink(String target, String path) throws GuestException {
    call("ln_s", new Class<?>[] {String.class, String.class}, target, path);
  }

  @Override
  public void makeDirectory(String path) throws GuestException {
    call("mkdir", new Class<?>[] {String.class}, path);
  }

  @Override
  public void removeEmptyDirectory(String path) throws GuestException {
    if (list(path).isEmpty() && linkTarget(path).isEmpty()) {
      call("rmdir", new Class<?>[] {String.class}, path);
    }
  }

  /**
   * Calls that only ask about one path: their answers are kept until the guest changes. The plan
   * asks the same questions many times (is there a menu.lst? a grub.cfg?), each a round trip to the
   * appliance.
   */
  private static final Set<String> QUERIES =
      Set.of("is_file", "is_dir", "is_symlink", "readlink", "ls", "filesize");

  /** Calls that change nothing in the guest; any other call forgets every kept answer. */
  private static boolean changesNothing(String method) {
    return QUERIES.contains(method)
        || method.startsWith("inspect_")
        || method.startsWith("list_")
        || Set.of("download", "part_get_parttype", "vfs_uuid", "vfs_label", "vfs_type")
            .contains(method);
  }

  private final Map<String, Object> answers = new HashMap<>();
  private final Map<String, Optional<byte[]>> contents = new HashMap<>();

  /** The guest may have changed: no kept answer holds any more. */
  private void forget() {
    answers.clear();
    contents.clear();
  }

  private Object call(String method, Class<?>[] parameters, Object... arguments)
      throws GuestException {
    String question = QUERIES.contains(method) ? method + "\0" + arguments[0] : null;
    if (question != null && answers.containsKey(question)) {
      return answers.get(question);
    }
    if (!changesNothing(method)) {
      forget();
    }
    long started = clock.now();
    try {
      Object answer = invoke(method, parameters, arguments);
      if (question != null) {
        answers.put(question, answer);
      }
      return answer;
    } catch (InvocationTargetException e) {
      throw new GuestException(method + ": " + message(e.getCause()), e.getCause());
    } finally {
      clock.call(method, started);
    }
  }

  /** Calls the binding's {@code method}; what it throws comes as InvocationTargetException. */
  private Object invoke(String method, Class<?>[] parameters, Object... arguments)
      throws GuestException, InvocationTargetException {
    try {
      Method m = type.getMethod(method, parameters);
      return m.invoke(handle, arguments);
    } catch (InvocationTargetException e) {
      throw e;
    } catch (ReflectiveOperationException e) {
      throw new GuestException("libguestfs's Java binding has no " + method + ": " + e, e);
    }
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.toString() : message.lines().findFirst().orElse("").strip();
  }
}
