package org.x2k.convert;

import java.io.ByteArrayInputStream;
import java.nio.CharBuffer;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.x2k.text.ControlCharacters;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * x2k's only way into XML: a parser that reads nothing but the input (no DOCTYPE, so no DTD, no
 * external entity, no entity expansion; no XInclude), and stops with one line at what libvirt would
 * not take or what would make the work grow without bound: nesting, attribute length, namespaces in
 * scope, characters XML 1.0 forbids.
 */
final class SafeXmlParser {
  private SafeXmlParser() {}

  /** Parses {@code xml} into a tree built by {@code builder}. */
  static XdmNode parse(byte[] xml, DocumentBuilder builder) throws ConversionException {
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

  /**
   * The most namespace declarations in one document. libvirt writes a handful (metadata, qemu:);
   * each declaration is copied with every element below it, so that many elements declaring
   * namespaces made the work grow faster than the input (9.5 MB took 149 s).
   */
  static final int MAX_DECLARATIONS = 1024;

  /** The XInclude namespace: an include would read another file or URL into the definition. */
  private static final String XINCLUDE = "http://www.w3.org/2001/XInclude";

  /**
   * Stops parsing at what the safe parser lets through but x2k must not take: nesting deeper than
   * {@link #MAX_DEPTH}, attribute values longer than {@link #MAX_ATTRIBUTE_LENGTH}, more than
   * {@link #MAX_NAMESPACES} namespaces in scope or {@link #MAX_DECLARATIONS} declarations, and
   * XInclude elements, which libvirt never writes and which a later XInclude-aware tool would
   * resolve.
   */
  private static final class GuardedReader extends XMLFilterImpl {
    private int depth;
    private int namespaces;
    private int declarations;
    String refusal;

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
      if (++namespaces > MAX_NAMESPACES) {
        throw refuse("more than " + MAX_NAMESPACES + " namespaces are in scope at one element");
      }
      if (++declarations > MAX_DECLARATIONS) {
        throw refuse("the document declares namespaces more than " + MAX_DECLARATIONS + " times");
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
      int forbidden = ControlCharacters.firstRefusedInValue(text);
      if (forbidden >= 0) {
        throw refuse(
            "the control character "
                + ControlCharacters.name(forbidden)
                + " in "
                + where
                + " "
                + ControlCharacters.whyRefused(forbidden));
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
      ThreadLocal.withInitial(SafeXmlParser::newSafeReader);

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
      return "not well-formed XML: " + ConversionException.oneLine(e.getMessage());
    }
    if (String.valueOf(parse.getMessage()).contains("disallow-doctype-decl")) {
      return "refused: the document has a DOCTYPE declaration (x2k never reads DTDs or"
          + " external entities, and libvirt never writes them)";
    }
    String where =
        parse.getLineNumber() > 0
            ? "line " + parse.getLineNumber() + ", column " + parse.getColumnNumber() + ": "
            : "";
    return "not well-formed XML: " + where + ConversionException.oneLine(parse.getMessage());
  }
}
