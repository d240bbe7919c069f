package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The schema check the generated-domain properties rely on: present in CI, and strict. */
class LibvirtSchemaTest {
  @Test
  void installedWhereCiRequiresIt() throws Exception {
    Assumptions.assumeTrue(
        "1".equals(System.getenv("X2K_REQUIRE_LIBVIRT_SCHEMAS")),
        "only .ci/run, which installs libvirt first, requires the schemas");
    assertNotNull(LibvirtSchema.installed(), "no domain.rng in " + LibvirtSchema.directory());
  }

  @Test
  void acceptsAConversionAndRejectsWhatLibvirtWould() throws Exception {
    LibvirtSchema schema = LibvirtSchema.installed();
    Assumptions.assumeTrue(schema != null, "libvirt's schemas are not installed here");
    String converted =
        Files.readString(Path.of(System.getProperty("examples.dir"), "ucs3-pv.kvm.xml"));
    assertEquals(List.of(), schema.problems(converted));
    assertFalse(
        schema
            .problems(converted.replace("<memory unit='KiB'>", "<memory unit='parsecs'>"))
            .isEmpty());
    assertFalse(
        schema.problems(converted.replace("</devices>", "<teleporter/></devices>")).isEmpty());
  }
}
