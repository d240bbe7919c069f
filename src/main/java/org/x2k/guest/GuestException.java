package org.x2k.guest;

/** Something x2k could not read, change or run in a guest; the message is one line. */
public final class GuestException extends Exception {
  /** The report's code for it. */
  private final String code;

  /** More than the one line, for the JSON report (a failed program's standard error), or "". */
  private final String detail;

  public GuestException(String message) {
    this(message, (Throwable) null);
  }

  public GuestException(String message, Throwable cause) {
    super(message, cause);
    this.code = "guest-failed";
    this.detail = "";
  }

  /** A program in the guest failed: {@code detail} is what it said. */
  public GuestException(String message, String detail) {
    this(message, "guest-command-failed", detail);
  }

  /** A problem with a disk the domain names ({@code guest-disk}). */
  public static GuestException disk(String message) {
    return new GuestException(message, "guest-disk", "");
  }

  /** Something x2k refuses to do, with the report's {@code code} for it. */
  public static GuestException refused(String message, String code) {
    return new GuestException(message, code, "");
  }

  private GuestException(String message, String code, String detail) {
    super(message);
    this.code = code;
    this.detail = detail;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }
}
