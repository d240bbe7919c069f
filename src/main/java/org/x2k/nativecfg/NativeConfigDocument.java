package org.x2k.nativecfg;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import net.sf.saxon.s9api.BuildingStreamWriter;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.x2k.nativecfg.XenConfig.Format;
import org.x2k.nativecfg.XenConfig.ListValue;
import org.x2k.nativecfg.XenConfig.Number;
import org.x2k.nativecfg.XenConfig.Setting;
import org.x2k.nativecfg.XenConfig.Text;
import org.x2k.nativecfg.XenConfig.Value;

/**
 * A native xl/xm config as the document native2xen.xsl reads:
 *
 * <pre>
 * &lt;xen-config format="xl" format-from="content" format-reason="..."&gt;
 *   &lt;setting name="disk" line="12" column="1"&gt;&lt;list&gt;&lt;string&gt;...&lt;/string&gt;&lt;/list&gt;&lt;/setting&gt;
 *   &lt;overridden name="memory" line="3"/&gt;
 *   &lt;python-only construct="True"/&gt;
 * &lt;/xen-config&gt;
 * </pre>
 *
 * Values are {@code string}, {@code number} (as written) or {@code list} elements.
 */
public final class NativeConfigDocument {
  /** A guest config names its guest; xl.conf and other key=value files do not. */
  private static final Pattern NAME_SETTING = Pattern.compile("(?m)^[ \\t]*name[ \\t]*=");

  private NativeConfigDocument() {}

  /**
   * Whether bytes are XML rather than a native config: their first non-blank character is '<', in
   * UTF-8, or in UTF-16 or UTF-32 (with a byte order mark, or '<' as their first character), which
   * libxml2 and so libvirt read too.
   */
  public static boolean isXml(byte[] bytes) {
    if (bytes.length >= 2) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      if ((first == 0xfe && second == 0xff)
          || (first == 0xff && second == 0xfe)
          || (first == 0 && second == '<')
          || (first == '<' && second == 0)
          || (first == 0
              && second == 0
              && bytes.length >= 4
              && (bytes[3] == '<' || (bytes[2] & 0xff) == 0xfe))) {
        return true;
      }
    }
    int i =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    while (i < bytes.length
        && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
      i++;
    }
    return i < bytes.length && bytes[i] == '<';
  }

  /**
   * @param format the dialect, or null to detect it from the content
   * @throws NativeConfigException NOT_A_CONFIG for text that is no guest config at all (a script,
   *     xend-config.sxp, xl.conf), else for a guest config with a syntax error
   */
  public static XdmNode read(byte[] bytes, Format format, DocumentBuilder builder)
      throws NativeConfigException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new NativeConfigException(
          "neither domain XML nor a Xen config: not UTF-8 text",
          e,
          NativeConfigException.Kind.NOT_A_CONFIG);
    }
    if (text.isBlank()) {
      throw new NativeConfigException("empty input", null, NativeConfigException.Kind.EMPTY);
    }
    XenConfig config;
    try {
      config = XenConfigParser.parse(text);
    } catch (ConfigSyntaxException e) {
      if (NAME_SETTING.matcher(text).find()) {
        throw new NativeConfigException(
            "Xen config syntax: " + e.getMessage(), e, NativeConfigException.Kind.SYNTAX);
      }
      throw new NativeConfigException(
          "neither domain XML nor a Xen config (" + e.getMessage() + ")",
          e,
          NativeConfigException.Kind.NOT_A_CONFIG);
    }
    if (!config.has("name")) {
      throw new NativeConfigException(
          "a Xen config without a name setting, so not a guest's",
          null,
          NativeConfigException.Kind.NOT_A_CONFIG);
    }
    FormatDetector.Detection detection =
        format == null
            ? FormatDetector.detect(config)
            : new FormatDetector.Detection(format, "given");
    try {
      return build(config, detection, format == null ? "content" : "option", builder);
    } catch (SaxonApiException | XMLStreamException e) {
      throw new IllegalStateException("cannot build the config document: " + e.getMessage(), e);
    }
  }

  private static XdmNode build(
      XenConfig config, FormatDetector.Detection detection, String from, DocumentBuilder builder)
      throws SaxonApiException, XMLStreamException {
    BuildingStreamWriter writer = builder.newBuildingStreamWriter();
    writer.writeStartDocument();
    writer.writeStartElement("xen-config");
    writer.writeAttribute("format", detection.format().id());
    writer.writeAttribute("format-from", from);
    writer.writeAttribute("format-reason", detection.reason());
    Map<String, Setting> effective = config.effective();
    List<Setting> settings = config.settings();
    boolean[] overridden = overridden(settings);
    for (int i = 0; i < settings.size(); i++) {
      if (overridden[i]) {
        writer.writeEmptyElement("overridden");
        writer.writeAttribute("name", settings.get(i).name());
        writer.writeAttribute("line", Integer.toString(settings.get(i).line()));
      }
    }
    Set<String> variables = config.referenced();
    for (Setting setting : effective.values()) {
      writer.writeStartElement("setting");
      writer.writeAttribute("name", setting.name());
      writer.writeAttribute("line", Integer.toString(setting.line()));
      writer.writeAttribute("column", Integer.toString(setting.column()));
      if (variables.contains(setting.name())) {
        // read by the config's own Python (arch_libdir): a variable, not a key of Xen's
        writer.writeAttribute("variable", "yes");
      }
      value(writer, setting.value());
      writer.writeEndElement();
    }
    for (String construct : config.pythonOnly()) {
      writer.writeEmptyElement("python-only");
      writer.writeAttribute("construct", construct);
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    writer.close();
    return writer.getDocumentNode();
  }

  /**
   * Which settings the next one of their name replaces (a later name += value builds on one
   * instead). One pass from the end finds each setting's next: each setting is read once.
   */
  static boolean[] overridden(List<Setting> settings) {
    boolean[] overridden = new boolean[settings.size()];
    Map<String, Setting> next = new HashMap<>();
    for (int i = settings.size() - 1; i >= 0; i--) {
      Setting setting = settings.get(i);
      Setting later = next.put(setting.name(), setting);
      overridden[i] = later != null && !later.appended();
    }
    return overridden;
  }

  private static void value(BuildingStreamWriter writer, Value value) throws XMLStreamException {
    if (value instanceof Text text) {
      writer.writeStartElement("string");
      writer.writeCharacters(text.text());
      writer.writeEndElement();
    } else if (value instanceof Number number) {
      writer.writeStartElement("number");
      writer.writeCharacters(number.digits());
      writer.writeEndElement();
    } else if (value instanceof ListValue list) {
      writer.writeStartElement("list");
      for (Value item : list.items()) {
        value(writer, item);
      }
      writer.writeEndElement();
    }
  }
}
