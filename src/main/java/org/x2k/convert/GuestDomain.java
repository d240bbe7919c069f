package org.x2k.convert;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;

/**
 * What x2k guest needs of a conversion: the guest's disks with their names under Xen and on KVM,
 * its NICs' MACs, and how Xen booted it. Read from the domain as x2k wrote it and from the input.
 *
 * @param disks the domain's disks (not CD-ROMs), in the domain's order
 * @param macs the MAC addresses of its NICs, in order
 * @param paravirtual whether Xen ran it paravirtualised
 * @param bootsFromDisk whether the converted domain boots from its disk rather than a kernel
 * @param xenCommandLine the kernel command line Xen gave it, or empty
 */
public record GuestDomain(
    List<Disk> disks,
    List<String> macs,
    boolean paravirtual,
    boolean bootsFromDisk,
    String xenCommandLine) {
  /**
   * One disk: its image or device on the host, its format (raw, qcow2, or empty), its name in the
   * guest under Xen and on KVM, and whether the domain has it read-only or shareable.
   */
  public record Disk(
      String source, String format, String xenName, String kvmName, boolean readOnly) {}

  /** The disk renaming, Xen name to KVM name. */
  public Map<String, String> renames() {
    Map<String, String> renames = new LinkedHashMap<>();
    disks.forEach(disk -> renames.put(disk.xenName(), disk.kvmName()));
    return renames;
  }

  /**
   * @param input the input as x2k reads it (DomainConverter.normalise)
   * @param conversion the conversion of that input
   */
  public static GuestDomain of(String input, Conversion conversion) throws ConversionException {
    try {
      Stylesheets stylesheets = Stylesheets.bundled();
      XdmNode xen =
          stylesheets
              .processor
              .newDocumentBuilder()
              .build(new StreamSource(new StringReader(input)));
      XdmNode kvm =
          stylesheets
              .processor
              .newDocumentBuilder()
              .build(new StreamSource(new StringReader(conversion.xml())));
      XPathCompiler xpath = stylesheets.processor.newXPathCompiler();
      Map<String, String> xenNames = new LinkedHashMap<>();
      conversion.report().devices().forEach(d -> xenNames.put(d.to(), d.from()));
      List<Disk> disks = new ArrayList<>();
      for (XdmItem disk :
          xpath.evaluate(
              "(/domain, /domainsnapshot/domain)[1]/devices/disk[not(@device = ('cdrom',"
                  + " 'floppy'))]",
              kvm)) {
        String source = text(xpath, "string(source/(@file, @dev)[1])", disk);
        String target = text(xpath, "string(target/@dev)", disk);
        if (!source.isEmpty()) {
          disks.add(
              new Disk(
                  source,
                  text(xpath, "string(driver/@type)", disk),
                  xenNames.getOrDefault(target, target),
                  target,
                  text(xpath, "string(exists(readonly | shareable))", disk).equals("true")));
        }
      }
      List<String> macs = new ArrayList<>();
      for (XdmItem mac :
          xpath.evaluate(
              "(/domain, /domainsnapshot/domain)[1]/devices/interface/mac/@address", kvm)) {
        macs.add(mac.getStringValue());
      }
      String xenRoot = "(/domain, /domainsnapshot/domain)[1]";
      boolean paravirtual =
          !text(xpath, "normalize-space(" + xenRoot + "/os/type)", xen).equals("hvm");
      boolean bootsFromDisk =
          text(xpath, "string(exists((/domain, /domainsnapshot/domain)[1]/os/kernel))", kvm)
              .equals("false");
      String commandLine = text(xpath, "normalize-space(" + xenRoot + "/os/cmdline)", xen);
      return new GuestDomain(disks, macs, paravirtual, bootsFromDisk, commandLine);
    } catch (SaxonApiException e) {
      throw new ConversionException("cannot read the converted domain: " + e.getMessage(), e, "");
    }
  }

  private static String text(XPathCompiler xpath, String expression, XdmItem context)
      throws SaxonApiException {
    var selector = xpath.compile(expression).load();
    selector.setContextItem(context);
    return selector.evaluateSingle().getStringValue();
  }
}
