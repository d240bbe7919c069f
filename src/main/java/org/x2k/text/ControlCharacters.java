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

  /**
   * Whether {@code c} (a code point) is refused in a definition's values though XML 1.0 allows it:
   * the C1 controls (U+0080 to U+009F: U+009B is a terminal's CSI, as ESC [ is) and the bidi
   * embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which make an editor
   * or a terminal show text in another order than it is read. No domain needs them.
   */
  public static boolean refusedInValues(int c) {
    return (c >= 0x80 && c <= 0x9f) || isBidiControl(c);
  }

  private static boolean isBidiControl(int c) {
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * The first code point in {@code text} that a definition's value may not hold: one XML 1.0
   * forbids, or one {@link #refusedInValues} refuses; or -1.
   */
  public static int firstRefusedInValue(CharSequence text) {
    int forbidden = firstForbiddenInXml(text);
    if (forbidden >= 0) {
      return forbidden;
    }
    return text.codePoints().filter(ControlCharacters::refusedInValues).findFirst().orElse(-1);
  }

  /** Why a value may not hold {@code c}, after "the control character U+NNNN in X ". */
  public static String whyRefused(int c) {
    return allowedInXml(c)
        ? "is refused: a terminal or an editor would act on it rather than show it"
        : "is not allowed in XML 1.0, which libvirt reads";
  }

  /**
   * The first control character of {@code name} (a domain's or a file's: C0 including line ends and
   * tab, DEL, C1, bidi controls), or -1: a name that holds one could forge or reorder lines of
   * x2k's messages.
   */
  public static int firstInName(CharSequence name) {
    return name.codePoints()
        .filter(c -> c < 0x20 || c == 0x7f || refusedInValues(c))
        .findFirst()
        .orElse(-1);
  }

  /** {@code name} with each character {@link #firstInName} finds written as {@code \xNN}. */
  public static String escaped(String name) {
    StringBuilder shown = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || refusedInValues(c)) {
                shown.append(String.format(c > 0xff ? "\\u%04X" : "\\x%02X", c));
              } else {
                shown.appendCodePoint(c);
              }
            });
    return shown.toString();
  }

  /** U+001B, as messages name a character. */
  public static String name(int c) {
    return String.format("U+%04X", c);
  }

  /**
   * Whether a terminal would act on {@code c} rather than show it: C0 (but tab), DEL, C1 and the
   * bidi controls.
   */
  static boolean actsOnTerminal(char c) {
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) || isBidiControl(c);
  }

  /**
   * A writer for a terminal: control characters are written as {@code \xNN} (bidi controls as
   * {@code \u202E}), so that text from file names, domain names and reports is shown, never obeyed.
   * Line ends pass.
   */
  public static Writer forTerminal(Writer out) {
    return new FilterWriter(out) {
      @Override
      public void write(int c) throws IOException {
        if (actsOnTerminal((char) c)) {
          out.write(String.format(c > 0xff ? "\\u%04X" : "\\x%02X", c));
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
