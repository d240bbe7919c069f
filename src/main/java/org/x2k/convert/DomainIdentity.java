package org.x2k.convert;

import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import org.x2k.text.ControlCharacters;

/**
 * The name and uuid that identify a document: its root's, or its snapshot's domain's.
 *
 * @param name the domain's name, trimmed; empty if it has none
 * @param uuid its uuid as written, trimmed; empty if it has none
 */
record DomainIdentity(String name, String uuid) {
  /**
   * The identity of {@code document}.
   *
   * @throws ConversionException if the name holds a control character, which would forge or reorder
   *     the lines of every message that names the domain
   */
  static DomainIdentity of(XdmNode document) throws ConversionException {
    XdmNode subject = subject(document);
    String name = childText(subject, "name");
    int control = ControlCharacters.firstInName(name);
    if (control >= 0) {
      throw new ConversionException(
          "the domain name '"
              + ControlCharacters.escaped(name)
              + "' holds the control character "
              + ControlCharacters.name(control)
              + " (x2k takes no control character in a name: it would forge or reorder the lines"
              + " of messages)",
          null,
          "domain-name");
    }
    return new DomainIdentity(name, childText(subject, "uuid"));
  }

  private static XdmNode subject(XdmNode document) {
    XdmNode root = document.children().iterator().next();
    for (XdmNode node : document.children()) {
      if (node.getNodeKind() == XdmNodeKind.ELEMENT) {
        root = node;
      }
    }
    for (XdmNode domain : root.children("domain")) {
      return domain;
    }
    return root;
  }

  private static String childText(XdmNode element, String name) {
    for (XdmNode child : element.children(name)) {
      return child.getStringValue().strip();
    }
    return "";
  }
}
