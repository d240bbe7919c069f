package org.x2k.guest.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.x2k.guest.GuestChange;
import org.x2k.guest.GuestException;
import org.x2k.guest.GuestFiles;

/**
 * Makes a guest's changes so that they can be reversed, and reverses them (x2k guest --undo).
 * Before a file is changed for the first time it is copied to FILE.x2k-orig with its mode, owner
 * and attributes; every step is written to the manifest, /var/lib/x2k/undo, before it is taken, so
 * that a run cut short can still be undone. Undoing takes the manifest's steps last first. The
 * manifest is on the guest's disk, which its owner writes: it is sealed to this host and the domain
 * ({@link ManifestSeal}), and a manifest without its seal is not acted on.
 */
public final class GuestEditor {
  /** The manifest, inside the guest. */
  public static final String MANIFEST = "/var/lib/x2k/undo";

  public static final String BACKUP = ".x2k-orig";

  private static final String HEADER =
      "# x2k guest: changes made in this guest; 'x2k guest --undo' reverses them, last first\n";

  /** What x2k does in a guest besides changing files: programs, and its disk's boot area. */
  public interface GuestPrograms {
    /** Runs {@code argv} inside the guest. */
    void run(List<String> argv) throws GuestException;

    /**
     * Copies the boot area of {@code disk} (the MBR and the gap before its first partition) into
     * guest file {@code file}.
     */
    void saveBootArea(String disk, String file) throws GuestException;

    /** Writes guest file {@code file} back over the start of {@code disk}. */
    void restoreBootArea(String file, String disk) throws GuestException;

    /**
     * The name a program run in the guest must be given for {@code disk}, which is named as
     * libguestfs's calls name it (the order the disks were added in).
     */
    String programsName(String disk) throws GuestException;
  }

  private static final String BOOT_AREA = "/var/lib/x2k/boot-area.img";

  private final GuestFiles files;
  private final List<String> steps;
  private final ManifestSeal seal;

  private GuestEditor(GuestFiles files, List<String> steps, ManifestSeal seal) {
    this.files = files;
    this.steps = steps;
    this.seal = seal;
  }

  /**
   * Makes {@code changes} in {@code files}, running programs with {@code programs}; the manifest is
   * sealed with {@code seal} (and one already there must bear it).
   */
  public static void apply(
      GuestFiles files, List<GuestChange> changes, GuestPrograms programs, ManifestSeal seal)
      throws GuestException {
    GuestEditor editor = new GuestEditor(files, read(files, seal).orElseGet(ArrayList::new), seal);
    editor.parents(MANIFEST);
    for (GuestChange change : changes) {
      if (change instanceof GuestChange.Edit edit) {
        editor.parents(edit.path());
        editor.preserve(edit.path());
        files.write(edit.path(), edit.after());
      } else if (change instanceof GuestChange.Unlink unlink) {
        editor.record("link", unlink.path(), unlink.target());
        files.remove(unlink.path());
      } else if (change instanceof GuestChange.Run run) {
        for (String rewritten : run.rewrites()) {
          editor.preserve(rewritten);
        }
        programs.run(run.argv());
      } else if (change instanceof GuestChange.InstallBootloader install) {
        editor.saveTree(install.directory(), programs);
        if (!editor.steps.contains("bootarea " + encode(install.disk()))) {
          editor.record("remove", BOOT_AREA);
          programs.saveBootArea(install.disk(), BOOT_AREA);
          editor.record("bootarea", install.disk());
        }
        // grub-install is told the disk by the name the appliance's kernel gave it
        String disk = programs.programsName(install.disk());
        for (List<String> command : install.commands()) {
          programs.run(command.stream().map(a -> a.equals(install.disk()) ? disk : a).toList());
        }
      }
    }
  }

  /**
   * What an undo did, one line per step in the order done, and what it could not restore (a backup
   * someone removed).
   */
  public record Undone(List<String> steps, List<String> problems) {
    public Undone {
      steps = List.copyOf(steps);
      problems = List.copyOf(problems);
    }
  }

  /** Reverses every change the manifest lists, last first, then removes the manifest. */
  public static Undone undo(GuestFiles files, GuestPrograms programs, ManifestSeal seal)
      throws GuestException {
    List<String> steps =
        read(files, seal)
            .orElseThrow(
                () ->
                    new GuestException(
                        "no changes of x2k's in this guest (no " + MANIFEST + " there)"));
    List<String> done = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> directories = new ArrayList<>();
    for (int i = steps.size() - 1; i >= 0; i--) {
      String[] step = steps.get(i).split(" ");
      String path = step.length > 1 ? decode(step[1]) : "";
      switch (step[0]) {
        case "restore" -> {
          if (files.isFile(path + BACKUP) || files.linkTarget(path + BACKUP).isPresent()) {
            files.rename(path + BACKUP, path);
            done.add(path + ": put back as it was");
          } else {
            problems.add(path + BACKUP + " is gone: " + path + " stays as x2k left it");
          }
        }
        case "remove" -> {
          boolean there = files.exists(path);
          files.remove(path);
          if (there) {
            done.add(path + ": removed (x2k had made it)");
          }
        }
        case "link" -> {
          if (!files.exists(path)) {
            files.symlink(decode(step[2]), path);
            done.add(path + ": the link to " + decode(step[2]) + " put back");
          }
        }
        case "rmdir" -> directories.add(path);
        case "bootarea" -> {
          programs.restoreBootArea(BOOT_AREA, path);
          done.add(path + ": its boot area put back as it was");
        }
        case "tree" -> {
          // the directory as it was: what the program added goes too
          programs.run(List.of("/bin/rm", "-rf", "--one-file-system", path));
          programs.run(List.of("/bin/tar", "-C", parent(path), "-xpf", decode(step[2])));
          done.add(path + "/: put back as it was");
        }
        case "rmtree" -> {
          programs.run(List.of("/bin/rm", "-rf", "--one-file-system", path));
          done.add(path + "/: removed (x2k had made it)");
        }
        default -> problems.add("unknown step in " + MANIFEST + ": " + steps.get(i));
      }
    }
    files.remove(MANIFEST);
    for (String directory : directories) {
      files.removeEmptyDirectory(directory);
    }
    return new Undone(done, problems);
  }

  /** Whether x2k changed this guest before and has not undone it. */
  public static boolean changed(GuestFiles files) throws GuestException {
    return files.isFile(MANIFEST);
  }

  /** The manifest's steps, if there is one; it must bear {@code seal}. */
  private static Optional<List<String>> read(GuestFiles files, ManifestSeal seal)
      throws GuestException {
    Optional<byte[]> manifest = files.read(MANIFEST);
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    String body = seal.verified(new String(manifest.get(), StandardCharsets.UTF_8));
    List<String> steps = new ArrayList<>();
    for (String line : body.lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        steps.add(line);
      }
    }
    return Optional.of(steps);
  }

  /** Saves directory {@code path} whole (a tar file in the guest) before a program changes it. */
  private void saveTree(String path, GuestPrograms programs) throws GuestException {
    String archive = "/var/lib/x2k/" + path.substring(1).replace('/', '_') + ".tar";
    if (steps.contains("tree " + encode(path) + " " + encode(archive))
        || steps.contains("rmtree " + encode(path))) {
      return;
    }
    if (files.isDirectory(path)) {
      // undone last first: the tree is put back from the archive, then the archive goes
      record("remove", archive);
      programs.run(
          List.of(
              "/bin/tar",
              "-C",
              parent(path),
              "-cpf",
              archive,
              path.substring(path.lastIndexOf('/') + 1)));
      record("tree", path, archive);
    } else {
      record("rmtree", path);
    }
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** Backs {@code path} up once (or records that it is new), before it is first changed. */
  private void preserve(String path) throws GuestException {
    String restore = "restore " + encode(path);
    String remove = "remove " + encode(path);
    if (steps.contains(restore) || steps.contains(remove)) {
      return;
    }
    if (files.isFile(path) && files.linkTarget(path).isEmpty()) {
      files.copy(path, path + BACKUP);
      record("restore", path);
    } else {
      record("remove", path);
    }
  }

  private void parents(String path) throws GuestException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      String parent = path.substring(0, slash);
      if (!files.isDirectory(parent)) {
        parents(parent);
        directory(parent);
      }
    }
  }

  private void directory(String path) throws GuestException {
    if (!files.isDirectory(path)) {
      record("rmdir", path);
      files.makeDirectory(path);
    }
  }

  private void record(String... step) throws GuestException {
    StringBuilder line = new StringBuilder(step[0]);
    for (int i = 1; i < step.length; i++) {
      line.append(' ').append(encode(step[i]));
    }
    steps.add(line.toString());
    if (!files.isDirectory("/var/lib/x2k")) {
      return; // the manifest's directory is the first step; it is written once it exists
    }
    StringBuilder manifest = new StringBuilder(HEADER);
    steps.forEach(s -> manifest.append(s).append('\n'));
    files.write(MANIFEST, seal.sealed(manifest.toString()).getBytes(StandardCharsets.UTF_8));
  }

  /** Paths with blanks, newlines or other bytes kept on one line, as %XX. */
  static String encode(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.ISO_8859_1)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '%') {
        out.append((char) c);
      } else {
        out.append(String.format("%%%02X", c));
      }
    }
    return out.toString();
  }

  static String decode(String encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && i + 2 < encoded.length()) {
        out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
  }
}
