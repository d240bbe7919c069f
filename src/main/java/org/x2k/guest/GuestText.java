package org.x2k.guest;

import java.nio.charset.StandardCharsets;

/**
 * Guest configuration files as text. They are read and written as ISO-8859-1, which maps every byte
 * to one character and back, so that bytes x2k does not change (comments in any encoding) are
 * written back as they were.
 */
public final class GuestText {
  private GuestText() {}

  public static String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  public static byte[] encode(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
