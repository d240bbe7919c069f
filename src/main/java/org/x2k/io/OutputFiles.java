package org.x2k.io;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes output files so that a crash never leaves a partial definition, and so that nobody who can
 * write to an output directory can make x2k, running as root, write anywhere else.
 *
 * <p>The directory a user names is followed as the system resolves it; everything below it is
 * opened relative to a directory descriptor that x2k holds ({@code openat}, through {@link
 * SecureDirectoryStream}), never through a symbolic link. A temporary file is created beside the
 * target with {@code O_CREAT|O_EXCL|O_NOFOLLOW} and its final permissions, written and flushed
 * through the descriptor that created it, and renamed over the target ({@code renameat}, which
 * replaces a link or a device node rather than writing through it). An existing entry is replaced
 * only when the caller says so ({@code --force}); a device or pipe is written into only when the
 * user named it as the output ({@code -o /dev/null}). Temporary files still open when the JVM shuts
 * down (Ctrl-C, SIGTERM) are removed by a shutdown hook.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** A step that may fail; lets tests break or race a write at its most delicate point. */
  @FunctionalInterface
  interface Step {
    void run(Path temporary) throws IOException;
  }

  /** Run after each temporary file is created, before anything is written: a test's racer. */
  static volatile Step afterCreation = temporary -> {};

  /** New outputs are readable by their owner only, as libvirt keeps its own definitions. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      Set.copyOf(PosixFilePermissions.fromString("rw-------"));

  /** x2k's temporary files not yet renamed or removed, for the shutdown hook. */
  static final Set<Staged> OPEN = ConcurrentHashMap.newKeySet();

  /**
   * Creating a temporary file (read lock) and the shutdown hook's clean-up (write lock) exclude
   * each other, so that no worker creates one the hook has already missed.
   */
  static final ReadWriteLock CREATION = new ReentrantReadWriteLock();

  static boolean stopping;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(OutputFiles::removeTemporaries, "x2k-cleanup"));
  }

  private static void removeTemporaries() {
    CREATION.writeLock().lock();
    try {
      stopping = true;
      OPEN.forEach(Staged::close);
    } finally {
      CREATION.writeLock().unlock();
    }
  }

  /** The temporary files x2k has open now; empty between conversions. */
  static List<Path> temporaries() {
    return OPEN.stream().map(staged -> staged.temporaryPath).toList();
  }

  /**
   * Where an output goes: {@code directory}, as the user named it (followed), then {@code below},
   * one or more names that are never followed through a link.
   *
   * @param named whether the user named this very file ({@code -o FILE}, {@code --report FILE}):
   *     then an existing device or pipe there is written into, as a user who names one means
   */
  public record Target(Path directory, Path below, boolean named) {
    /** A file the user named on the command line. */
    public static Target named(Path file) {
      Path parent = file.getParent();
      return new Target(parent != null ? parent : Path.of(""), file.getFileName(), true);
    }

    /** A file placed below a directory the user named: a batch's output, a backup. */
    public static Target below(Path directory, Path relative) {
      return new Target(directory, relative, false);
    }

    /** How messages name it: as the user would write it. */
    public Path path() {
      return directory.resolve(below);
    }

    @Override
    public String toString() {
      return path().toString();
    }
  }

  /**
   * Rewrites {@code file} with {@code content}: first the backup ({@code file + backupSuffix},
   * itself written atomically, unless {@code backupSuffix} is null; an existing backup is replaced
   * only if {@code replaceBackup}), then the new content with {@code file}'s permissions, flushed
   * and renamed over it. Whatever fails, {@code file} holds either its old content or the new one.
   */
  public static void replaceInPlace(
      Path file, byte[] content, String backupSuffix, boolean replaceBackup)
      throws OutputException {
    replaceInPlace(file, content, backupSuffix, replaceBackup, temporary -> {});
  }

  static void replaceInPlace(
      Path file, byte[] content, String backupSuffix, boolean replaceBackup, Step beforeRename)
      throws OutputException {
    byte[] original;
    Set<PosixFilePermission> mode;
    try (InputStream in = Files.newInputStream(file)) {
      original = Input.readBounded(in);
      mode = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      throw new OutputException("cannot rewrite " + file + ": not a POSIX file system");
    } catch (IOException e) {
      throw problem("cannot rewrite ", file, e);
    } catch (InputException e) {
      throw new OutputException("cannot rewrite " + file + ": " + e.getMessage());
    }
    Target target = Target.named(file);
    if (backupSuffix != null) {
      Target backup =
          Target.below(target.directory(), Path.of(target.below().getFileName() + backupSuffix));
      try (Staged staged = stage(backup, original, Set.of(), replaceBackup, OWNER_ONLY)) {
        staged.commit(true, temporary -> {});
      }
    }
    try (Staged staged =
        stage(Target.below(target.directory(), target.below()), content, Set.of(), true, mode)) {
      staged.commit(true, beforeRename);
    }
  }

  /**
   * Writes {@code content} to {@code target} with permissions {@code mode}, replacing an existing
   * entry only if {@code replace}, and flushes it to disk.
   */
  public static void writeAtomically(
      Target target, byte[] content, boolean replace, Set<PosixFilePermission> mode)
      throws OutputException {
    try (Staged staged = stage(target, content, Set.of(), replace, mode)) {
      staged.commit(true);
    }
  }

  /**
   * Writes {@code content} to a temporary file beside {@code target}, to be put in place by {@link
   * Staged#commit} or removed by {@link Staged#close}. Refuses a target that is one of {@code
   * inputs} (file keys, as {@link #fileKey} gives them), which would lose an original. Unless
   * {@code replace}, {@link Staged#commit} refuses a target that exists then (checked there, so
   * that a batch's messages do not depend on which worker staged first).
   */
  public static Staged stage(
      Target target,
      byte[] content,
      Set<Object> inputs,
      boolean replace,
      Set<PosixFilePermission> mode)
      throws OutputException {
    Path shown = target.path();
    try {
      if (target.named() && isNamedDeviceOrPipe(shown)) {
        return new Staged(shown, content);
      }
    } catch (IOException e) {
      throw problem("cannot write ", shown, e);
    }
    return stage(target, content.length, staged -> staged.write(content), inputs, replace, mode);
  }

  /**
   * Copies host file {@code source} (one x2k made, such as a download from a guest) to {@code
   * target} as {@link #writeAtomically} writes bytes, streaming it: a guest's kernel may be large.
   */
  public static void copyAtomically(
      Target target, Path source, boolean replace, Set<PosixFilePermission> mode)
      throws OutputException {
    long length;
    try {
      length = Files.size(source);
    } catch (IOException e) {
      throw problem("cannot read ", source, e);
    }
    try (Staged staged =
        stage(target, length, into -> into.copy(source), Set.of(), replace, mode)) {
      staged.commit(true);
    }
  }

  /** Fills a temporary file. */
  @FunctionalInterface
  private interface Filling {
    void fill(Staged staged) throws IOException;
  }

  private static Staged stage(
      Target target,
      long length,
      Filling filling,
      Set<Object> inputs,
      boolean replace,
      Set<PosixFilePermission> mode)
      throws OutputException {
    Path shown = target.path();
    try {
      SecureDirectoryStream<Path> directory = OutputDirectories.open(target);
      Staged staged = null;
      try {
        Path name = target.below().getFileName();
        PosixFileAttributes existing = OutputDirectories.attributes(directory, name);
        if (existing != null && existing.isRegularFile() && inputs.contains(existing.fileKey())) {
          throw new OutputException(
              "output " + shown + " is an input of this run; refusing to overwrite it");
        }
        if (existing != null && existing.isDirectory()) {
          throw new OutputException("cannot write " + shown + ": is a directory");
        }
        staged = new Staged(shown, directory, name, replace, length);
        staged.create(mode);
        filling.fill(staged);
        return staged;
      } catch (OutputException | IOException | RuntimeException e) {
        if (staged != null) {
          staged.close();
        } else {
          directory.close();
        }
        throw e;
      }
    } catch (IOException e) {
      throw problem("cannot write ", shown, e);
    }
  }

  /** The identity of {@code file} (device and inode), following links as reading it does. */
  public static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, PosixFileAttributes.class).fileKey();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Links that lead further than this are not followed to a device (the kernel stops at 40). */
  private static final int MAX_LINKS = 40;

  /**
   * Whether {@code file} is a device or pipe the user named ({@code -o /dev/null}, {@code -o
   * /dev/stdout}), to be written into. Each link on the way must be one that only root or x2k's own
   * user could have put there: owned by one of them, in a directory nobody else may change (not
   * writable by group or others, or sticky, like /tmp, where others cannot replace it). A link
   * another user planted ({@code out/vm.kvm.xml -> /dev/sda}) is not followed: the output is then
   * refused as a link is in a directory, or replaced by a file with --force.
   */
  static boolean isNamedDeviceOrPipe(Path file) throws IOException {
    Path current = file;
    for (int hops = 0; hops <= MAX_LINKS; hops++) {
      PosixFileAttributes attributes;
      try {
        attributes = Files.readAttributes(current, PosixFileAttributes.class, NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        // a magic link of /proc (/proc/self/fd/1 -> pipe:[1234]), which only the kernel resolves,
        // or a link to nothing
        try {
          return hops > 0 && isDeviceOrPipe(Files.readAttributes(file, PosixFileAttributes.class));
        } catch (NoSuchFileException dangling) {
          return false;
        }
      }
      if (!attributes.isSymbolicLink()) {
        return isDeviceOrPipe(attributes);
      }
      if (!TrustedPath.linkPlacedByRootOrSelf(current)) {
        return false;
      }
      Path parent = current.toAbsolutePath().getParent();
      current = parent.resolve(Files.readSymbolicLink(current));
    }
    return false;
  }

  private static boolean isDeviceOrPipe(PosixFileAttributes attributes) {
    return attributes.isOther();
  }

  static OutputException problem(String what, Path target, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new OutputException(what + target + ": no such directory");
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return new OutputException(
          what + target + ": " + exists.getFile() + " exists and is not a directory");
    }
    return new OutputException(what + target + ": " + IoReason.of(e));
  }
}
