package org.x2k.convert;

import java.util.List;

/**
 * One converted domain.
 *
 * @param xml the converted domain as libvirt prints it, ending with a newline
 * @param notes what the stylesheets said about it (xsl:message), for the user
 */
public record Conversion(String xml, List<String> notes) {
  public Conversion {
    notes = List.copyOf(notes);
  }
}
