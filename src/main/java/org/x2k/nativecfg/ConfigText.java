package org.x2k.nativecfg;

import org.x2k.nativecfg.XenConfig.Number;
import org.x2k.text.ControlCharacters;

/**
 * A config file's text and the reader's place in it: characters, line and column, and the lexical
 * pieces both dialects share (names, numbers, strings with their escapes, blanks, comments and
 * continuations). {@link XenConfigParser} reads statements and values with it.
 */
final class ConfigText {
  final String text;
  int pos;
  int line = 1;
  int lineStart;
  private final XenConfig config;

  ConfigText(String text, XenConfig config) {
    this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    this.config = config;
  }

  Number number() {
    int start = pos;
    advance();
    while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_')) {
      advance();
    }
    return new Number(text.substring(start, pos));
  }

  String string() throws ConfigSyntaxException {
    int startLine = line;
    int startColumn = column();
    char quote = peek();
    boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
    if (triple) {
      config.notePythonOnly("triple-quoted string");
    }
    int quoteLength = triple ? 3 : 1;
    for (int i = 0; i < quoteLength; i++) {
      advance();
    }
    StringBuilder value = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw new ConfigSyntaxException(startLine, startColumn, "this string is never closed");
      }
      char c = peek();
      if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
        for (int i = 0; i < quoteLength; i++) {
          advance();
        }
        int forbidden = ControlCharacters.firstRefusedInValue(value);
        if (forbidden >= 0) {
          throw new ConfigSyntaxException(
              startLine,
              startColumn,
              "this string holds the control character "
                  + ControlCharacters.name(forbidden)
                  + (ControlCharacters.allowedInXml(forbidden)
                      ? ", which a terminal or an editor would act on"
                      : ", which libvirt's XML cannot hold"));
        }
        return value.toString();
      }
      if (c == '\n' && !triple) {
        throw new ConfigSyntaxException(
            startLine, startColumn, "this string is never closed on its line");
      }
      if (c == '\\') {
        escape(value);
        continue;
      }
      if (c < ' ' && c != '\t' && c != '\n') {
        throw error("control character " + describe(c) + " in a string");
      }
      value.append(c);
      advance();
    }
  }

  /** A backslash escape, as xl's and Python's string syntax both have them. */
  void escape(StringBuilder value) throws ConfigSyntaxException {
    advance();
    if (atEnd()) {
      throw error("a backslash ends the file");
    }
    char c = peek();
    advance();
    switch (c) {
      case '\n' -> {} // continued on the next line
      case 'n' -> value.append('\n');
      case 't' -> value.append('\t');
      case 'r' -> value.append('\r');
      case 'a' -> value.append('\u0007');
      case 'b' -> value.append('\b');
      case 'f' -> value.append('\f');
      case 'v' -> value.append('\u000b');
      case '\\', '\'', '"' -> value.append(c);
      case 'x' -> {
        int start = pos;
        while (!atEnd() && pos - start < 2 && Character.digit(peek(), 16) >= 0) {
          advance();
        }
        if (pos == start) {
          throw error("\\x needs hexadecimal digits");
        }
        value.append((char) Integer.parseInt(text.substring(start, pos), 16));
      }
      default -> {
        if (c >= '0' && c <= '7') {
          int start = pos - 1;
          while (!atEnd() && pos - start < 3 && peek() >= '0' && peek() <= '7') {
            advance();
          }
          value.append((char) Integer.parseInt(text.substring(start, pos), 8));
        } else {
          value.append('\\').append(c); // unknown escapes stay as written, as in Python
        }
      }
    }
  }

  String identifier() {
    int start = pos;
    while (!atEnd()
        && peek() < 128
        && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
      advance();
    }
    return text.substring(start, pos);
  }

  /**
   * Skips spaces, tabs, carriage returns, comments and backslash-newline continuations; with {@code
   * newlines} also line ends (inside brackets a value may span lines).
   */
  void skipBlanks(boolean newlines) {
    while (!atEnd()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || (newlines && c == '\n')) {
        advance();
      } else if (c == '#') {
        while (!atEnd() && peek() != '\n') {
          advance();
        }
      } else if (c == '\\' && (text.startsWith("\\\n", pos) || text.startsWith("\\\r\n", pos))) {
        advance();
        if (peek() == '\r') {
          advance();
        }
        advance();
      } else {
        return;
      }
    }
  }

  static boolean isNameStart(char c) {
    return c < 128 && (Character.isLetter(c) || c == '_');
  }

  static String describe(char c) {
    if (c == '\n') {
      return "the end of the line";
    }
    if (Character.isISOControl(c) || c == '\uFFFD') {
      return String.format("the byte 0x%02x", (int) c & 0xff);
    }
    return "'" + c + "'";
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  char peek() {
    return text.charAt(pos);
  }

  void advance() {
    if (text.charAt(pos) == '\n') {
      line++;
      lineStart = pos + 1;
    }
    pos++;
  }

  int column() {
    return pos - lineStart + 1;
  }

  ConfigSyntaxException error(String message) {
    return new ConfigSyntaxException(line, column(), message);
  }

  /** Skips blank lines and comment lines, leaving the position at the next statement's start. */
  void skipEmptyLines() {
    while (true) {
      skipBlanks(false);
      if (!atEnd() && peek() == '\n') {
        advance();
      } else {
        return;
      }
    }
  }

  int[] mark() {
    return new int[] {pos, line, lineStart};
  }

  void reset(int[] mark) {
    pos = mark[0];
    line = mark[1];
    lineStart = mark[2];
  }

  boolean isKeywordEnd(int length) {
    int end = pos + length;
    return end >= text.length()
        || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_');
  }
}
