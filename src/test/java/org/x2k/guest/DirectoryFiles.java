package org.x2k.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A guest tree in a host directory, for the golden trees: links resolve inside the tree, as
 * libguestfs resolves them inside the guest.
 */
public final class DirectoryFiles implements GuestFiles {
  private final Path root;

  public DirectoryFiles(Path root) {
    this.root = root;
  }

  /** The host path of guest path {@code path}, its links followed inside the tree. */
  private Path resolve(String path, boolean followLast) throws GuestException {
    String current = "/";
    Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        current = current.equals("/") ? "/" : current.substring(0, current.lastIndexOf('/'));
        current = current.isEmpty() ? "/" : current;
        continue;
      }
      String next = (current.equals("/") ? "" : current) + "/" + part;
      Path host = root.resolve(next.substring(1));
      if (Files.isSymbolicLink(host) && (followLast || !pending.isEmpty())) {
        if (++links > 40) {
          throw new GuestException(path + ": too many links");
        }
        try {
          String target = Files.readSymbolicLink(host).toString();
          List<String> rest = List.copyOf(pending);
          pending.clear();
          pending.addAll(List.of(target.split("/")));
          pending.addAll(rest);
          if (target.startsWith("/")) {
            current = "/";
          }
        } catch (IOException e) {
          throw new GuestException(e.toString(), e);
        }
        continue;
      }
      current = next;
    }
    return current.equals("/") ? root : root.resolve(current.substring(1));
  }

  @Override
  public Optional<byte[]> read(String path) throws GuestException {
    Path file = resolve(path, true);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public boolean isFile(String path) throws GuestException {
    return Files.isRegularFile(resolve(path, true), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public boolean isDirectory(String path) throws GuestException {
    return Files.isDirectory(resolve(path, true), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public Optional<String> linkTarget(String path) throws GuestException {
    Path file = resolve(path, false);
    if (!Files.isSymbolicLink(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readSymbolicLink(file).toString());
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public List<String> list(String path) throws GuestException {
    Path directory = resolve(path, true);
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public void write(String path, byte[] content) throws GuestException {
    try {
      Files.write(resolve(path, true), content);
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public void copy(String from, String to) throws GuestException {
    try {
      Files.copy(
          resolve(from, false),
          resolve(to, false),
          StandardCopyOption.COPY_ATTRIBUTES,
          StandardCopyOption.REPLACE_EXISTING,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public void rename(String from, String to) throws GuestException {
    try {
      Files.move(resolve(from, false), resolve(to, false), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public void remove(String path) throws GuestException {
    try {
      Files.deleteIfExists(resolve(path, false));
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public void symlink(String target, String path) throws GuestException {
    try {
      Files.createSymbolicLink(resolve(path, false), Path.of(target));
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public void makeDirectory(String path) throws GuestException {
    try {
      Files.createDirectory(resolve(path, false));
    } catch (IOException e) {
      throw new GuestException(e.toString(), e);
    }
  }

  @Override
  public void removeEmptyDirectory(String path) throws GuestException {
    if (list(path).isEmpty()) {
      remove(path);
    }
  }
}
