package org.x2k.libvirt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a KVM host can run, read from libvirt's answer: {@code virsh capabilities} (every guest
 * architecture with its emulator and domain types) or {@code virsh domcapabilities} (one
 * architecture, one domain type, one emulator). x2k needs three facts from it: which domain types
 * the host offers (a host without KVM offers only {@code qemu}), which architectures it runs, and
 * the emulator for each.
 */
public final class HostCapabilities {
  /** The most bytes of capabilities XML read: libvirt's own answers are a few hundred KiB. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  private final String source;
  private final String hostArch;

  /** domain type, then guest architecture, to emulator path; sorted, so messages are stable. */
  private final Map<String, Map<String, String>> emulators;

  private HostCapabilities(
      String source, String hostArch, Map<String, Map<String, String>> emulators) {
    this.source = source;
    this.hostArch = hostArch;
    this.emulators = emulators;
  }

  /** Where the capabilities came from: a libvirt URI or a file name. */
  public String source() {
    return source;
  }

  /** The host's own architecture: what libvirt gives a domain that names none. */
  public String hostArch() {
    return hostArch;
  }

  /** The domain types the host offers for fully virtualised guests, sorted. */
  public List<String> domainTypes() {
    return new ArrayList<>(emulators.keySet());
  }

  /**
   * The guest architectures the host runs as {@code type} domains, each with its emulator; empty if
   * the host offers no such type.
   */
  public Map<String, String> emulatorsFor(String type) {
    return Collections.unmodifiableMap(emulators.getOrDefault(type, Map.of()));
  }

  /**
   * Reads {@code virsh capabilities} or {@code virsh domcapabilities} output.
   *
   * @param source the URI or file the XML came from, for messages
   * @throws CapabilitiesException if the XML is not one of libvirt's capabilities documents
   */
  public static HostCapabilities parse(byte[] xml, String source) throws CapabilitiesException {
    if (xml.length > MAX_BYTES) {
      throw new CapabilitiesException(
          source + ": over " + MAX_BYTES / (1024 * 1024) + " MiB: not libvirt's capabilities");
    }
    Element root = parseSafely(xml, source).getDocumentElement();
    return switch (root.getTagName()) {
      case "capabilities" -> fromCapabilities(root, source);
      case "domainCapabilities" -> fromDomainCapabilities(root, source);
      default ->
          throw new CapabilitiesException(
              source
                  + ": root element is <"
                  + root.getTagName()
                  + ">, expected libvirt's <capabilities> or <domainCapabilities> (virsh"
                  + " capabilities or virsh domcapabilities on the KVM host)");
    };
  }

  /** {@code <capabilities>}: each {@code <guest>} of os_type hvm, each of its domain types. */
  private static HostCapabilities fromCapabilities(Element root, String source)
      throws CapabilitiesException {
    String hostArch = text(child(child(child(root, "host"), "cpu"), "arch"));
    Map<String, Map<String, String>> emulators = new TreeMap<>();
    for (Element guest : children(root, "guest")) {
      if (!"hvm".equals(text(child(guest, "os_type")))) {
        continue; // Xen's own xen/xenpvh guests, which a KVM domain never is
      }
      for (Element arch : children(guest, "arch")) {
        String name = arch.getAttribute("name");
        String archEmulator = text(child(arch, "emulator"));
        for (Element domain : children(arch, "domain")) {
          // a domain type may name its own emulator (RHEL's kvm: /usr/libexec/qemu-kvm)
          String emulator = text(child(domain, "emulator"));
          emulators
              .computeIfAbsent(domain.getAttribute("type"), type -> new TreeMap<>())
              .put(name, emulator.isEmpty() ? archEmulator : emulator);
        }
      }
    }
    if (hostArch.isEmpty() && emulators.isEmpty()) {
      throw new CapabilitiesException(
          source + ": <capabilities> without <host> or <guest>:" + " not what libvirt prints");
    }
    return new HostCapabilities(source, hostArch, emulators);
  }

  /**
   * {@code <domainCapabilities>}: one emulator for one architecture and domain type. An x86_64 QEMU
   * also runs i686 guests, as libvirt's capabilities list for such hosts.
   */
  private static HostCapabilities fromDomainCapabilities(Element root, String source)
      throws CapabilitiesException {
    String emulator = text(child(root, "path"));
    String type = text(child(root, "domain"));
    String arch = text(child(root, "arch"));
    if (emulator.isEmpty() || type.isEmpty() || arch.isEmpty()) {
      throw new CapabilitiesException(
          source
              + ": <domainCapabilities> without <path>, <domain>"
              + " and <arch>: not what libvirt prints");
    }
    Map<String, String> arches = new TreeMap<>();
    arches.put(arch, emulator);
    if (arch.equals("x86_64")) {
      arches.put("i686", emulator);
    }
    Map<String, Map<String, String>> emulators = new LinkedHashMap<>();
    emulators.put(type, arches);
    return new HostCapabilities(source, arch, emulators);
  }

  /**
   * A parser that reads nothing but the bytes given: no DOCTYPE (so no DTD, no external entity, no
   * entity expansion), no XInclude. libvirt never writes either into its capabilities.
   */
  static Document parseSafely(byte[] xml, String source) throws CapabilitiesException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(
          "the JDK's XML parser lacks a safety feature: " + e.getMessage(), e);
    } catch (SAXException | IOException e) {
      if (String.valueOf(e.getMessage()).contains("disallow-doctype-decl")) {
        throw new CapabilitiesException(
            source
                + ": refused: a DOCTYPE declaration (x2k reads no"
                + " DTDs or external entities, and libvirt never writes them)");
      }
      throw new CapabilitiesException(
          source
              + ": not well-formed XML: "
              + String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " "));
    }
  }

  static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  static String text(Element element) {
    return element == null ? "" : element.getTextContent().strip();
  }

  /**
   * Why this host cannot take {@code type} domains ("cannot run kvm domains: it offers only qemu
   * domains; without KVM there, ..."), or empty if it can. A host without KVM offers only qemu
   * (TCG) domains.
   */
  public Optional<String> whyNot(String type) {
    if (!emulatorsFor(type).isEmpty()) {
      return Optional.empty();
    }
    List<String> offered = domainTypes();
    String offers =
        offered.isEmpty()
            ? "no fully virtualised domains at all"
            : "only " + String.join(", ", offered) + " domains";
    String advice =
        offered.contains("qemu") && !type.equals("qemu")
            ? "; without KVM there, convert with --type qemu (QEMU's emulation, much slower)"
            : "; is it a KVM host?";
    return Optional.of("cannot run " + type + " domains: it offers " + offers + advice);
  }

  /** The architectures of {@code type} domains, for messages: "i686, x86_64". */
  public String archesOf(String type) {
    return String.join(", ", new TreeSet<>(emulatorsFor(type).keySet()));
  }

  /** Capabilities XML in bytes, as a file or libvirt gives it. */
  static byte[] utf8(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
