package org.x2k.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * The stylesheets bundled under {@code /xslt/} in the jar, compiled once per process. Each is
 * compiled with its own classpath URL as base URI, so its includes resolve beside it.
 */
public final class Stylesheets {
  private static final Stylesheets BUNDLED = new Stylesheets();

  final Processor processor = new Processor(false);
  final XsltExecutable xen2qemu;
  final XsltExecutable bridgeRename;
  final XsltExecutable native2xen;

  private Stylesheets() {
    XsltCompiler compiler = processor.newXsltCompiler();
    xen2qemu = compile(compiler, "xen2qemu.xsl");
    bridgeRename = compile(compiler, "bridge-rename.xsl");
    native2xen = compile(compiler, "native2xen.xsl");
  }

  /** The bundled stylesheets; the first call compiles them. */
  public static Stylesheets bundled() {
    return BUNDLED;
  }

  private static XsltExecutable compile(XsltCompiler compiler, String name) {
    URL url = Stylesheets.class.getResource("/xslt/" + name);
    if (url == null) {
      throw new IllegalStateException("stylesheet /xslt/" + name + " is missing from the jar");
    }
    try (InputStream in = url.openStream()) {
      return compiler.compile(new StreamSource(in, url.toExternalForm()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SaxonApiException e) {
      throw new IllegalStateException("bundled stylesheet " + name + " does not compile: " + e.getMessage(), e);
    }
  }
}
