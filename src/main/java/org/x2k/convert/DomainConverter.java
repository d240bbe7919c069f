package org.x2k.convert;

import java.io.ByteArrayInputStream;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmMap;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.Xslt30Transformer;
import org.x2k.convert.Stylesheets.Bundled;
import org.x2k.nativecfg.XenConfig.Format;
import org.x2k.text.ControlCharacters;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Runs a document through a pipeline of the bundled stylesheets: safe parsing, then each stylesheet
 * in turn (its report mode on what it is given, then its conversion), then libvirt-style output.
 * {@link #xenToKvm} is x2k convert's pipeline (xen2qemu.xsl, then bridge-rename.xsl when bridges
 * are mapped), {@link #bridgesOnly} the bridge command's.
 */
public final class DomainConverter {
  /** Stylesheets raise their own errors in this namespace; their message is for the user. */
  private static final String X2K_ERRORS = "urn:x2k:xslt";

  /** The stylesheets' report mode (xslt/xen2qemu/report.xsl). */
  private static final QName REPORT_MODE = new QName(X2K_ERRORS, "report");

  private static final QName BRIDGES = new QName("bridges");
  private static final QName NETWORKS = new QName("networks");
  private static final QName TARGET_HOST = new QName("target-host");
  private static final QName TARGET_ARCH = new QName("target-arch");
  private static final QName TARGET_EMULATORS = new QName("target-emulators");

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
   * @param parameters values for xen2qemu.xsl's parameters, by name (see xen2qemu/params.xsl);
   *     those not given keep the stylesheet's defaults
   * @param bridges old bridge name to new bridge name; empty for none
   * @param networks old bridge name to the libvirt network replacing it; empty for none
   */
  public static DomainConverter xenToKvm(
      Map<String, String> parameters, Map<String, String> bridges, Map<String, String> networks) {
    DomainConverter converter = new DomainConverter();
    Map<QName, XdmValue> xen2qemu = new LinkedHashMap<>();
    // untyped, as on Saxon's command line: each value is cast to its parameter's declared type
    parameters.forEach((name, value) -> xen2qemu.put(new QName(name), untyped(value)));
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
    List<String> notes = new ArrayList<>();
    List<Report> reports = new ArrayList<>();
    boolean fromNative = !NativeConfigDocument.isXml(xml);
    XdmNode document = fromNative ? readNative(xml, notes, reports) : parse(xml);
    if (!fromNative && nativeOnly) {
      throw new ConversionException(
          "XML, not an xl or xm config", null, ConversionException.NOT_A_DOMAIN);
    }
    XdmNode current = document;
    for (Step step : steps) {
      reports.add(
          Report.from(
              transform(step.stylesheet(), REPORT_MODE, current, step.parameters(), notes)));
      current = transform(step.stylesheet(), null, current, step.parameters(), notes);
    }
    Report report = Report.join(reports);
    XdmNode subject = subject(document);
    return new Conversion(
        LibvirtXmlWriter.write(current),
        childText(subject, "name"),
        childText(subject, "uuid"),
        !report.isEmpty(),
        notes,
        report,
        fromNative);
  }

  /**
   * A native config read into the Xen domain native2xen.xsl makes of it, its report added to {@code
   * reports}.
   */
  private XdmNode readNative(byte[] bytes, List<String> notes, List<Report> reports)
      throws ConversionException {
    XdmNode config =
        NativeConfigDocument.read(bytes, nativeFormat, stylesheets.processor.newDocumentBuilder());
    reports.add(Report.from(transform(Bundled.NATIVE2XEN, REPORT_MODE, config, Map.of(), notes)));
    return transform(Bundled.NATIVE2XEN, null, config, Map.of(), notes);
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

  /** The element whose name and uuid identify the document: the root, or a snapshot's domain. */
  private static XdmNode subject(XdmNode document) {
    XdmNode root = document.children().iterator().next();
    for (XdmNode node : document.children()) {
      if (node.getNodeKind() == net.sf.saxon.s9api.XdmNodeKind.ELEMENT) {
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

  private static XdmAtomicValue untyped(String value) {
    try {
      return new XdmAtomicValue(value, net.sf.saxon.s9api.ItemType.UNTYPED_ATOMIC);
    } catch (net.sf.saxon.s9api.SaxonApiException e) {
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
    InputSource source = new InputSource(new ByteArrayInputStream(xml));
    GuardedReader reader = new GuardedReader(SAFE_READER.get());
    FirstParseError firstError = new FirstParseError();
    reader.setErrorHandler(firstError);
    try {
      return builder.build(new SAXSource(reader, source));
    } catch (SaxonApiException e) {
      if (reader.refusal != null) {
        throw new ConversionException(reader.refusal, e);
      }
      throw new ConversionException(parseProblem(firstError.error, e), e);
    }
  }

  /**
   * The most elements nested in one another that x2k takes, as libxml2 (and so libvirt) does: a
   * domain is about six deep, and a deeper tree would only exhaust the stylesheets' stack.
   */
  static final int MAX_DEPTH = 256;

  /**
   * The longest attribute value x2k takes: a path is at most 4,096 bytes (PATH_MAX), and nothing in
   * a domain is longer; a longer value only makes every rule that reads it slower.
   */
  static final int MAX_ATTRIBUTE_LENGTH = 65_536;

  /**
   * The most namespaces in scope at one element. libvirt writes a handful (qemu:, metadata's);
   * every element copied carries those in scope, so thousands would multiply the work.
   */
  static final int MAX_NAMESPACES = 64;

  /** The XInclude namespace: an include would read another file or URL into the definition. */
  private static final String XINCLUDE = "http://www.w3.org/2001/XInclude";

  /**
   * Stops parsing at what the safe parser lets through but x2k must not take: nesting deeper than
   * {@link #MAX_DEPTH}, attribute values longer than {@link #MAX_ATTRIBUTE_LENGTH}, more than
   * {@link #MAX_NAMESPACES} namespaces in scope, and XInclude elements, which libvirt never writes
   * and which a later XInclude-aware tool would resolve.
   */
  private static final class GuardedReader extends XMLFilterImpl {
    private int depth;
    private int namespaces;
    String refusal;

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
      if (++namespaces > MAX_NAMESPACES) {
        throw refuse("more than " + MAX_NAMESPACES + " namespaces are in scope at one element");
      }
      super.startPrefixMapping(prefix, uri);
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
      namespaces--;
      super.endPrefixMapping(prefix);
    }

    GuardedReader(XMLReader parent) {
      super(parent);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      if (++depth > MAX_DEPTH) {
        throw refuse("elements are nested more than " + MAX_DEPTH + " deep");
      }
      for (int i = 0; i < attributes.getLength(); i++) {
        if (attributes.getValue(i).length() > MAX_ATTRIBUTE_LENGTH) {
          throw refuse(
              "attribute "
                  + attributes.getQName(i)
                  + " of <"
                  + qName
                  + "> is longer than "
                  + MAX_ATTRIBUTE_LENGTH
                  + " characters");
        }
        forbidControlCharacters(
            attributes.getValue(i), "attribute " + attributes.getQName(i) + " of <" + qName + ">");
      }
      element = qName;
      if (XINCLUDE.equals(uri)) {
        throw refuse(
            "the document has an XInclude element <"
                + qName
                + "> (x2k never reads"
                + " other files or URLs into a definition)");
      }
      super.startElement(uri, localName, qName, attributes);
    }

    /** The element whose text comes next, for messages. */
    private String element = "the document";

    @Override
    public void characters(char[] text, int start, int length) throws SAXException {
      forbidControlCharacters(CharBuffer.wrap(text, start, length), "<" + element + ">");
      super.characters(text, start, length);
    }

    /**
     * XML 1.1 lets a document carry control characters as references (&#x1b;); XML 1.0, which
     * libvirt reads and x2k writes, does not.
     */
    private void forbidControlCharacters(CharSequence text, String where) throws SAXException {
      int forbidden = ControlCharacters.firstForbiddenInXml(text);
      if (forbidden >= 0) {
        throw refuse(
            "the control character "
                + ControlCharacters.name(forbidden)
                + " in "
                + where
                + " is not allowed in XML 1.0, which libvirt reads");
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      depth--;
      super.endElement(uri, localName, qName);
    }

    private SAXException refuse(String why) {
      refusal = "refused: " + why;
      return new SAXException(refusal);
    }
  }

  /** Keeps the parser's first error, with its position, and stops at it without printing. */
  private static final class FirstParseError implements ErrorHandler {
    SAXParseException error;

    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXParseException {
      fatalError(e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      if (error == null) {
        error = e;
      }
      throw e;
    }
  }

  /** One parser per thread, made once: a parser costs more to make than a domain to parse. */
  private static final ThreadLocal<XMLReader> SAFE_READER =
      ThreadLocal.withInitial(DomainConverter::newSafeReader);

  /**
   * A parser that never reads anything but the input: a DOCTYPE is refused outright, so no DTD is
   * loaded, no external entity is resolved and no entity expansion can explode. libvirt never
   * writes a DOCTYPE into a domain.
   */
  private static XMLReader newSafeReader() {
    try {
      SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      XMLReader reader = factory.newSAXParser().getXMLReader();
      reader.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
          });
      return reader;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException(
          "the JDK's XML parser lacks a safety feature: " + e.getMessage(), e);
    }
  }

  private static String parseProblem(SAXParseException parse, SaxonApiException e) {
    if (parse == null) {
      return "not well-formed XML: " + oneLine(e.getMessage());
    }
    if (String.valueOf(parse.getMessage()).contains("disallow-doctype-decl")) {
      return "refused: the document has a DOCTYPE declaration (x2k never reads DTDs or"
          + " external entities, and libvirt never writes them)";
    }
    String where =
        parse.getLineNumber() > 0
            ? "line " + parse.getLineNumber() + ", column " + parse.getColumnNumber() + ": "
            : "";
    return "not well-formed XML: " + where + oneLine(parse.getMessage());
  }

  private XdmNode transform(
      Bundled stylesheet,
      QName mode,
      XdmNode input,
      Map<QName, XdmValue> parameters,
      List<String> notes)
      throws ConversionException {
    Xslt30Transformer transformer = stylesheets.get(stylesheet).load30();
    if (mode != null) {
      try {
        transformer.setInitialMode(mode);
      } catch (SaxonApiException | IllegalArgumentException e) {
        throw new IllegalStateException("stylesheet has no mode " + mode, e);
      }
    }
    transformer.setErrorReporter(error -> {});
    transformer.setMessageHandler(message -> notes.add(oneLine(message.getStringValue())));
    XdmDestination result = new XdmDestination();
    try {
      transformer.setStylesheetParameters(parameters);
      transformer.applyTemplates(input, result);
    } catch (SaxonApiException e) {
      QName code = e.getErrorCode();
      if (code != null && X2K_ERRORS.equals(code.getNamespace())) {
        throw new ConversionException(oneLine(e.getMessage()), e, code.getLocalName());
      }
      throw new ConversionException("conversion failed: " + oneLine(e.getMessage()), e);
    }
    return result.getXdmNode();
  }

  private static String oneLine(String message) {
    return message == null ? "unknown problem" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
