package org.x2k.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import net.sf.saxon.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code x2k --version}: x2k's version from the build, and the engine it runs on. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Properties build = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/org/x2k/build.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[] {
      "x2k " + build.getProperty("version", "unknown"),
      "Saxon-HE " + Version.getProductVersion() + ", Java ${java.version} (${java.vendor})"
    };
  }
}
