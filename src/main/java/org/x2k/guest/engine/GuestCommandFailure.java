package org.x2k.guest.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.x2k.guest.GuestException;

/**
 * A program x2k ran inside the guest that failed. libguestfs's {@code command} reports only the
 * program's standard error, whose first line is often a banner ("Installing for i386-pc
 * platform."), not the error; so x2k runs each program under a shell that adds its exit status as a
 * last line, and the message names the program, that status and the last lines of its standard
 * error. The whole standard error (bounded) is kept as the detail for the JSON report.
 */
final class GuestCommandFailure {
  private GuestCommandFailure() {}

  /** The line the wrapping shell adds to standard error when the program fails. */
  static final String STATUS_MARKER = "x2k-exit-status ";

  /**
   * The shell that runs a program and appends {@link #STATUS_MARKER} and its status on failure. The
   * program and its arguments are the shell's positional parameters, never parsed by it.
   */
  static final String WRAPPER =
      "\"$@\"; status=$?; if [ \"$status\" -ne 0 ]; then echo \""
          + STATUS_MARKER
          + "$status\" >&2; fi; exit \"$status\"";

  /** How many of the last lines of standard error the one-line message shows. */
  static final int MESSAGE_LINES = 3;

  /** The most of standard error kept for the report: the end, where the error is. */
  static final int DETAIL_CHARACTERS = 16 * 1024;

  private static final Pattern STATUS = Pattern.compile("(?m)^" + STATUS_MARKER + "(\\d{1,3})$");

  /** {@code argv} as libguestfs's {@code command} is given it: under the wrapping shell. */
  static List<String> wrapped(List<String> argv) {
    List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "x2k"));
    wrapped.addAll(argv);
    return wrapped;
  }

  /**
   * The exception for {@code argv} that failed with libguestfs's error {@code error} ("command: "
   * and the program's standard error, with the status line the wrapper added).
   */
  static GuestException of(List<String> argv, String error) {
    String stderr = error == null ? "" : error.replaceFirst("^command: ", "");
    String status = "";
    Matcher matcher = STATUS.matcher(stderr);
    int statusAt = -1;
    while (matcher.find()) {
      status = matcher.group(1);
      statusAt = matcher.start();
    }
    if (statusAt >= 0) {
      stderr = stderr.substring(0, statusAt);
    }
    List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String last =
        String.join(" / ", lines.subList(Math.max(0, lines.size() - MESSAGE_LINES), lines.size()));
    String message =
        String.join(" ", argv)
            + " failed in the guest"
            + (status.isEmpty() ? "" : " (exit status " + status + ")")
            + (last.isEmpty() ? ", saying nothing" : ": " + last);
    String detail = stderr.strip();
    if (detail.length() > DETAIL_CHARACTERS) {
      detail = "..." + detail.substring(detail.length() - DETAIL_CHARACTERS);
    }
    return new GuestException(message, detail);
  }
}
