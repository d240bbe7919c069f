package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.WhitespaceStrippingPolicy;
import org.junit.jupiter.api.Test;

class LibvirtXmlWriterTest {
  private static String rewrite(String xml) throws Exception {
    DocumentBuilder builder = new Processor(false).newDocumentBuilder();
    builder.setWhitespaceStrippingPolicy(WhitespaceStrippingPolicy.ALL);
    return LibvirtXmlWriter.write(builder.build(new StreamSource(new StringReader(xml))));
  }

  @Test
  void indentsByTwoWithSingleQuotedAttributes() throws Exception {
    assertEquals(
        "<domain type='kvm'>\n  <name>vm</name>\n  <devices>\n    <disk device=\"it's\"/>\n  </devices>\n</domain>\n"
            .replace("\"it's\"", "'it&apos;s'"),
        rewrite(
            "<domain type=\"kvm\"><name>vm</name><devices><disk"
                + " device=\"it's\"/></devices></domain>"));
  }

  @Test
  void escapesTextAndAttributes() throws Exception {
    assertEquals(
        "<d a='&lt;&amp;&gt;&quot;&#10;'>a &lt; b &amp;&amp; c &gt; d</d>\n",
        rewrite("<d a='&lt;&amp;>\"&#10;'>a &lt; b &amp;&amp; c > d</d>"));
  }

  @Test
  void declaresNamespacesWhereTheyStart() throws Exception {
    assertEquals(
        """
        <domain xmlns:qemu='urn:q'>
          <metadata>
            <app xmlns='urn:app'>
              <inner xmlns=''/>
            </app>
          </metadata>
          <qemu:commandline/>
        </domain>
        """,
        rewrite(
            "<domain xmlns:qemu='urn:q'><metadata><app xmlns='urn:app'><inner"
                + " xmlns=''/></app></metadata><qemu:commandline/></domain>"));
  }

  @Test
  void keepsCommentsAndProcessingInstructions() throws Exception {
    assertEquals(
        "<!--top-->\n<d>\n  <!-- inner -->\n  <?pi data?>\n</d>\n",
        rewrite("<!--top--><d><!-- inner --><?pi data?></d>"));
  }

  @Test
  void writesMixedContentUnindentedSoTextSurvives() throws Exception {
    assertEquals(
        "<d>\n  <p>one <b>two</b> three</p>\n</d>\n",
        rewrite("<d><p>one <b>two</b> three</p></d>"));
  }
}
