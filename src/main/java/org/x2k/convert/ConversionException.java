package org.x2k.convert;

/**
 * An input x2k cannot convert; the message is the one line the user sees after the input's name.
 */
public final class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The stylesheet's code for a document that holds no domain definition (a network, a pool). */
  public static final String NOT_A_DOMAIN = "not-a-domain";

  private final String code;

  public ConversionException(String message, Throwable cause) {
    this(message, cause, "");
  }

  public ConversionException(String message, Throwable cause, String code) {
    super(message, cause);
    this.code = code;
  }

  public ConversionException(String message) {
    this(message, null, "");
  }

  /** The x2k error code the stylesheet raised (see xslt/common/names.xsl), or empty. */
  public String code() {
    return code;
  }

  /** {@code message} on one line, as x2k prints every problem. */
  static String oneLine(String message) {
    return message == null ? "unknown problem" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
