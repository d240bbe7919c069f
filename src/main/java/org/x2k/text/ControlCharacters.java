package org.x2k.text;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Characters that must not pass through: those XML 1.0 forbids (so libvirt's parser refuses them),
 * and the control characters a terminal obeys (ESC starts sequences that retitle a window, clear
 * the screen or erase lines).
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /** Whether XML 1.0 allows {@code c} (a code point) in a document. */
  public static boolean allowedInXml(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }

  /** The first code point in {@code text} that XML 1.0 forbids, or -1. */
  public static int firstForbiddenInXml(CharSequence text) {
    for (int i = 0; i < text.length(); ) {
      int c = Character.codePointAt(text, i);
      if (!allowedInXml(c) || (Character.isSurrogate(text.charAt(i)) && c < 0x10000)) {
        return c;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  /** U+001B, as messages name a character. */
  public static String name(int c) {
    return String.format("U+%04X", c);
  }

  /** Whether a terminal would act on {@code c} rather than show it: C0 (but tab), DEL and C1. */
  static boolean actsOnTerminal(char c) {
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f);
  }

  /**
   * A writer for a terminal: control characters are written as {@code \xNN}, so that text from file
   * names, domain names and reports is shown, never obeyed. Line ends pass.
   */
  public static Writer forTerminal(Writer out) {
    return new FilterWriter(out) {
      @Override
      public void write(int c) throws IOException {
        if (actsOnTerminal((char) c)) {
          out.write(String.format("\\x%02X", c));
        } else {
          out.write(c);
        }
      }

      @Override
      public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
          write(buffer[i]);
        }
      }

      @Override
      public void write(String text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
          write(text.charAt(i));
        }
      }
    };
  }
}
