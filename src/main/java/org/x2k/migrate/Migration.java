package org.x2k.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.x2k.convert.DomainConverter;
import org.x2k.io.Inputs;
import org.x2k.libvirt.DomainSelection;
import org.x2k.libvirt.HostCapabilities;
import org.x2k.libvirt.Hypervisor;
import org.x2k.libvirt.HypervisorException;
import org.x2k.storage.Destination;
import org.x2k.storage.DirectoryDestination;
import org.x2k.storage.PoolDestination;
import org.x2k.storage.StorageException;

/**
 * One run of x2k convert or x2k guest: where its domains come from (files, or a Xen host's domains
 * through libvirt), the KVM host they are made for (saved capabilities, or the --define target,
 * asked), and the {@link Batch} that converts, changes the guest, reports, writes and defines each.
 */
public final class Migration {
  /** Checks the inputs, once read, against the output options; a mismatch is a usage error. */
  public interface InputsCheck {
    void check(Inputs inputs, boolean defining);
  }

  private final Batch batch;
  private final DomainConverter converter;
  private final String domainType;
  private HostCapabilities savedHost;
  private String sourceUri;
  private DomainSelection selection;
  private String targetUri;
  private boolean replace;
  private boolean dryRun;
  private boolean checkHostFiles;
  private Path bootDirectory;
  private String copyTarget;
  private CopySettings copySettings;

  /**
   * What --copy-storage needs besides its target.
   *
   * @param storage the --storage mappings
   * @param diskFormat the copies' format, or null to keep each disk's
   * @param allowHostResources whether any path a definition names may be read
   * @param force whether an existing copy that differs may be replaced
   * @param forGuest whether the guest step changes the copies (which must then be on this host)
   */
  public record CopySettings(
      GuestSettings storage,
      String diskFormat,
      boolean allowHostResources,
      boolean force,
      boolean forGuest) {}

  /**
   * @param domainType the libvirt domain type the conversion makes (kvm, qemu)
   */
  public Migration(Batch batch, DomainConverter converter, String domainType) {
    this.batch = batch;
    this.converter = converter;
    this.domainType = domainType;
  }

  /** Converts for the KVM host of saved capabilities (--capabilities), or null for none. */
  public Migration forSavedHost(HostCapabilities host) {
    this.savedHost = host;
    return this;
  }

  /** Reads the domains {@code selection} takes from the Xen host at {@code uri}. */
  public Migration readingFrom(String uri, DomainSelection selection) {
    this.sourceUri = uri;
    this.selection = selection;
    return this;
  }

  /**
   * Defines each converted domain on the KVM host at {@code uri}, for which it is converted.
   *
   * @param replace redefine a domain of the same name and uuid there
   * @param dryRun ask the host whether it takes each definition, and keep none
   * @param checkHostFiles refuse a domain whose disks or kernel the host does not offer for guests
   * @param bootDirectory where the guests' own kernels are (--boot-dir), taken as offered
   */
  public Migration definingOn(
      String uri, boolean replace, boolean dryRun, boolean checkHostFiles, Path bootDirectory) {
    this.targetUri = uri;
    this.replace = replace;
    this.dryRun = dryRun;
    this.checkHostFiles = checkHostFiles;
    this.bootDirectory = bootDirectory;
    return this;
  }

  /**
   * Copies each domain's disks into {@code target}: a storage pool of the --define host, or without
   * one a directory of this host.
   */
  public Migration copyingTo(String target, CopySettings settings) {
    this.copyTarget = target;
    this.copySettings = settings;
    return this;
  }

  /**
   * Runs over {@code files} (or the source host's domains); true if every input went through.
   *
   * @param recursive whether the files of subdirectories are taken too
   * @throws MigrationException if the run cannot start: a host cannot be reached, or the target
   *     runs no domain of the type asked for
   */
  public boolean run(List<String> files, boolean recursive, InputsCheck check)
      throws MigrationException {
    // a null resource is allowed, and not closed
    // libvirt refuses volume downloads on a read-only connection: a copy opens the source
    // read-write, and still only reads there
    try (Hypervisor source =
            sourceUri != null ? Hypervisor.open(sourceUri, copyTarget == null) : null;
        Hypervisor target = targetUri != null ? Hypervisor.open(targetUri, false) : null) {
      HostCapabilities host = target != null ? target.capabilities() : savedHost;
      if (host != null) {
        convertFor(host, target != null ? host.source() : "the KVM host of " + host.source());
      }
      if (target != null) {
        batch.defineOn(
            new DefineTarget(
                target,
                replace,
                dryRun,
                source != null ? source.uri() : "the Xen host",
                checkHostFiles ? HostFilesCheck.of(target, bootDirectory) : null));
      }
      if (copyTarget != null) {
        batch.copyWith(copyStep(source, target));
      }
      Inputs inputs =
          source != null ? source.readDomains(selection) : Inputs.expand(files, recursive);
      check.check(inputs, target != null);
      return batch.run(inputs, converter);
    } catch (HypervisorException e) {
      throw new MigrationException(e.getMessage());
    }
  }

  private CopyStep copyStep(Hypervisor source, Hypervisor target)
      throws MigrationException, HypervisorException {
    Destination destination;
    try {
      if (target != null) {
        Optional<Path> directory =
            target.isLocal()
                ? Optional.ofNullable(target.storagePoolDirectories().get(copyTarget)).map(Path::of)
                : Optional.empty();
        destination = PoolDestination.of(target.connection(), target.uri(), copyTarget, directory);
      } else {
        destination = DirectoryDestination.of(Path.of(copyTarget));
      }
    } catch (StorageException e) {
      throw new MigrationException("--copy-storage: " + e.getMessage());
    }
    if (copySettings.forGuest() && !destination.onThisHost()) {
      throw new MigrationException(
          "--guest changes the copies on this host: "
              + destination.describe()
              + " is not a directory of this host (use a directory pool of qemu:///system, or"
              + " --copy-storage DIR)");
    }
    return new CopyStep(
        destination,
        source,
        copySettings.storage(),
        copySettings.diskFormat(),
        copySettings.allowHostResources(),
        copySettings.force(),
        batch.err());
  }

  /**
   * Sets the converter up for the KVM host {@code host}, named {@code described} in messages, or
   * says why no domain of the requested type can go there: a host without KVM offers only qemu
   * (TCG) domains.
   */
  private void convertFor(HostCapabilities host, String described) throws MigrationException {
    Optional<String> unable = host.whyNot(domainType);
    if (unable.isPresent()) {
      throw new MigrationException(described + " " + unable.get());
    }
    converter.forTarget(described, host.hostArch(), host.emulatorsFor(domainType));
  }
}
