package org.x2k.guest.engine;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.stream.Stream;
import org.x2k.guest.GuestException;
import org.x2k.io.OutputException;
import org.x2k.io.OutputFiles;

/**
 * The host directory a guest's own kernel and initramfs are copied to (below --boot-dir), one per
 * domain. A file in it names the domain it belongs to, so that converting one domain never replaces
 * the boot files another domain boots, unless the user says so (--force).
 *
 * @param path the directory
 * @param owner the domain's name and uuid, as the file in it holds them
 */
public record BootDirectory(Path path, String owner) {
  /** The file that names the domain whose boot files the directory holds. */
  static final String OWNER_FILE = ".x2k-domain";

  /**
   * The boot directory of domain {@code name} with {@code uuid} ("" for none) below {@code root}:
   * named after the domain, kept to safe characters, and its uuid, so that two domains whose names
   * differ only in unsafe characters ("db 01", "db_01") do not share one.
   */
  public static BootDirectory of(Path root, String name, String uuid) {
    String safe = name.replaceAll("[^A-Za-z0-9._+-]", "_");
    safe = safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    String id = uuid.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f-]", "");
    return new BootDirectory(
        root.resolve(id.isEmpty() ? safe : safe + "-" + id), name + "\n" + uuid + "\n");
  }

  /** More than any owner file x2k writes. */
  private static final int OWNER_FILE_LIMIT = 4096;

  /** Refuses a directory that holds another domain's boot files, or files x2k did not put there. */
  public void checkNoOtherDomain() throws GuestException {
    if (!Files.isDirectory(path, NOFOLLOW_LINKS)) {
      return; // none yet (or no directory: creating it says why)
    }
    String found;
    try (InputStream in =
        Channels.newInputStream(
            Files.newByteChannel(
                path.resolve(OWNER_FILE), StandardOpenOption.READ, NOFOLLOW_LINKS))) {
      found = new String(in.readNBytes(OWNER_FILE_LIMIT), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (isEmpty()) {
        return;
      }
      throw GuestException.refused(
          path
              + " holds files x2k did not copy there for this domain; add --force to replace"
              + " them",
          "guest-boot-directory-taken");
    } catch (IOException e) {
      throw new GuestException("cannot read " + path.resolve(OWNER_FILE) + ": " + e, e);
    }
    if (!found.equals(owner)) {
      throw GuestException.refused(
          path
              + " holds the boot files of another domain ("
              + found.strip().replace('\n', ' ')
              + "); add --force to replace them",
          "guest-boot-directory-taken");
    }
  }

  /** Notes in the directory (made before) that its files are this domain's. */
  void claim() throws OutputException {
    OutputFiles.writeAtomically(
        OutputFiles.Target.below(path, Path.of(OWNER_FILE)),
        owner.getBytes(StandardCharsets.UTF_8),
        true,
        OutputFiles.OWNER_ONLY);
  }

  private boolean isEmpty() throws GuestException {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new GuestException("cannot read " + path + ": " + e, e);
    }
  }
}
