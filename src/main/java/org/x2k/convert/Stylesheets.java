package org.x2k.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * The stylesheets bundled under {@code /xslt/} in the jar, each compiled at most once per process
 * and only when first needed: compiling is most of a single conversion's run time, so a process
 * compiles only the stylesheets its command uses. A compiled stylesheet is immutable and shared by
 * all threads; a thread that needs one another is compiling waits for it. Each is compiled with its
 * own classpath URL as base URI, so its includes resolve beside it.
 */
public final class Stylesheets {
  /** The bundled stylesheets. */
  public enum Bundled {
    XEN2QEMU("xen2qemu.xsl"),
    BRIDGE_RENAME("bridge-rename.xsl"),
    NATIVE2XEN("native2xen.xsl");

    final String file;

    Bundled(String file) {
      this.file = file;
    }
  }

  private static final Stylesheets BUNDLED = new Stylesheets();

  final Processor processor = new Processor(false);
  private final Map<Bundled, CompletableFuture<XsltExecutable>> compiled =
      new EnumMap<>(Bundled.class);

  private Stylesheets() {}

  /** The bundled stylesheets of this process. */
  public static Stylesheets bundled() {
    return BUNDLED;
  }

  /** The compiled stylesheet; compiles it in this thread unless that has begun elsewhere. */
  XsltExecutable get(Bundled stylesheet) {
    CompletableFuture<XsltExecutable> future;
    boolean compileHere = false;
    synchronized (compiled) {
      future = compiled.get(stylesheet);
      if (future == null) {
        future = new CompletableFuture<>();
        compiled.put(stylesheet, future);
        compileHere = true;
      }
    }
    if (compileHere) {
      compileInto(stylesheet, future);
    }
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void compileInto(Bundled stylesheet, CompletableFuture<XsltExecutable> future) {
    try {
      future.complete(compile(stylesheet.file));
    } catch (RuntimeException | Error e) {
      future.completeExceptionally(e);
    }
  }

  private XsltExecutable compile(String name) {
    URL url = Stylesheets.class.getResource("/xslt/" + name);
    if (url == null) {
      throw new IllegalStateException("stylesheet /xslt/" + name + " is missing from the jar");
    }
    try (InputStream in = url.openStream()) {
      // an XsltCompiler is not thread-safe: one per compilation
      return processor.newXsltCompiler().compile(new StreamSource(in, url.toExternalForm()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SaxonApiException e) {
      throw new IllegalStateException(
          "bundled stylesheet " + name + " does not compile: " + e.getMessage(), e);
    }
  }
}
