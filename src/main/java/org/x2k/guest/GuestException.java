package org.x2k.guest;

/** Something x2k could not read, change or run in a guest; the message is one line. */
public final class GuestException extends Exception {
  /** The report's code for it. */
  private final String code;

  public GuestException(String message) {
    this(message, (Throwable) null);
  }

  public GuestException(String message, Throwable cause) {
    super(message, cause);
    this.code = "guest-failed";
  }

  /** A problem with a disk the domain names ({@code guest-disk}). */
  static GuestException disk(String message) {
    return new GuestException(message, "guest-disk");
  }

  private GuestException(String message, String code) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
