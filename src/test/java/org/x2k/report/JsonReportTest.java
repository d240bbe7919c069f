package org.x2k.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A failure's detail reaches the JSON report whole and escaped; other failures have none. */
class JsonReportTest {
  @Test
  void aFailedProgramsWholeStandardErrorIsTheDetail() {
    String json =
        JsonReport.write(
            List.of(
                Outcome.failed(
                    "vm.xml",
                    "guest: grub-install failed in the guest (exit status 1): error",
                    "Installing for i386-pc platform.\ngrub-install: error: \"x\"\u001b")));
    assertTrue(
        json.contains(
            "\"detail\": \"Installing for i386-pc platform.\\n"
                + "grub-install: error: \\\"x\\\"\\u001b\""),
        json);
    assertTrue(json.contains("\"error\": \"guest: grub-install failed"), json);
  }

  @Test
  void aFailureWithNothingMoreToSayHasNoDetail() {
    String json = JsonReport.write(List.of(Outcome.failed("vm.xml", "not well-formed")));
    assertFalse(json.contains("detail"), json);
    assertTrue(json.contains("\"error\": \"not well-formed\"\n"), json);
  }
}
