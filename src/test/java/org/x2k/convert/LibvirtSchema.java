package org.x2k.convert;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * libvirt's domain schema as libvirt installs it (/usr/share/libvirt/schemas/domain.rng, or the
 * directory in X2K_LIBVIRT_SCHEMAS), checked with Jing: what virt-xml-validate checks.
 */
final class LibvirtSchema {
  private final ValidationDriver driver;
  private final List<String> errors = new ArrayList<>();

  private LibvirtSchema(Path domainRng) throws IOException, SAXException {
    PropertyMapBuilder properties = new PropertyMapBuilder();
    properties.put(
        ValidateProperty.ERROR_HANDLER,
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) {
            errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
          }

          @Override
          public void fatalError(SAXParseException e) {
            error(e);
          }
        });
    driver = new ValidationDriver(properties.toPropertyMap());
    if (!driver.loadSchema(ValidationDriver.fileInputSource(domainRng.toFile()))) {
      throw new IllegalStateException("Jing could not load " + domainRng + ": " + errors);
    }
  }

  /** Where libvirt's schemas are, whether or not they are installed. */
  static Path directory() {
    String configured = System.getenv("X2K_LIBVIRT_SCHEMAS");
    return Path.of(configured != null ? configured : "/usr/share/libvirt/schemas");
  }

  /** The installed domain schema, or null when libvirt's schemas are not on this machine. */
  static LibvirtSchema installed() throws IOException, SAXException {
    Path domainRng = directory().resolve("domain.rng");
    return Files.isRegularFile(domainRng) ? new LibvirtSchema(domainRng) : null;
  }

  /** The schema's complaints about {@code xml}; empty when it is valid. */
  synchronized List<String> problems(String xml) throws IOException, SAXException {
    errors.clear();
    driver.validate(new InputSource(new StringReader(xml)));
    return List.copyOf(errors);
  }
}
