package org.x2k.io;

/**
 * An input that cannot be read or used; the message is the one line the user sees after the input's
 * name.
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }
}
