package org.x2k.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One grammar of a Xen guest's disk names: the stylesheets' x2k:disk-name-regex and x2k guest's
 * DiskNames.XEN_DISK_NAME are the same text, so that the XML and the guest's files rename the same
 * devices.
 */
class DiskNamePatternTest {
  @Test
  void theStylesheetsAndTheGuestStepReadDiskNamesAlike() throws IOException {
    String names = Files.readString(Path.of("xslt/common/names.xsl"));
    Matcher variable =
        Pattern.compile("name=\"x2k:disk-name-regex\" as=\"xs:string\" select=\"'([^']*)'\"")
            .matcher(names);

    assertEquals(true, variable.find(), "names.xsl defines x2k:disk-name-regex");
    assertEquals(variable.group(1), DiskNames.XEN_DISK_NAME);
  }
}
