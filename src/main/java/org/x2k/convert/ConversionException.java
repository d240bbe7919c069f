package org.x2k.convert;

/**
 * An input x2k cannot convert; the message is the one line the user sees after the input's name.
 */
public final class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The stylesheet's code for a document that holds no domain definition (a network, a pool). */
  public static final String NOT_A_DOMAIN = "not-a-domain";

  private final String code;

  private final String detail;

  public ConversionException(String message, Throwable cause) {
    this(message, cause, "");
  }

  public ConversionException(String message, Throwable cause, String code) {
    this(message, cause, code, "");
  }

  /**
   * @param detail more than the one line, for the JSON report (what a failed program in the guest
   *     said), or ""
   */
  public ConversionException(String message, Throwable cause, String code, String detail) {
    super(message, cause);
    this.code = code;
    this.detail = detail;
  }

  public ConversionException(String message) {
    this(message, null, "");
  }

  /** The x2k error code the stylesheet raised (see xslt/common/names.xsl), or empty. */
  public String code() {
    return code;
  }

  /** More than the message, for the JSON report, or "". */
  public String detail() {
    return detail;
  }

  /** {@code message} on one line, as x2k prints every problem. */
  static String oneLine(String message) {
    return message == null ? "unknown problem" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
