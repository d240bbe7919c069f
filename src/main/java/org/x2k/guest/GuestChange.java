package org.x2k.guest;

import java.util.List;

/** One change x2k makes inside a guest; each can be undone from the backups and the manifest. */
public sealed interface GuestChange {
  /** The guest path it changes first, for ordering and messages. */
  String path();

  /**
   * A file rewritten, or created when {@code before} is null.
   *
   * @param why what rule made it, for the report
   */
  record Edit(String path, byte[] before, byte[] after, String why) implements GuestChange {}

  /** A symbolic link removed (a getty bound to a console the other hypervisor lacks). */
  record Unlink(String path, String target, String why) implements GuestChange {}

  /**
   * A program run inside the guest, which rewrites {@code rewrites} (backed up first, or removed on
   * undo if they did not exist).
   */
  record Run(List<String> argv, List<String> rewrites, String why) implements GuestChange {
    public Run {
      argv = List.copyOf(argv);
      rewrites = List.copyOf(rewrites);
    }

    @Override
    public String path() {
      return argv.get(0);
    }
  }

  /**
   * GRUB installed on the guest's first disk for BIOS and its menu made again: {@code commands} run
   * inside the guest after the boot area of {@code disk} (the MBR and the gap before the first
   * partition) and the tree {@code directory} are saved for undoing.
   */
  record InstallBootloader(String disk, String directory, List<List<String>> commands, String why)
      implements GuestChange {
    public InstallBootloader {
      commands = commands.stream().map(List::copyOf).toList();
    }

    @Override
    public String path() {
      return directory;
    }
  }
}
