package org.x2k.libvirt;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Which domains of a Xen host a fleet run takes (--connect): those named, every one (--all), or
 * those whose names match a glob (--match).
 *
 * @param names the domains named, when neither all nor patterns are given
 * @param all every domain of the host
 * @param patterns globs (*, ?, [abc]) a domain's name must match one of
 */
public record DomainSelection(List<String> names, boolean all, List<String> patterns) {
  public DomainSelection {
    names = List.copyOf(names);
    patterns = List.copyOf(patterns);
  }

  /** Whether the host's list of domains is read, rather than names taken as given. */
  public boolean listsDomains() {
    return all || !patterns.isEmpty();
  }

  /** Whether domain {@code name} of the host's list is taken. */
  public boolean takes(String name) {
    if (all) {
      return true;
    }
    for (String pattern : patterns) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      if (!name.contains("/") && matcher.matches(Path.of(name))) {
        return true;
      }
    }
    return false;
  }

  /** Why the host's list gave nothing. */
  String nothingTaken() {
    return all ? "no domains there" : "no domain there matches " + String.join(" or ", patterns);
  }
}
