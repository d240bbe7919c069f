package org.x2k.convert;

import java.util.ArrayList;
import java.util.List;

/**
 * One converted domain.
 *
 * @param xml the converted domain as libvirt prints it, ending with a newline
 * @param name the domain's name, or empty if it has none
 * @param uuid the domain's uuid, or empty if it has none
 * @param converted false when no rule applied: the input was copied unchanged (for x2k convert: it
 *     was not a Xen domain)
 * @param notes what the stylesheets said about it in passing (xsl:message)
 * @param report what was changed and what is left to do
 * @param fromNativeConfig whether the input was an xl or xm config rather than XML
 * @param guestDiff x2k guest --dry-run: the diff of the guest's files it would change, or empty
 */
public record Conversion(
    String xml,
    String name,
    String uuid,
    boolean converted,
    List<String> notes,
    Report report,
    boolean fromNativeConfig,
    String guestDiff) {
  public Conversion {
    notes = List.copyOf(notes);
  }

  /** The same conversion without its XML, for what outlives the output (a batch's report). */
  public Conversion withoutXml() {
    return new Conversion("", name, uuid, converted, notes, report, fromNativeConfig, "");
  }

  /** The same conversion with {@code more} notes after its own. */
  public Conversion withNotes(List<String> more) {
    List<String> all = new ArrayList<>(notes);
    all.addAll(more);
    return new Conversion(xml, name, uuid, converted, all, report, fromNativeConfig, guestDiff);
  }

  /** The same conversion with another report, and the guest's diff. */
  public Conversion withGuest(String xml, Report report, String guestDiff) {
    return new Conversion(xml, name, uuid, converted, notes, report, fromNativeConfig, guestDiff);
  }
}
