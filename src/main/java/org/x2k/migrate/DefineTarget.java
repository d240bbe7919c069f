package org.x2k.migrate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.x2k.convert.Conversion;
import org.x2k.convert.ConversionException;
import org.x2k.convert.HostFiles;
import org.x2k.convert.Report;
import org.x2k.io.Input;
import org.x2k.io.InputException;
import org.x2k.libvirt.Hypervisor;
import org.x2k.libvirt.HypervisorException;

/**
 * --define: puts each converted domain on the KVM host through libvirt, or with --dry-run asks the
 * host whether it would take it (defined and undefined at once, nothing kept). A domain whose name
 * or uuid the host already has is skipped unless --replace. Keeps what became of each domain for
 * the summary, and what disk images must follow it.
 */
public final class DefineTarget {
  private final Hypervisor hypervisor;
  private final boolean replace;
  private final boolean dryRun;
  private final String source;
  private final HostFilesCheck hostFiles;
  private final List<String> defined = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private final List<String> failed = new ArrayList<>();
  private final List<String> notAsked = new ArrayList<>();
  private final List<String> copies = new ArrayList<>();

  /**
   * @param source where the domains came from, for the list of disks to copy (a URI, or "the Xen
   *     host" for files)
   * @param hostFiles the check of the files and devices a domain names, or null to take them as
   *     they are (--allow-host-resources)
   */
  public DefineTarget(
      Hypervisor hypervisor,
      boolean replace,
      boolean dryRun,
      String source,
      HostFilesCheck hostFiles) {
    this.hypervisor = hypervisor;
    this.hostFiles = hostFiles;
    this.replace = replace;
    this.dryRun = dryRun;
    this.source = source;
  }

  /**
   * Before its disks are copied (--copy-storage): why the host would not take {@code result} for
   * the files it keeps naming (its kernel, CD-ROM images), which no copy replaces, or empty. A
   * domain refused here is counted as failed, and nothing of it is copied.
   */
  Optional<String> problemBeforeCopy(Conversion result) throws ConversionException {
    if (hostFiles == null) {
      return Optional.empty();
    }
    List<HostFiles.HostFile> kept =
        HostFiles.of(result.xml()).stream()
            .filter(file -> !file.what().startsWith("disk "))
            .toList();
    try {
      Optional<String> problem;
      synchronized (hostFiles) {
        problem = hostFiles.problem(kept);
      }
      if (problem.isPresent()) {
        synchronized (failed) {
          failed.add(result.name());
        }
      }
      return problem;
    } catch (HypervisorException e) {
      throw new ConversionException(e.getMessage(), e, "");
    }
  }

  /** Whether {@code result} will be skipped: the host has its name or uuid, and no --replace. */
  boolean skips(Conversion result) {
    return !replace && hypervisor.existing(result.name(), result.uuid()).isPresent();
  }

  /**
   * Defines {@code result} (or asks about it), printing a line for a skipped domain.
   *
   * @throws InputException if the host refuses the definition
   */
  void define(Input input, Conversion result, PrintWriter err) throws InputException {
    String name = result.name();
    Optional<String> existing = hypervisor.existing(name, result.uuid());
    try {
      if (existing.isPresent() && !replace) {
        err.println(
            "x2k: " + input.name() + ": skipped: " + existing.get() + " (--replace redefines it)");
        skipped.add(name);
        return;
      }
      if (hostFiles != null) {
        Optional<String> problem = hostFiles.problem(HostFiles.of(result.xml()));
        if (problem.isPresent()) {
          failed.add(name);
          throw new InputException("not defined: " + problem.get());
        }
      }
      if (dryRun) {
        if (existing.isPresent()) {
          // asking would mean replacing it: the dry run keeps the host as it is
          err.println(
              "x2k: "
                  + input.name()
                  + ": note: "
                  + existing.get()
                  + "; --replace would redefine it"
                  + " (not asked in a dry run)");
          notAsked.add(name);
          return;
        }
        hypervisor.define(result.xml());
        hypervisor.undefine(name);
      } else {
        hypervisor.define(result.xml());
      }
      defined.add(name);
      copyList(result.report()).ifPresent(disks -> copies.add(name + ": " + disks));
    } catch (HypervisorException e) {
      failed.add(name);
      throw new InputException(e.getMessage());
    } catch (ConversionException e) {
      failed.add(name);
      throw new InputException("not defined: " + e.getMessage());
    }
  }

  /** The disk images and devices the domain uses, from its report's data. */
  private static Optional<String> copyList(Report report) {
    return report.storage().isEmpty()
        ? Optional.empty()
        : Optional.of(
            report.storage().stream().map(Report.Storage::path).collect(Collectors.joining(", ")));
  }

  /** Whether every domain got onto the host (or would have, in a dry run). */
  boolean allThrough() {
    return skipped.isEmpty() && failed.isEmpty();
  }

  void printSummary(PrintWriter err) {
    String where = "x2k: " + hypervisor.uri() + (dryRun ? " (dry run, nothing kept): " : ": ");
    err.println(
        where
            + defined.size()
            + (dryRun ? " would be accepted" : " defined")
            + list(defined)
            + ", "
            + skipped.size()
            + " skipped"
            + list(skipped)
            + ", "
            + failed.size()
            + (dryRun ? " refused" : " failed")
            + list(failed)
            + (notAsked.isEmpty() ? "" : ", " + notAsked.size() + " not asked" + list(notAsked)));
    if (!copies.isEmpty()) {
      err.println("x2k: disk images are not copied; from " + source + " to the KVM host:");
      copies.forEach(copy -> err.println("x2k:   " + copy));
    }
  }

  private static String list(List<String> names) {
    return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
  }
}
