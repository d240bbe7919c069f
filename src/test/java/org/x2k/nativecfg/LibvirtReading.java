package org.x2k.nativecfg;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * A Xen domain as libvirt's Xen driver reads it, with what it implies written out: every NUMA
 * distance (a sibling distance that is left out is the reverse one if that is given, else 10 from a
 * cell to itself and 20 to any other: formatdomain.html, NUMA cell distances), and the xenbus
 * controller and Xen balloon the driver adds to every domain it defines. Two domains that libvirt
 * reads the same way then compare equal, whichever implied parts each wrote down.
 */
final class LibvirtReading {
  private LibvirtReading() {}

  static Document complete(String xml) {
    Document document;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
    }
    NodeList numas = document.getElementsByTagName("numa");
    for (int n = 0; n < numas.getLength(); n++) {
      complete((Element) numas.item(n));
    }
    Element domain = document.getDocumentElement();
    if (domain.getTagName().equals("domain") && domain.getAttribute("type").equals("xen")) {
      for (Element devices : children(domain, "devices")) {
        if (children(devices, "controller").stream()
            .noneMatch(c -> c.getAttribute("type").equals("xenbus"))) {
          Element xenbus = document.createElement("controller");
          xenbus.setAttribute("type", "xenbus");
          xenbus.setAttribute("index", "0");
          devices.appendChild(xenbus);
        }
        if (children(devices, "memballoon").isEmpty()) {
          Element balloon = document.createElement("memballoon");
          balloon.setAttribute("model", "xen");
          devices.appendChild(balloon);
        }
      }
    }
    return document;
  }

  private static void complete(Element numa) {
    List<Element> cells = children(numa, "cell");
    Map<String, String> given = new HashMap<>();
    for (Element cell : cells) {
      for (Element distances : children(cell, "distances")) {
        for (Element sibling : children(distances, "sibling")) {
          given.put(
              cell.getAttribute("id") + ">" + sibling.getAttribute("id"),
              sibling.getAttribute("value"));
        }
      }
    }
    for (Element cell : cells) {
      children(cell, "distances").forEach(cell::removeChild);
      Element distances = numa.getOwnerDocument().createElement("distances");
      for (Element other : cells) {
        String from = cell.getAttribute("id");
        String to = other.getAttribute("id");
        String value =
            given.getOrDefault(
                from + ">" + to,
                given.getOrDefault(to + ">" + from, from.equals(to) ? "10" : "20"));
        Element sibling = numa.getOwnerDocument().createElement("sibling");
        sibling.setAttribute("id", to);
        sibling.setAttribute("value", value);
        distances.appendChild(sibling);
      }
      cell.appendChild(distances);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }
}
