package org.x2k.convert;

import java.util.Map;
import java.util.TreeMap;
import net.sf.saxon.om.NamespaceMap;
import net.sf.saxon.s9api.Axis;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;

/**
 * Writes a domain tree the way {@code virsh dumpxml} prints one: no XML declaration, two-space
 * indentation, single-quoted attributes on the element's line, text-only elements on one line.
 * Output written this way diffs cleanly against libvirt's own and does not depend on the XSLT
 * processor's serializer. The tree must carry no whitespace-only text between elements (the
 * stylesheets strip it); an element holding both text and elements is written unindented, so its
 * text survives exactly.
 */
final class LibvirtXmlWriter {
  private final StringBuilder out = new StringBuilder(4096);

  static String write(XdmNode document) {
    LibvirtXmlWriter writer = new LibvirtXmlWriter();
    for (XdmNode child : document.children()) {
      writer.node(child, 0, true);
    }
    return writer.out.toString();
  }

  private void node(XdmNode node, int depth, boolean indent) {
    switch (node.getNodeKind()) {
      case ELEMENT -> element(node, depth, indent);
      case TEXT -> text(node.getStringValue(), false);
      case COMMENT -> {
        startLine(depth, indent);
        out.append("<!--").append(node.getStringValue()).append("-->");
        endLine(indent);
      }
      case PROCESSING_INSTRUCTION -> {
        startLine(depth, indent);
        out.append("<?").append(node.getNodeName().getLocalName());
        String data = node.getStringValue();
        if (!data.isEmpty()) {
          out.append(' ').append(data);
        }
        out.append("?>");
        endLine(indent);
      }
      default -> throw new IllegalArgumentException("unexpected node kind " + node.getNodeKind());
    }
  }

  private void element(XdmNode element, int depth, boolean indent) {
    startLine(depth, indent);
    String name = element.getNodeName().toString();
    out.append('<').append(name);
    newNamespaces(element)
        .forEach(
            (prefix, uri) -> {
              out.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("='");
              text(uri, true);
              out.append('\'');
            });
    element
        .axisIterator(Axis.ATTRIBUTE)
        .forEachRemaining(
            attribute -> {
              out.append(' ').append(attribute.getNodeName().toString()).append("='");
              text(attribute.getStringValue(), true);
              out.append('\'');
            });
    boolean hasChildren = false;
    boolean hasText = false;
    for (XdmNode child : element.children()) {
      hasChildren = true;
      hasText |= child.getNodeKind() == XdmNodeKind.TEXT;
    }
    if (!hasChildren) {
      out.append("/>");
    } else if (hasText) {
      out.append('>');
      for (XdmNode child : element.children()) {
        node(child, depth + 1, false);
      }
      out.append("</").append(name).append('>');
    } else {
      out.append('>');
      endLine(indent);
      for (XdmNode child : element.children()) {
        node(child, depth + 1, indent);
      }
      startLine(depth, indent);
      out.append("</").append(name).append('>');
    }
    endLine(indent);
  }

  /**
   * Namespace bindings in scope here but not on the parent element, sorted by prefix; a default
   * namespace the parent has and this element has not is undeclared with {@code xmlns=''}.
   */
  private static Map<String, String> newNamespaces(XdmNode element) {
    XdmNode parent = element.getParent();
    NamespaceMap ownMap = element.getUnderlyingNode().getAllNamespaces();
    NamespaceMap parentMap =
        parent != null && parent.getNodeKind() == XdmNodeKind.ELEMENT
            ? parent.getUnderlyingNode().getAllNamespaces()
            : NamespaceMap.emptyMap();
    if (ownMap == parentMap || ownMap.equals(parentMap)) {
      // nearly every element: the same bindings as its parent, so nothing to declare
      return Map.of();
    }
    Map<String, String> inherited = namespaces(element.getParent());
    Map<String, String> own = namespaces(element);
    Map<String, String> declared = new TreeMap<>();
    own.forEach(
        (prefix, uri) -> {
          if (!uri.equals(inherited.get(prefix))) {
            declared.put(prefix, uri);
          }
        });
    if (inherited.containsKey("") && !own.containsKey("")) {
      declared.put("", "");
    }
    return declared;
  }

  private static Map<String, String> namespaces(XdmNode node) {
    Map<String, String> bindings = new TreeMap<>();
    if (node != null && node.getNodeKind() == XdmNodeKind.ELEMENT) {
      node.axisIterator(Axis.NAMESPACE)
          .forEachRemaining(
              ns -> {
                String prefix = ns.getNodeName() == null ? "" : ns.getNodeName().getLocalName();
                if (!prefix.equals("xml")) {
                  bindings.put(prefix, ns.getStringValue());
                }
              });
    }
    return bindings;
  }

  private void startLine(int depth, boolean indent) {
    if (indent) {
      out.append("  ".repeat(depth));
    }
  }

  private void endLine(boolean indent) {
    if (indent) {
      out.append('\n');
    }
  }

  /** Escapes as libvirt does, plus the characters an attribute value would otherwise lose. */
  private void text(String value, boolean attribute) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\'' -> out.append(attribute ? "&apos;" : "'");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\r' -> out.append("&#13;");
        case '\n' -> out.append(attribute ? "&#10;" : "\n");
        case '\t' -> out.append(attribute ? "&#9;" : "\t");
        default -> out.append(c);
      }
    }
  }
}
