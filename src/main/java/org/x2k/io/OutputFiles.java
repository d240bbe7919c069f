package org.x2k.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
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
  private static final Set<Staged> OPEN = ConcurrentHashMap.newKeySet();

  /**
   * Creating a temporary file (read lock) and the shutdown hook's clean-up (write lock) exclude
   * each other, so that no worker creates one the hook has already missed.
   */
  private static final ReadWriteLock CREATION = new ReentrantReadWriteLock();

  private static boolean stopping;

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
      if (target.named() && isDeviceOrPipe(shown)) {
        return new Staged(shown, content);
      }
      SecureDirectoryStream<Path> directory = openDirectory(target);
      Staged staged = null;
      try {
        Path name = target.below().getFileName();
        PosixFileAttributes existing = attributes(directory, name);
        if (existing != null && existing.isRegularFile() && inputs.contains(existing.fileKey())) {
          throw new OutputException(
              "output " + shown + " is an input of this run; refusing to overwrite it");
        }
        if (existing != null && existing.isDirectory()) {
          throw new OutputException("cannot write " + shown + ": is a directory");
        }
        staged = new Staged(shown, directory, name, replace, content.length);
        staged.create(mode);
        staged.write(content);
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

  private static boolean isDeviceOrPipe(Path file) {
    return Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file);
  }

  /**
   * Opens the directory {@code target} goes into: its {@code directory} as the user named it
   * (created if missing), then each name below it without following links, creating those that are
   * missing.
   */
  private static SecureDirectoryStream<Path> openDirectory(Target target)
      throws IOException, OutputException {
    Path walked = target.directory();
    Files.createDirectories(walked.toAbsolutePath());
    DirectoryStream<Path> top = Files.newDirectoryStream(walked);
    if (!(top instanceof SecureDirectoryStream<Path> directory)) {
      top.close();
      throw new IOException("this system cannot open files relative to a directory (openat)");
    }
    Path parent = target.below().getParent();
    if (parent == null) {
      return directory;
    }
    try {
      for (Path name : parent) {
        walked = walked.resolve(name);
        PosixFileAttributes attributes = attributes(directory, name);
        if (attributes == null) {
          try {
            Files.createDirectory(walked);
          } catch (FileAlreadyExistsException e) {
            // made meanwhile: opened and checked below like any other
          }
        } else if (attributes.isSymbolicLink()) {
          throw new OutputException(
              "cannot write "
                  + target
                  + ": "
                  + walked
                  + " is a symbolic link, and x2k follows none below an output directory");
        } else if (!attributes.isDirectory()) {
          throw new FileAlreadyExistsException(walked.toString());
        }
        SecureDirectoryStream<Path> next =
            directory.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        directory.close();
        directory = next;
      }
      return directory;
    } catch (OutputException | IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** An entry's own attributes (a link's, not its target's), or null where there is none. */
  private static PosixFileAttributes attributes(SecureDirectoryStream<Path> directory, Path name)
      throws IOException {
    try {
      return directory
          .getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static String kind(PosixFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "is a symbolic link";
    }
    if (attributes.isOther()) {
      return "is a device, pipe or socket";
    }
    return "exists";
  }

  private static OutputException problem(String what, Path target, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new OutputException(what + target + ": no such directory");
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return new OutputException(
          what + target + ": " + exists.getFile() + " exists and is not a directory");
    }
    return new OutputException(what + target + ": " + IoReason.of(e));
  }

  /** An output file written beside its target under a temporary name, not yet in place. */
  public static final class Staged implements AutoCloseable {
    private final Path target;
    private final SecureDirectoryStream<Path> directory;
    private final Path name;
    private final boolean replace;
    private final long length;

    /** For a device or pipe the user named: the bytes, written into it on commit. */
    private final byte[] direct;

    private Path temporary;
    private Path temporaryPath;
    private FileChannel channel;
    private boolean done;

    private Staged(
        Path target,
        SecureDirectoryStream<Path> directory,
        Path name,
        boolean replace,
        long length) {
      this.target = target;
      this.directory = directory;
      this.name = name;
      this.replace = replace;
      this.length = length;
      this.direct = null;
    }

    private Staged(Path target, byte[] direct) {
      this.target = target;
      this.directory = null;
      this.name = null;
      this.replace = true;
      this.length = direct.length;
      this.direct = direct;
    }

    /** Where the file goes. */
    public Path target() {
      return target;
    }

    private void create(Set<PosixFilePermission> mode) throws IOException {
      CREATION.readLock().lock();
      try {
        if (stopping) {
          throw new IOException("x2k is stopping");
        }
        for (int attempt = 0; channel == null; attempt++) {
          Path candidate =
              Path.of(
                  "."
                      + name
                      + "."
                      + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                      + ".x2k-tmp");
          try {
            channel =
                (FileChannel)
                    directory.newByteChannel(
                        candidate,
                        Set.<OpenOption>of(
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(mode));
            temporary = candidate;
          } catch (FileAlreadyExistsException e) {
            if (attempt > 100) {
              throw e;
            }
          }
        }
        temporaryPath = target.resolveSibling(temporary);
        OPEN.add(this);
      } finally {
        CREATION.readLock().unlock();
      }
      afterCreation.run(temporaryPath);
      widen(mode);
    }

    /**
     * The umask may have taken bits off {@code mode} at creation. They are put back through a name
     * only where nobody else can change what that name is: a directory of x2k's own user that no
     * group or other user may write. Elsewhere the file keeps the narrower permissions.
     */
    private void widen(Set<PosixFilePermission> mode) throws IOException {
      PosixFileAttributeView view =
          directory.getFileAttributeView(
              temporary, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      PosixFileAttributes created = view.readAttributes();
      if (created.permissions().equals(mode) || !created.isRegularFile()) {
        return;
      }
      PosixFileAttributes here =
          directory.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
      boolean private_ =
          here.owner().equals(created.owner())
              && !here.permissions().contains(PosixFilePermission.GROUP_WRITE)
              && !here.permissions().contains(PosixFilePermission.OTHERS_WRITE);
      if (private_) {
        view.setPermissions(mode);
      }
    }

    private void write(byte[] content) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    /**
     * Puts the file in place. It is flushed to disk first when it replaces a file, or when {@code
     * flush} asks for it, so that a crash leaves the old content or the new one. A new file in a
     * batch's output directory is not flushed one by one (a flush costs more than a conversion), as
     * cp and xsltproc do not: it reaches the disk with the system's writeback.
     */
    public void commit(boolean flush) throws OutputException {
      commit(flush, temporary -> {});
    }

    void commit(boolean flush, Step beforeRename) throws OutputException {
      try {
        if (direct != null) {
          try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
            out.write(direct);
          }
          done = true;
          return;
        }
        PosixFileAttributes existing = attributes(directory, name);
        if (existing != null && !replace) {
          throw new OutputException(target + " " + kind(existing) + "; add --force to replace it");
        }
        if (existing != null && existing.isDirectory()) {
          throw new OutputException("cannot write " + target + ": is a directory");
        }
        if (flush || existing != null) {
          channel.force(true);
        }
        PosixFileAttributes staged = attributes(directory, temporary);
        if (staged == null || !staged.isRegularFile() || staged.size() != length) {
          throw new OutputException(
              "cannot write " + target + ": its temporary file was replaced while x2k wrote it");
        }
        beforeRename.run(temporaryPath);
        // renameat(2): an entry at the target, even a link or a device node, is replaced, never
        // written through
        directory.move(temporary, directory, name);
        done = true;
      } catch (IOException e) {
        throw problem("cannot write ", target, e);
      } finally {
        close();
      }
    }

    /** Removes the temporary file unless it was committed, and lets go of the directory. */
    @Override
    public synchronized void close() {
      if (directory == null) {
        return;
      }
      try {
        if (channel != null) {
          channel.close();
        }
        if (!done && temporary != null) {
          directory.deleteFile(temporary);
        }
      } catch (IOException | ClosedDirectoryStreamException e) {
        // nothing more to do: the name marks it as x2k's leftover (.x2k-tmp)
      } finally {
        OPEN.remove(this);
        temporary = null;
        try {
          directory.close();
        } catch (IOException e) {
          // a descriptor that cannot be closed holds nothing of ours
        }
      }
    }
  }
}
