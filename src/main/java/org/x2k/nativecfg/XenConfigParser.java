package org.x2k.nativecfg;

import java.util.ArrayList;
import java.util.List;
import org.x2k.nativecfg.XenConfig.ListValue;
import org.x2k.nativecfg.XenConfig.Number;
import org.x2k.nativecfg.XenConfig.Setting;
import org.x2k.nativecfg.XenConfig.Text;
import org.x2k.nativecfg.XenConfig.Value;
import org.x2k.text.ControlCharacters;

/**
 * Reads the syntax shared by xl.cfg(5) and xm's Python config files: {@code name = value} lines (or
 * {@code name += value}), values that are strings ("..." or '...', with backslash escapes), numbers
 * or bracketed lists (nested, spanning lines, trailing comma allowed), {@code #} comments, {@code
 * ;} between settings, and backslash line continuations. Of Python it also takes what xm files
 * really hold: triple-quoted strings, tuples, True, False and None. Anything else is a {@link
 * ConfigSyntaxException} naming line and column.
 */
public final class XenConfigParser {
  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;
  private final XenConfig config = new XenConfig();

  private XenConfigParser(String text) {
    this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  public static XenConfig parse(String text) throws ConfigSyntaxException {
    XenConfigParser parser = new XenConfigParser(text);
    parser.file();
    return parser.config;
  }

  private void file() throws ConfigSyntaxException {
    while (true) {
      skipBlanks(false);
      if (atEnd()) {
        return;
      }
      char c = peek();
      if (c == '\n' || c == ';') {
        advance();
        continue;
      }
      setting();
    }
  }

  private void setting() throws ConfigSyntaxException {
    int settingLine = line;
    int settingColumn = column();
    char c = peek();
    if (!isNameStart(c)) {
      throw error("expected a setting name, found " + describe(c));
    }
    String name = identifier();
    skipBlanks(false);
    boolean append = false;
    if (!atEnd() && peek() == '+' && pos + 1 < text.length() && text.charAt(pos + 1) == '=') {
      append = true;
      advance();
    }
    if (atEnd() || peek() != '=') {
      throw error(
          "expected '=' after "
              + name
              + (atEnd() ? ", found the end of the file" : ", found " + describe(peek())));
    }
    advance();
    skipBlanks(false);
    Value value = value(false);
    skipBlanks(false);
    if (!atEnd() && peek() != '\n' && peek() != ';') {
      throw error("unexpected " + describe(peek()) + " after the value of " + name);
    }
    if (value == null) {
      return; // name = None: as if unset
    }
    if (++settings > MAX_SETTINGS) {
      throw new ConfigSyntaxException(
          settingLine, settingColumn, "more than " + MAX_SETTINGS + " settings; x2k reads no more");
    }
    int items = config.add(new Setting(name, value, settingLine, settingColumn, append));
    if (items > MAX_LIST_ITEMS) {
      throw new ConfigSyntaxException(
          settingLine,
          settingColumn,
          "the list "
              + name
              + " has more than "
              + MAX_LIST_ITEMS
              + " items with its appends; x2k reads no more");
    }
  }

  /** A value; inside brackets newlines and comments are blanks. Null for Python's None. */
  private Value value(boolean inList) throws ConfigSyntaxException {
    if (atEnd()) {
      throw error("expected a value, found the end of the file");
    }
    char c = peek();
    if (c == '"' || c == '\'') {
      return new Text(string());
    }
    if (c == '[' || c == '(') {
      return list(c == '[' ? ']' : ')');
    }
    if (Character.isDigit(c)
        || ((c == '-' || c == '+')
            && pos + 1 < text.length()
            && Character.isDigit(text.charAt(pos + 1)))) {
      return number();
    }
    if (isNameStart(c)) {
      int column = column();
      String word = identifier();
      switch (word) {
        case "True" -> {
          config.notePythonOnly("True");
          return new Number("1");
        }
        case "False" -> {
          config.notePythonOnly("False");
          return new Number("0");
        }
        case "None" -> {
          config.notePythonOnly("None");
          return null;
        }
        default ->
            throw new ConfigSyntaxException(
                line,
                column,
                "expected a value, found the name " + word + " (strings need quotes)");
      }
    }
    throw error("expected a value, found " + describe(c));
  }

  /**
   * The deepest nesting of lists read: xl's own values are at most a list of strings, xm's a few
   * levels of Python; a bound keeps a hostile file from exhausting the stack.
   */
  public static final int MAX_NESTING = 32;

  /**
   * The most settings a config may hold (a real one has a few dozen), and the most items of one
   * list, with its {@code +=} appends (a domain has at most 4096 devices): bounds that stop a
   * hostile file early (10 MiB of {@code disk +=} lines took 316 s and 1.1 GB).
   */
  public static final int MAX_SETTINGS = 16_384;

  public static final int MAX_LIST_ITEMS = 4096;

  private int settings;

  private int nesting;

  private ListValue list(char close) throws ConfigSyntaxException {
    if (nesting >= MAX_NESTING) {
      throw error("lists are nested more than " + MAX_NESTING + " deep");
    }
    nesting++;
    try {
      return listItems(close);
    } finally {
      nesting--;
    }
  }

  private ListValue listItems(char close) throws ConfigSyntaxException {
    int openLine = line;
    int openColumn = column();
    if (close == ')') {
      config.notePythonOnly("tuple");
    }
    advance();
    List<Value> items = new ArrayList<>();
    while (true) {
      skipBlanks(true);
      if (atEnd()) {
        throw new ConfigSyntaxException(openLine, openColumn, "this list is never closed");
      }
      if (peek() == close) {
        advance();
        return new ListValue(items);
      }
      Value item = value(true);
      if (item != null) {
        items.add(item);
        if (items.size() > MAX_LIST_ITEMS) {
          throw new ConfigSyntaxException(
              openLine, openColumn, "this list has more than " + MAX_LIST_ITEMS + " items");
        }
      }
      skipBlanks(true);
      if (atEnd()) {
        throw new ConfigSyntaxException(openLine, openColumn, "this list is never closed");
      }
      if (peek() == ',') {
        advance();
      } else if (peek() != close) {
        throw error("expected ',' or '" + close + "' in the list, found " + describe(peek()));
      }
    }
  }

  private Number number() {
    int start = pos;
    advance();
    while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_')) {
      advance();
    }
    return new Number(text.substring(start, pos));
  }

  private String string() throws ConfigSyntaxException {
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
  private void escape(StringBuilder value) throws ConfigSyntaxException {
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

  private String identifier() {
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
  private void skipBlanks(boolean newlines) {
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

  private static boolean isNameStart(char c) {
    return c < 128 && (Character.isLetter(c) || c == '_');
  }

  private static String describe(char c) {
    if (c == '\n') {
      return "the end of the line";
    }
    if (Character.isISOControl(c) || c == '\uFFFD') {
      return String.format("the byte 0x%02x", (int) c & 0xff);
    }
    return "'" + c + "'";
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private void advance() {
    if (text.charAt(pos) == '\n') {
      line++;
      lineStart = pos + 1;
    }
    pos++;
  }

  private int column() {
    return pos - lineStart + 1;
  }

  private ConfigSyntaxException error(String message) {
    return new ConfigSyntaxException(line, column(), message);
  }
}
