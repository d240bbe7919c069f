package org.x2k.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Storage volume XML, read and written as x2k needs it (libvirt's formatstorage). */
final class Volumes {
  private Volumes() {}

  /** What a volume's XML says: its format (empty if none) and its file's length (0 if none). */
  record Facts(String format, long physical) {}

  static Facts facts(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      String format = "";
      NodeList formats = document.getElementsByTagName("format");
      for (int i = 0; i < formats.getLength(); i++) {
        Element element = (Element) formats.item(i);
        if (element.getParentNode().getNodeName().equals("target")
            && element.getParentNode().getParentNode() == document.getDocumentElement()) {
          format = element.getAttribute("type");
        }
      }
      long physical = 0;
      NodeList physicals = document.getElementsByTagName("physical");
      if (physicals.getLength() > 0) {
        Element element = (Element) physicals.item(0);
        physical = bytes(element.getTextContent().strip(), element.getAttribute("unit"));
      }
      return new Facts(format, physical);
    } catch (ParserConfigurationException | SAXException | IOException | NumberFormatException e) {
      return new Facts("", 0);
    }
  }

  /** A new volume's XML: {@code name}, {@code capacity} bytes, {@code format}. */
  static String define(String name, long capacity, String format) {
    return "<volume><name>"
        + name
        + "</name><capacity unit='bytes'>"
        + capacity
        + "</capacity><allocation unit='bytes'>0</allocation><target><format type='"
        + format
        + "'/><permissions><mode>0600</mode></permissions></target></volume>";
  }

  private static long bytes(String value, String unit) {
    long number = Long.parseLong(value);
    return switch (unit.isEmpty() ? "bytes" : unit) {
      case "bytes", "b" -> number;
      case "KiB", "k", "K" -> number << 10;
      case "MiB", "M" -> number << 20;
      case "GiB", "G" -> number << 30;
      default -> throw new NumberFormatException("unit " + unit);
    };
  }

  static String message(LibvirtException e) {
    String message =
        e.getError() != null && e.getError().getMessage() != null
            ? e.getError().getMessage()
            : e.getMessage();
    return message == null ? "unknown error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
