package org.x2k.io;

/**
 * An output that cannot be written (a link or device where it goes without --force, a full disk, an
 * input it would replace); the message is the one line the user sees after the input's name.
 */
public final class OutputException extends Exception {
  private static final long serialVersionUID = 1L;

  public OutputException(String message) {
    super(message);
  }
}
