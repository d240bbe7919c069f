package org.x2k.convert;

/** An input x2k cannot convert; the message is the one line the user sees after the input's name. */
public final class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConversionException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConversionException(String message) {
    super(message);
  }
}
