package org.x2k.convert;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What the properties check in a domain before and after conversion: its identity (what x2k must
 * never change) and what only Xen takes.
 */
final class DomainFacts {
  /** name, uuid, memory in KiB, vCPUs, MACs and disk sources, each sorted. */
  record Identity(
      String name,
      String uuid,
      long memoryKiB,
      String vcpus,
      List<String> macs,
      List<String> diskSources) {}

  /**
   * What only Xen takes, after the acceptance judge (../shared/tools/libvirt-check.py) and the
   * seeds: each XPath that must find nothing in a conversion, with why.
   */
  static final Map<String, String> XEN_ONLY =
      Map.ofEntries(
          Map.entry("/domain[@type != 'kvm']", "domain type other than kvm"),
          Map.entry("/domain/os/type[. != 'hvm']", "os type other than hvm"),
          Map.entry("/domain/os/type[starts-with(@machine, 'xen')]", "Xen machine"),
          Map.entry("/domain/os/loader[contains(., 'hvmloader')]", "Xen's hvmloader"),
          Map.entry("/domain/bootloader | /domain/bootloader_args", "bootloader (pygrub)"),
          Map.entry(
              "//disk/target[@bus = 'xen' or starts-with(@dev, 'xvd')]", "Xen disk bus or name"),
          Map.entry("//disk/driver[@name != 'qemu']", "Xen disk driver"),
          Map.entry("//input[@bus = 'xen']", "Xen input bus"),
          Map.entry("//console/target[@type = 'xen']", "Xen console"),
          Map.entry("//interface/script", "vif script"),
          Map.entry("//interface/model[@type = 'netfront']", "netfront model"),
          Map.entry("//video/model[@type = 'xen']", "Xen video"),
          Map.entry(
              "//emulator[contains(., 'xen') or contains(., 'qemu-dm')]", "Xen device model"));

  private final Document document;
  private final XPath xpath = XPathFactory.newInstance().newXPath();

  private DomainFacts(Document document) {
    this.document = document;
  }

  static DomainFacts of(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return new DomainFacts(
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
  }

  Identity identity() throws Exception {
    return new Identity(
        xpath.evaluate("/domain/name", document),
        xpath.evaluate("/domain/uuid", document),
        kib(
            xpath.evaluate("/domain/memory", document),
            xpath.evaluate("/domain/memory/@unit", document)),
        xpath.evaluate("normalize-space(/domain/vcpu)", document),
        sorted("/domain/devices/interface/mac/@address", true),
        sorted("/domain/devices/disk/source/@file | /domain/devices/disk/source/@dev", false));
  }

  /** Why each Xen-only construct found is Xen's; empty when there is none. */
  List<String> xenLeftovers() throws Exception {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String> check : XEN_ONLY.entrySet()) {
      NodeList nodes = (NodeList) xpath.evaluate(check.getKey(), document, XPathConstants.NODESET);
      if (nodes.getLength() > 0) {
        found.add(check.getValue());
      }
    }
    found.sort(null);
    return found;
  }

  private List<String> sorted(String path, boolean lowerCase) throws Exception {
    NodeList nodes = (NodeList) xpath.evaluate(path, document, XPathConstants.NODESET);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      String value = nodes.item(i).getNodeValue();
      values.add(lowerCase ? value.toLowerCase(Locale.ROOT) : value);
    }
    values.sort(null);
    return values;
  }

  /** Memory in KiB, in any of libvirt's units. */
  static long kib(String value, String unit) {
    long number = Long.parseLong(value.strip());
    return switch (unit.isEmpty() ? "KiB" : unit) {
      case "KiB", "k", "K" -> number;
      case "MiB", "M" -> number * 1024;
      case "GiB", "G" -> number * 1024 * 1024;
      case "TiB", "T" -> number * 1024 * 1024 * 1024;
      case "b", "bytes" -> number / 1024;
      case "KB" -> number * 1000 / 1024;
      case "MB" -> number * 1000 * 1000 / 1024;
      case "GB" -> number * 1000 * 1000 * 1000 / 1024;
      default -> throw new AssertionError("memory unit " + unit);
    };
  }
}
