package org.x2k.guest.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.x2k.guest.GuestException;

/**
 * The guest's programs for the golden trees: each call is recorded; the archive and removal of a
 * directory that GRUB's installation is undone with are carried out on the tree (the archive kept
 * in memory, a placeholder file in its place), so that undoing gives the tree back.
 */
final class RecordingPrograms implements GuestEditor.GuestPrograms {
  final List<String> calls = new ArrayList<>();
  private final Path root;
  private final Map<String, Path> archives = new HashMap<>();
  private final Path store;

  RecordingPrograms(Path root, Path store) {
    this.root = root;
    this.store = store;
  }

  @Override
  public void run(List<String> argv) throws GuestException {
    calls.add("run: " + String.join(" ", argv));
    try {
      String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
      if (program.equals("tar") && argv.contains("-cpf")) {
        String archive = argv.get(argv.indexOf("-cpf") + 1);
        Path saved = store.resolve("archive" + archives.size());
        GuestTreeGoldenTest.copyTree(inTree(argv.get(2) + "/" + argv.get(argv.size() - 1)), saved);
        archives.put(archive, saved);
        Files.writeString(inTree(archive), "(tar archive)\n");
      } else if (program.equals("tar") && argv.contains("-xpf")) {
        String archive = argv.get(argv.indexOf("-xpf") + 1);
        Path saved = archives.get(archive);
        String directory = argv.get(2);
        Path target = inTree(directory).resolve(saved.getFileName().toString());
        // the archive holds one directory, named as it was
        GuestTreeGoldenTest.copyTree(saved, target);
        Files.move(target, inTree(directory).resolve(nameOf(archive)));
      } else if (program.equals("rm")) {
        GuestTreeGoldenTest.deleteTree(inTree(argv.get(argv.size() - 1)));
      }
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  /** /var/lib/x2k/boot_grub.tar holds "grub". */
  private static String nameOf(String archive) {
    String base = archive.substring(archive.lastIndexOf('/') + 1).replaceFirst("\\.tar$", "");
    return base.substring(base.lastIndexOf('_') + 1);
  }

  @Override
  public void saveBootArea(String disk, String file) throws GuestException {
    calls.add("save boot area of " + disk + " to " + file);
    try {
      Files.write(inTree(file), ("(boot area of " + disk + ")\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public void restoreBootArea(String file, String disk) {
    calls.add("restore boot area of " + disk + " from " + file);
  }

  /** The appliance kernel's names where they differ from libguestfs's (a swapped scan). */
  final Map<String, String> kernelNames = new HashMap<>();

  @Override
  public String programsName(String disk) {
    return kernelNames.getOrDefault(disk, disk);
  }

  private Path inTree(String guestPath) {
    return root.resolve(guestPath.substring(1));
  }
}
