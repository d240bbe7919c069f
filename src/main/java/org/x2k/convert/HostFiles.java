package org.x2k.convert;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;

/**
 * The host files and devices a converted domain still names after its host resources were taken out
 * (xslt/xen2qemu/host-resources.xsl): its disks' image files and block devices, and the kernel,
 * initramfs and device tree of a direct kernel boot. They are the guest's own and stay in the
 * definition; x2k's define option checks each against the target before defining it.
 */
public final class HostFiles {
  private HostFiles() {}

  /**
   * One file or device.
   *
   * @param what what the domain uses it as, for messages ("disk vda", "cdrom hdc", "kernel")
   * @param path the path the domain names
   * @param blockDevice whether the domain names it as a block device (a disk of type block)
   */
  public record HostFile(String what, String path, boolean blockDevice) {}

  /** The host files {@code convertedXml} names, disks first, in the domain's order. */
  public static List<HostFile> of(String convertedXml) throws ConversionException {
    try {
      Stylesheets stylesheets = Stylesheets.bundled();
      XdmNode domain =
          stylesheets
              .processor
              .newDocumentBuilder()
              .build(new StreamSource(new StringReader(convertedXml)));
      XPathCompiler xpath = stylesheets.processor.newXPathCompiler();
      List<HostFile> files = new ArrayList<>();
      for (XdmItem disk :
          xpath.evaluate("/domain/devices/disk[@type = ('file', 'block')][source]", domain)) {
        String path = text(xpath, "string(source/(@file, @dev)[1])", disk);
        if (!path.isEmpty()) {
          files.add(
              new HostFile(
                  text(xpath, "string((@device, 'disk')[1]) || ' ' || target/@dev", disk),
                  path,
                  text(xpath, "string(@type)", disk).equals("block")));
        }
      }
      for (XdmItem file :
          xpath.evaluate("/domain/os/(kernel, initrd, dtb, loader)[normalize-space()]", domain)) {
        files.add(
            new HostFile(
                text(xpath, "local-name()", file), text(xpath, "normalize-space()", file), false));
      }
      return files;
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
