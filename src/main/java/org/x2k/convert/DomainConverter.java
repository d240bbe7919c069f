package org.x2k.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.ItemType;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmMap;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.Xslt30Transformer;
import org.x2k.convert.Stylesheets.Bundled;
import org.x2k.nativecfg.NativeConfigDocument;
import org.x2k.nativecfg.NativeConfigException;
import org.x2k.nativecfg.XenConfig.Format;

/**
 * Runs a document through a pipeline of the bundled stylesheets: safe parsing, then each stylesheet
 * in turn (its report and its conversion of what it is given, in one run), then libvirt-style
 * output. {@link #xenToKvm} is x2k convert's pipeline (xen2qemu.xsl, then bridge-rename.xsl when
 * bridges are mapped), {@link #bridgesOnly} the bridge command's.
 */
public final class DomainConverter {
  /** Stylesheets raise their own errors in this namespace; their message is for the user. */
  private static final String X2K_ERRORS = "urn:x2k:xslt";

  /** Report and conversion in one run (xslt/common/with-report.xsl). */
  private static final QName WITH_REPORT_MODE = new QName(X2K_ERRORS, "with-report");

  private static final QName BRIDGES = new QName("bridges");
  private static final QName NETWORKS = new QName("networks");
  private static final QName TARGET_HOST = new QName("target-host");
  private static final QName TARGET_ARCH = new QName("target-arch");
  private static final QName TARGET_EMULATORS = new QName("target-emulators");
  private static final QName DISK_COPIES = new QName("disk-copies");

  private record Step(Bundled stylesheet, Map<QName, XdmValue> parameters) {}

  private final Stylesheets stylesheets = Stylesheets.bundled();
  private final List<Step> steps = new ArrayList<>();

  /** The dialect of native configs, or null to tell it from each config's content. */
  private Format nativeFormat;

  /** Whether only native configs are taken (x2k from-native). */
  private boolean nativeOnly;

  private DomainConverter() {}

  /**
   * Reads native configs as the dialect given instead of telling it from their content.
   *
   * @param format xl or xm, or null to detect
   * @return this converter
   */
  public DomainConverter withNativeFormat(Format format) {
    this.nativeFormat = format;
    return this;
  }

  /** x2k from-native: an xl or xm config in, the libvirt Xen domain (native2xen.xsl) out. */
  public static DomainConverter fromNative() {
    DomainConverter converter = new DomainConverter();
    converter.nativeOnly = true;
    return converter;
  }

  /**
   * x2k convert: xen2qemu.xsl, then bridge-rename.xsl when bridges or networks are mapped.
   *
   * @param settings the administrator's choices; those not made keep the stylesheet's defaults
   * @param bridges old bridge name to new bridge name; empty for none
   * @param networks old bridge name to the libvirt network replacing it; empty for none
   */
  public static DomainConverter xenToKvm(
      ConversionSettings settings, Map<String, String> bridges, Map<String, String> networks) {
    DomainConverter converter = new DomainConverter();
    Map<QName, XdmValue> xen2qemu = new LinkedHashMap<>();
    // untyped, as on Saxon's command line: each value is cast to its parameter's declared type
    settings
        .stylesheetParameters()
        .forEach((name, value) -> xen2qemu.put(new QName(name), untyped(value)));
    // xen2qemu.xsl knows the mapping too, to report the bridges the KVM host needs.
    xen2qemu.put(BRIDGES, map(bridges));
    xen2qemu.put(NETWORKS, map(networks));
    converter.steps.add(new Step(Bundled.XEN2QEMU, xen2qemu));
    if (!bridges.isEmpty() || !networks.isEmpty()) {
      converter.addBridgeStep(bridges, networks);
    }
    return converter;
  }

  /**
   * Converts for a known KVM host: guests of an architecture it does not run are refused, and a
   * domain's emulator becomes the host's for its architecture (xen2qemu/emulator.xsl).
   *
   * @param host how messages name the host (its URI, or the file that describes it)
   * @param hostArch the host's own architecture, which libvirt gives a domain that names none
   * @param emulators each guest architecture the host runs as the domain type converted to, with
   *     its emulator
   * @return this converter
   */
  public DomainConverter forTarget(String host, String hostArch, Map<String, String> emulators) {
    for (Step step : steps) {
      if (step.stylesheet() == Bundled.XEN2QEMU) {
        step.parameters().put(TARGET_HOST, new XdmAtomicValue(host));
        step.parameters().put(TARGET_ARCH, new XdmAtomicValue(hostArch));
        step.parameters().put(TARGET_EMULATORS, map(emulators));
      }
    }
    return this;
  }

  /** The bridge command: bridge-rename.xsl alone, on domains, snapshots, saved images, networks. */
  public static DomainConverter bridgesOnly(
      Map<String, String> bridges, Map<String, String> networks) {
    DomainConverter converter = new DomainConverter();
    converter.addBridgeStep(bridges, networks);
    return converter;
  }

  private void addBridgeStep(Map<String, String> bridges, Map<String, String> networks) {
    steps.add(
        new Step(Bundled.BRIDGE_RENAME, Map.of(BRIDGES, map(bridges), NETWORKS, map(networks))));
  }

  /**
   * Runs {@code xml}, the bytes of a document, through the pipeline.
   *
   * @return the result, the stylesheets' notes and their reports, joined
   * @throws ConversionException if the bytes are not a well-formed document the stylesheets take
   */
  public Conversion convert(byte[] xml) throws ConversionException {
    return convert(xml, steps);
  }

  /** As {@link #convert(byte[])}, the domain booting the guest's own kernel, copied out. */
  public Conversion convert(byte[] xml, ConversionSettings.DirectBoot boot)
      throws ConversionException {
    return convert(xml, List.of(), boot);
  }

  /**
   * As {@link #convert(byte[])}, each disk of {@code copies} naming its copy, and booting the
   * guest's own kernel if {@code boot} is not null.
   */
  public Conversion convert(
      byte[] xml, List<Report.DiskCopy> copies, ConversionSettings.DirectBoot boot)
      throws ConversionException {
    Map<XdmAtomicValue, XdmValue> byXenName = new LinkedHashMap<>();
    for (Report.DiskCopy copy : copies) {
      byXenName.put(
          new XdmAtomicValue(copy.xenName()),
          map(Map.of("type", copy.type(), "path", copy.target(), "format", copy.format())));
    }
    List<Step> withExtras = new ArrayList<>();
    for (Step step : steps) {
      if (step.stylesheet() == Bundled.XEN2QEMU) {
        Map<QName, XdmValue> parameters = new LinkedHashMap<>(step.parameters());
        if (boot != null) {
          boot.stylesheetParameters()
              .forEach((name, value) -> parameters.put(new QName(name), untyped(value)));
        }
        if (!copies.isEmpty()) {
          parameters.put(DISK_COPIES, new XdmMap(byXenName));
        }
        step = new Step(step.stylesheet(), parameters);
      }
      withExtras.add(step);
    }
    Conversion conversion = convert(xml, withExtras);
    return conversion.withGuest(
        conversion.xml(), conversion.report().withCopies(copies), conversion.guestDiff());
  }

  private Conversion convert(byte[] xml, List<Step> steps) throws ConversionException {
    List<String> notes = new ArrayList<>();
    List<Report> reports = new ArrayList<>();
    boolean fromNative = !NativeConfigDocument.isXml(xml);
    XdmNode document = fromNative ? readNative(xml, notes, reports) : parse(xml);
    if (!fromNative && nativeOnly) {
      throw new ConversionException(
          "XML, not an xl or xm config", null, ConversionException.NOT_A_DOMAIN);
    }
    DomainIdentity identity = DomainIdentity.of(document);
    XdmNode current = document;
    for (Step step : steps) {
      current = transform(step.stylesheet(), current, step.parameters(), notes, reports);
    }
    Report report = Report.join(reports);
    return new Conversion(
        LibvirtXmlWriter.write(current),
        identity.name(),
        identity.uuid(),
        !report.isEmpty(),
        notes,
        report,
        fromNative,
        "");
  }

  /**
   * A native config read into the Xen domain native2xen.xsl makes of it, its report added to {@code
   * reports}.
   */
  private XdmNode readNative(byte[] bytes, List<String> notes, List<Report> reports)
      throws ConversionException {
    XdmNode config;
    try {
      config =
          NativeConfigDocument.read(
              bytes, nativeFormat, stylesheets.processor.newDocumentBuilder());
    } catch (NativeConfigException e) {
      String code =
          switch (e.kind()) {
            case NOT_A_CONFIG -> ConversionException.NOT_A_DOMAIN;
            case SYNTAX -> "native-syntax";
            case EMPTY -> "";
          };
      throw new ConversionException(e.getMessage(), e, code);
    }
    return transform(Bundled.NATIVE2XEN, config, Map.of(), notes, reports);
  }

  /**
   * The input as x2k would write it if no rule applied: parsed, its indentation dropped, written in
   * libvirt's style (a native config: the Xen domain read from it). A diff against this shows what
   * the conversion changed and nothing else.
   */
  public String normalise(byte[] xml) throws ConversionException {
    if (!NativeConfigDocument.isXml(xml)) {
      return LibvirtXmlWriter.write(readNative(xml, new ArrayList<>(), new ArrayList<>()));
    }
    return LibvirtXmlWriter.write(parse(xml));
  }

  private static XdmAtomicValue untyped(String value) {
    try {
      return new XdmAtomicValue(value, ItemType.UNTYPED_ATOMIC);
    } catch (SaxonApiException e) {
      throw new IllegalArgumentException(value, e);
    }
  }

  private static XdmMap map(Map<String, String> entries) {
    Map<XdmAtomicValue, XdmValue> map = new LinkedHashMap<>();
    entries.forEach((from, to) -> map.put(new XdmAtomicValue(from), new XdmAtomicValue(to)));
    return new XdmMap(map);
  }

  private XdmNode parse(byte[] xml) throws ConversionException {
    if (xml.length == 0) {
      throw new ConversionException("empty input");
    }
    DocumentBuilder builder = stylesheets.processor.newDocumentBuilder();
    // the first stylesheet's own policy: a tree stripped by another would be stripped again,
    // through a slower view, on every transformation
    Bundled first = steps.isEmpty() ? Bundled.XEN2QEMU : steps.get(0).stylesheet();
    builder.setWhitespaceStrippingPolicy(stylesheets.get(first).getWhitespaceStrippingPolicy());
    builder.setLineNumbering(true);
    return SafeXmlParser.parse(xml, builder);
  }

  /**
   * Runs {@code stylesheet} on {@code input} in its with-report mode: adds its report to {@code
   * reports}, its messages to {@code notes}, and returns the converted document.
   */
  private XdmNode transform(
      Bundled stylesheet,
      XdmNode input,
      Map<QName, XdmValue> parameters,
      List<String> notes,
      List<Report> reports)
      throws ConversionException {
    Xslt30Transformer transformer = stylesheets.get(stylesheet).load30();
    try {
      transformer.setInitialMode(WITH_REPORT_MODE);
    } catch (SaxonApiException | IllegalArgumentException e) {
      throw new IllegalStateException("stylesheet has no mode " + WITH_REPORT_MODE, e);
    }
    transformer.setErrorReporter(error -> {});
    transformer.setMessageHandler(
        message -> notes.add(ConversionException.oneLine(message.getStringValue())));
    XdmValue result;
    try {
      transformer.setStylesheetParameters(parameters);
      result = transformer.applyTemplates(input);
    } catch (SaxonApiException e) {
      QName code = e.getErrorCode();
      if (code != null && X2K_ERRORS.equals(code.getNamespace())) {
        throw new ConversionException(
            ConversionException.oneLine(e.getMessage()), e, code.getLocalName());
      }
      throw new ConversionException(
          "conversion failed: " + ConversionException.oneLine(e.getMessage()), e);
    }
    if (result.size() != 2
        || !(result.itemAt(0) instanceof XdmNode report)
        || !(result.itemAt(1) instanceof XdmNode converted)) {
      throw new IllegalStateException(
          stylesheet.file + " gave " + result.size() + " items, not a report and a document");
    }
    reports.add(Report.from(report));
    return converted;
  }
}
