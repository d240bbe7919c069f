package org.x2k.libvirt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.x2k.io.Input;
import org.x2k.io.Inputs;
import org.x2k.text.ControlCharacters;

/**
 * A libvirt connection, as x2k uses one: reading domains' inactive definitions from a Xen host and
 * defining converted ones on a KVM host. Any libvirt URI works, with libvirt's own authentication
 * (ssh agent and keys, libvirt's auth.conf); x2k never asks for a password.
 */
public final class Hypervisor implements AutoCloseable {
  /** virDomainXMLFlags: VIR_DOMAIN_XML_INACTIVE, what virsh dumpxml --inactive asks for. */
  private static final int XML_INACTIVE = 2;

  private final String uri;
  private final Connect connect;

  private Hypervisor(String uri, Connect connect) {
    this.uri = uri;
    this.connect = connect;
  }

  /**
   * Opens {@code uri}, read-only when nothing will be changed there.
   *
   * @throws HypervisorException if libvirt's client library is missing or the connection fails
   */
  public static Hypervisor open(String uri, boolean readOnly) throws HypervisorException {
    try {
      quietLibrary();
      return new Hypervisor(uri, new Connect(uri, readOnly));
    } catch (LibvirtException e) {
      throw new HypervisorException("cannot connect to " + uri + ": " + message(e));
    } catch (LinkageError e) {
      throw new HypervisorException(
          "--connect and --define need libvirt's client library"
              + " (libvirt.so.0, Debian's package libvirt0), which could not be loaded: "
              + oneLine(e.getMessage()));
    }
  }

  /**
   * libvirt's default error handler prints every error on stderr, lookups of domains that are not
   * there included; x2k reports what matters itself. Held here so that JNA's callback is not
   * collected while libvirt may call it.
   */
  private static ErrorCallback silentErrors;

  private static synchronized void quietLibrary() throws LibvirtException {
    if (silentErrors == null) {
      silentErrors = new ErrorCallback();
      Connect.setErrorCallback(silentErrors);
    }
  }

  public String uri() {
    return uri;
  }

  /** The connection itself, for what x2k does through libvirt's storage API (--copy-storage). */
  public Connect connection() {
    return connect;
  }

  /** The names of all domains, running or not, sorted. */
  public List<String> domainNames() throws HypervisorException {
    try {
      TreeSet<String> names = new TreeSet<>(List.of(connect.listDefinedDomains()));
      for (int id : connect.listDomains()) {
        names.add(connect.domainLookupByID(id).getName());
      }
      return new ArrayList<>(names);
    } catch (LibvirtException e) {
      throw new HypervisorException("cannot list the domains of " + uri + ": " + message(e));
    }
  }

  /** The inactive definition of domain {@code name}, as virsh dumpxml --inactive prints it. */
  public byte[] inactiveXml(String name) throws HypervisorException {
    try {
      return connect
          .domainLookupByName(name)
          .getXMLDesc(XML_INACTIVE)
          .getBytes(StandardCharsets.UTF_8);
    } catch (LibvirtException e) {
      throw new HypervisorException(
          "cannot read domain " + name + " from " + uri + ": " + message(e));
    }
  }

  /**
   * The inactive definitions of the domains {@code selection} takes, as virsh dumpxml --inactive
   * prints them; a domain that cannot be read, or whose name holds a control character, is a
   * problem of the result and the others are read.
   */
  public Inputs readDomains(DomainSelection selection) throws HypervisorException {
    List<String> names = selection.names();
    List<Inputs.Problem> problems = new ArrayList<>();
    if (selection.listsDomains()) {
      names = domainNames().stream().filter(selection::takes).toList();
      if (names.isEmpty()) {
        problems.add(new Inputs.Problem(uri(), selection.nothingTaken()));
      }
    }
    List<Input> documents = new ArrayList<>();
    for (String name : names) {
      int control = ControlCharacters.firstInName(name);
      if (control >= 0) {
        // a name from the source host, shown as it is, would forge or reorder message lines
        problems.add(
            new Inputs.Problem(
                ControlCharacters.escaped(name),
                "the domain name holds the control character " + ControlCharacters.name(control)));
        continue;
      }
      try {
        documents.add(Input.ofDomain(name, inactiveXml(name)));
      } catch (HypervisorException e) {
        problems.add(new Inputs.Problem(name, e.getMessage()));
      }
    }
    return Inputs.of(documents, problems);
  }

  /**
   * Whether the URI names this machine (qemu:///system, no host part): only then may x2k look at
   * the target's files and devices itself.
   */
  public boolean isLocal() {
    try {
      String host = new URI(uri).getHost();
      return host == null || host.isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * The directories of the target's file-system storage pools (types dir, fs and netfs), active or
   * not, by pool name: the files under them are the host's storage for guests.
   */
  public Map<String, String> storagePoolDirectories() throws HypervisorException {
    Map<String, String> directories = new TreeMap<>();
    try {
      List<String> names = new ArrayList<>(List.of(connect.listStoragePools()));
      names.addAll(List.of(connect.listDefinedStoragePools()));
      for (String name : names) {
        StoragePool.parse(connect.storagePoolLookupByName(name).getXMLDesc(0), uri)
            .filter(StoragePool::holdsFiles)
            .ifPresent(pool -> directories.put(name, pool.targetPath()));
      }
    } catch (LibvirtException e) {
      throw new HypervisorException("cannot list the storage pools of " + uri + ": " + message(e));
    }
    return directories;
  }

  /** Whether {@code path} is a volume of one of the target's storage pools (an LVM volume, say). */
  public boolean isStorageVolume(String path) {
    try {
      return connect.storageVolLookupByPath(path) != null;
    } catch (LibvirtException e) {
      return false;
    }
  }

  /** What already holds {@code name} or {@code uuid} here, described for the user, if anything. */
  public Optional<String> existing(String name, String uuid) {
    Optional<Domain> byName = lookup(() -> connect.domainLookupByName(name));
    if (byName.isPresent()) {
      return Optional.of("a domain named " + name + " exists on " + uri);
    }
    if (uuid.isEmpty()) {
      return Optional.empty();
    }
    return lookup(() -> connect.domainLookupByUUIDString(uuid))
        .map(domain -> "uuid " + uuid + " is domain " + nameOf(domain) + " on " + uri);
  }

  /** Defines (or, for an existing domain of the same name and uuid, redefines) {@code xml}. */
  public void define(String xml) throws HypervisorException {
    try {
      connect.domainDefineXML(xml);
    } catch (LibvirtException e) {
      throw new HypervisorException(uri + " refused the definition: " + message(e));
    }
  }

  /**
   * What this host can run: libvirt's capabilities (virsh capabilities), asked once.
   *
   * @throws HypervisorException if libvirt does not answer or its answer cannot be read
   */
  public HostCapabilities capabilities() throws HypervisorException {
    try {
      return HostCapabilities.parse(HostCapabilities.utf8(connect.getCapabilities()), uri);
    } catch (LibvirtException e) {
      throw new HypervisorException("cannot read the capabilities of " + uri + ": " + message(e));
    } catch (CapabilitiesException e) {
      throw new HypervisorException(e.getMessage());
    }
  }

  /** virDomainUndefineFlags: keep the NVRAM file (libvirt 2.3; absent from libvirt-java). */
  private static final int UNDEFINE_KEEP_NVRAM = 1 << 3;

  /** virDomainUndefineFlags: keep the TPM state (libvirt 8.9; absent from libvirt-java). */
  private static final int UNDEFINE_KEEP_TPM = 1 << 6;

  /**
   * Undefines {@code name}, keeping every file of the host: its NVRAM file and TPM state, which x2k
   * did not make (plain undefine refuses a domain whose NVRAM file exists, and would delete TPM
   * state kept under its uuid). A driver that knows neither flag (an older libvirt, the test
   * driver) has no such files to keep and is asked with fewer.
   */
  public void undefine(String name) throws HypervisorException {
    try {
      Domain domain = connect.domainLookupByName(name);
      int[] flagsToTry = {UNDEFINE_KEEP_NVRAM | UNDEFINE_KEEP_TPM, UNDEFINE_KEEP_NVRAM, 0};
      for (int i = 0; ; i++) {
        try {
          domain.undefine(flagsToTry[i]);
          return;
        } catch (LibvirtException e) {
          if (i == flagsToTry.length - 1 || !message(e).contains("unsupported flags")) {
            throw e;
          }
        }
      }
    } catch (LibvirtException e) {
      throw new HypervisorException("cannot undefine " + name + " on " + uri + ": " + message(e));
    }
  }

  @Override
  public void close() {
    try {
      connect.close();
    } catch (LibvirtException e) {
      // closing is best effort: the process ends next
    }
  }

  @FunctionalInterface
  private interface Lookup {
    Domain find() throws LibvirtException;
  }

  private static Optional<Domain> lookup(Lookup lookup) {
    try {
      return Optional.ofNullable(lookup.find());
    } catch (LibvirtException e) {
      return Optional.empty();
    }
  }

  private static String nameOf(Domain domain) {
    try {
      return domain.getName();
    } catch (LibvirtException e) {
      return "?";
    }
  }

  private static String message(LibvirtException e) {
    return oneLine(
        e.getError() != null && e.getError().getMessage() != null
            ? e.getError().getMessage()
            : e.getMessage());
  }

  private static String oneLine(String message) {
    return message == null ? "unknown error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
