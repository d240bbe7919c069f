package org.x2k.guest;

/** Something x2k could not read, change or run in a guest; the message is one line. */
public final class GuestException extends Exception {
  public GuestException(String message) {
    super(message);
  }

  public GuestException(String message, Throwable cause) {
    super(message, cause);
  }
}
