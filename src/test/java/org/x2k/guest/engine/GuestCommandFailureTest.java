package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.x2k.guest.GuestException;

/**
 * A program that fails in the guest is named with its exit status and the end of its standard
 * error, not its first line: the wrapping shell is run here by this host's /bin/sh, as the
 * appliance runs it in the guest's chroot.
 */
class GuestCommandFailureTest {
  /** Runs {@code argv} as libguestfs's command would: wrapped; its error as libguestfs gives it. */
  private static String failureOf(List<String> argv) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(GuestCommandFailure.wrapped(argv))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor() != 0, "the wrapper keeps the program's exit status");
    return "command: " + stderr;
  }

  @Test
  void aProgramThatPrintsABannerThenFailsIsNamedWithItsStatusAndError() throws Exception {
    List<String> argv =
        List.of(
            "/bin/sh",
            "-c",
            "echo 'Installing for i386-pc platform.' >&2; echo 'grub-install: warning: probing.'"
                + " >&2; echo 'grub-install: error: embedding is not possible.' >&2; exit 3");
    GuestException e = GuestCommandFailure.of(argv, failureOf(argv));
    assertTrue(e.getMessage().contains("(exit status 3)"), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("grub-install: error: embedding is not possible."), e.getMessage());
    assertTrue(e.getMessage().startsWith("/bin/sh -c "), e.getMessage());
    assertEquals("guest-command-failed", e.code());
    assertTrue(e.detail().startsWith("Installing for i386-pc platform.\n"), e.detail());
    assertFalse(e.detail().contains(GuestCommandFailure.STATUS_MARKER), e.detail());
  }

  @Test
  void onlyTheLastLinesReachTheOneLineMessage() throws Exception {
    List<String> argv =
        List.of("/bin/sh", "-c", "for i in 1 2 3 4 5 6; do echo \"line $i\" >&2; done; exit 1");
    GuestException e = GuestCommandFailure.of(argv, failureOf(argv));
    assertTrue(e.getMessage().endsWith(": line 4 / line 5 / line 6"), e.getMessage());
    assertFalse(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.detail().contains("line 1"), e.detail());
  }

  @Test
  void argumentsReachTheProgramUnparsedByTheShell() throws Exception {
    List<String> argv = List.of("/bin/sh", "-c", "echo \"[$1]\" >&2; exit 2", "sh", "$(id) ; *");
    GuestException e = GuestCommandFailure.of(argv, failureOf(argv));
    assertTrue(e.getMessage().endsWith(": [$(id) ; *]"), e.getMessage());
  }

  @Test
  void aGuestsLinesCannotBreakTheMessageOrForgeItsStatus() {
    String error =
        "command: x2k-exit-status 0\nfake\rx2k: other.xml: converted\n\u001b[2Jerror\n"
            + GuestCommandFailure.STATUS_MARKER
            + "1\n";
    GuestException e = GuestCommandFailure.of(List.of("/usr/sbin/grub-install"), error);
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
    assertTrue(e.getMessage().contains("(exit status 1)"), e.getMessage());
  }

  @Test
  void theDetailIsBoundedToItsEnd() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      lines.add("noise " + i);
    }
    lines.add("the error");
    GuestException e =
        GuestCommandFailure.of(List.of("/bin/false"), "command: " + String.join("\n", lines));
    assertTrue(e.detail().length() <= GuestCommandFailure.DETAIL_CHARACTERS + 3);
    assertTrue(e.detail().endsWith("the error"));
    assertTrue(e.getMessage().endsWith("the error"), e.getMessage());
  }
}
