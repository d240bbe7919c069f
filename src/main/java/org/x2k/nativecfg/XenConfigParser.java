package org.x2k.nativecfg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * really hold: triple-quoted strings, tuples, True, False and None, and the subset xm's example
 * configs compute with ({@code import os, re}, {@code os.uname()}, {@code re.search}, if, elif and
 * else, names set before, {@code + - * // %}, {@code %} formatting, indexing, comparisons, and, or,
 * not), evaluated with bounded work ({@link PythonValues}). Anything else is a {@link
 * ConfigSyntaxException} naming line and column and what is not supported.
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
      statement();
    }
  }

  /** The modules xm's example configs import, of which x2k evaluates what they use. */
  private static final List<String> MODULES = List.of("os", "re", "sys");

  /** Whether statements are carried out, rather than only read (a branch not taken). */
  private boolean executing = true;

  /** One statement: an assignment, an import, or an if with its branches. */
  private void statement() throws ConfigSyntaxException {
    int statementLine = line;
    int statementColumn = column();
    char c = peek();
    if (!isNameStart(c)) {
      throw error("expected a setting name, found " + describe(c));
    }
    if (++settings > MAX_SETTINGS) {
      throw new ConfigSyntaxException(
          statementLine,
          statementColumn,
          "more than " + MAX_SETTINGS + " settings; x2k reads no more");
    }
    String name = identifier();
    switch (name) {
      case "import" -> importStatement();
      case "if" -> ifStatement(statementColumn);
      case "pass" -> config.notePythonOnly("pass");
      case "def" ->
          throw new ConfigSyntaxException(
              statementLine,
              statementColumn,
              text.contains("vmid")
                  ? "this is a template for xm create vmid=N (it defines a function to check"
                      + " vmid, and names guests by it): write one guest's values into a copy of"
                      + " it, without def and vmid, and convert that"
                  : "def (a Python function) is not supported: x2k evaluates only the Python that"
                      + " xm's example configs use");
      case "from", "elif", "else", "for", "while", "try", "class", "with", "del", "print" ->
          throw new ConfigSyntaxException(
              statementLine,
              statementColumn,
              name
                  + (name.equals("elif") || name.equals("else")
                      ? " without an if before it"
                      : " is not supported: x2k evaluates only the Python that xm's example"
                          + " configs use (import os, re, sys; if, elif, else; assignments)"));
      default -> assignment(name, statementLine, statementColumn);
    }
    skipBlanks(false);
    if (!atEnd() && peek() != '\n' && peek() != ';') {
      throw error("unexpected " + describe(peek()) + " after the statement");
    }
  }

  /** {@code import os, re}: modules whose functions x2k knows. */
  private void importStatement() throws ConfigSyntaxException {
    config.notePythonOnly("import");
    do {
      skipBlanks(false);
      int column = column();
      String module = atEnd() || !isNameStart(peek()) ? "" : identifier();
      if (!MODULES.contains(module)) {
        throw new ConfigSyntaxException(
            line,
            column,
            "import "
                + (module.isEmpty() ? "of nothing" : module)
                + " is not supported: x2k knows os, re and sys, as xm's example configs use them");
      }
      imported.add(module);
      skipBlanks(false);
    } while (!atEnd() && peek() == ',' && advanced());
  }

  private final Set<String> imported = new HashSet<>();

  private boolean advanced() {
    advance();
    return true;
  }

  /**
   * {@code if CONDITION:} with its block, then any {@code elif} and {@code else} at the same
   * column: the first branch whose condition is true runs; the others are read, not run.
   */
  private void ifStatement(int column) throws ConfigSyntaxException {
    config.notePythonOnly("if");
    boolean taken = false;
    boolean outer = executing;
    while (true) {
      skipBlanks(false);
      executing = outer && !taken;
      Value condition;
      try {
        condition = expression(false);
      } finally {
        executing = outer;
      }
      expectColon();
      boolean run = outer && !taken && PythonValues.truth(condition);
      block(column, run);
      taken |= run;
      int[] mark = mark();
      skipEmptyLines();
      if (!atEnd() && column() == column && text.startsWith("elif", pos) && isKeywordEnd(4)) {
        identifier();
        continue;
      }
      if (!atEnd() && column() == column && text.startsWith("else", pos) && isKeywordEnd(4)) {
        identifier();
        skipBlanks(false);
        expectColon();
        block(column, outer && !taken);
        return;
      }
      reset(mark);
      return;
    }
  }

  private void expectColon() throws ConfigSyntaxException {
    skipBlanks(false);
    if (atEnd() || peek() != ':') {
      throw error("expected ':' after the condition");
    }
    advance();
  }

  /**
   * The statements after {@code if ...:}: the rest of the line, or the lines below indented deeper
   * than {@code parentColumn}, run only if {@code run}.
   */
  private void block(int parentColumn, boolean run) throws ConfigSyntaxException {
    boolean outer = executing;
    executing = run;
    try {
      skipBlanks(false);
      if (!atEnd() && peek() != '\n') {
        statement();
        while (!atEnd() && peek() == ';') {
          advance();
          skipBlanks(false);
          if (!atEnd() && peek() != '\n') {
            statement();
          }
        }
        return;
      }
      int blockColumn = -1;
      while (true) {
        int[] mark = mark();
        skipEmptyLines();
        if (atEnd()) {
          if (blockColumn < 0) {
            throw error("expected an indented block, found the end of the file");
          }
          return;
        }
        int column = column();
        if (blockColumn < 0) {
          if (column <= parentColumn) {
            throw error("expected an indented block after ':'");
          }
          blockColumn = column;
        } else if (column < blockColumn) {
          reset(mark);
          return;
        } else if (column > blockColumn) {
          throw error("unexpected indentation");
        }
        statement();
        while (!atEnd() && peek() == ';') {
          advance();
          skipBlanks(false);
          if (!atEnd() && peek() != '\n') {
            statement();
          }
        }
      }
    } finally {
      executing = outer;
    }
  }

  /** Skips blank lines and comment lines, leaving the position at the next statement's start. */
  private void skipEmptyLines() {
    while (true) {
      skipBlanks(false);
      if (!atEnd() && peek() == '\n') {
        advance();
      } else {
        return;
      }
    }
  }

  private int[] mark() {
    return new int[] {pos, line, lineStart};
  }

  private void reset(int[] mark) {
    pos = mark[0];
    line = mark[1];
    lineStart = mark[2];
  }

  private boolean isKeywordEnd(int length) {
    int end = pos + length;
    return end >= text.length()
        || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_');
  }

  private void assignment(String name, int settingLine, int settingColumn)
      throws ConfigSyntaxException {
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
    Value value = expression(false);
    skipBlanks(false);
    if (!atEnd() && peek() != '\n' && peek() != ';') {
      throw error("unexpected " + describe(peek()) + " after the value of " + name);
    }
    if (value == null || !executing) {
      return; // name = None: as if unset; or a branch not taken
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

  // --- expressions: Python's precedence, lowest first --------------------------------------

  /** A value, maybe computed; inside brackets newlines and comments are blanks. */
  private Value expression(boolean inList) throws ConfigSyntaxException {
    Value left = conjunction(inList);
    while (keyword("or", inList)) {
      Value right = conjunction(inList);
      left = PythonValues.truth(left) ? left : right;
    }
    return left;
  }

  private Value conjunction(boolean inList) throws ConfigSyntaxException {
    Value left = negation(inList);
    while (keyword("and", inList)) {
      Value right = negation(inList);
      left = PythonValues.truth(left) ? right : left;
    }
    return left;
  }

  private Value negation(boolean inList) throws ConfigSyntaxException {
    if (keyword("not", inList)) {
      return deeper(() -> PythonValues.bool(!PythonValues.truth(negation(inList))));
    }
    return comparison(inList);
  }

  private Value comparison(boolean inList) throws ConfigSyntaxException {
    Value left = sum(inList);
    skipBlanks(inList);
    int column = column();
    String operator = comparisonOperator(inList);
    if (operator == null) {
      return left;
    }
    config.notePythonOnly("comparison");
    Value right = sum(inList);
    if (!executing) {
      return left;
    }
    try {
      return PythonValues.bool(
          switch (operator) {
            case "==" -> PythonValues.equal(left, right);
            case "!=" -> !PythonValues.equal(left, right);
            case "<" -> PythonValues.compare(left, right) < 0;
            case "<=" -> PythonValues.compare(left, right) <= 0;
            case ">" -> PythonValues.compare(left, right) > 0;
            case ">=" -> PythonValues.compare(left, right) >= 0;
            case "in" -> PythonValues.contains(right, left);
            default -> !PythonValues.contains(right, left); // not in
          });
    } catch (PythonValues.Unsupported e) {
      throw unsupported(line, column, e);
    }
  }

  private String comparisonOperator(boolean inList) {
    for (String operator : List.of("==", "!=", "<=", ">=", "<", ">")) {
      if (text.startsWith(operator, pos)) {
        pos += operator.length();
        return operator;
      }
    }
    if (keyword("in", inList)) {
      return "in";
    }
    int[] mark = mark();
    if (keyword("not", inList) && keyword("in", inList)) {
      return "not in";
    }
    reset(mark);
    return null;
  }

  private Value sum(boolean inList) throws ConfigSyntaxException {
    Value left = product(inList);
    while (true) {
      skipBlanks(inList);
      if (atEnd()
          || !(peek() == '+' || peek() == '-')
          || text.startsWith("+=", pos)
          || text.startsWith("-=", pos)) {
        return left;
      }
      char operator = peek();
      int column = column();
      advance();
      config.notePythonOnly("operator " + operator);
      skipBlanks(inList);
      Value right = product(inList);
      left = apply(operator, left, right, column);
    }
  }

  private Value product(boolean inList) throws ConfigSyntaxException {
    Value left = unary(inList);
    while (true) {
      skipBlanks(inList);
      char operator;
      if (text.startsWith("//", pos)) {
        operator = '/';
        advance();
      } else if (!atEnd() && (peek() == '*' || peek() == '%')) {
        operator = peek();
      } else {
        return left;
      }
      int column = column();
      advance();
      config.notePythonOnly("operator " + (operator == '/' ? "//" : String.valueOf(operator)));
      skipBlanks(inList);
      Value right = unary(inList);
      left = apply(operator, left, right, column);
    }
  }

  private Value apply(char operator, Value left, Value right, int column)
      throws ConfigSyntaxException {
    if (!executing) {
      return left;
    }
    try {
      return switch (operator) {
        case '+' -> PythonValues.add(left, right);
        case '%' -> PythonValues.format(left, right);
        default -> PythonValues.arithmetic(operator, left, right);
      };
    } catch (PythonValues.Unsupported e) {
      throw unsupported(line, column, e);
    }
  }

  /** A value, maybe negated, then indexed ({@code value[i]}). */
  private Value unary(boolean inList) throws ConfigSyntaxException {
    skipBlanks(inList);
    if (!atEnd()
        && peek() == '-'
        && !(pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      int column = column();
      advance();
      return deeper(() -> apply('-', new Number("0"), unary(inList), column));
    }
    Value value = value(inList);
    while (true) {
      skipBlanks(inList);
      if (atEnd() || peek() != '[') {
        return value;
      }
      int column = column();
      config.notePythonOnly("indexing");
      advance();
      Value index = deeper(() -> expression(true));
      skipBlanks(true);
      if (atEnd() || peek() != ']') {
        throw error("expected ']' after the index");
      }
      advance();
      if (executing) {
        try {
          value = PythonValues.index(value, index);
        } catch (PythonValues.Unsupported e) {
          throw unsupported(line, column, e);
        }
      }
    }
  }

  /** Whether {@code word} stands next as a word of its own; if so it is read. */
  private boolean keyword(String word, boolean inList) {
    skipBlanks(inList);
    if (text.startsWith(word, pos) && isKeywordEnd(word.length())) {
      pos += word.length();
      skipBlanks(inList);
      return true;
    }
    return false;
  }

  private interface Parse {
    Value parse() throws ConfigSyntaxException;
  }

  /** Parses one level deeper, within {@link #MAX_NESTING}. */
  private Value deeper(Parse parse) throws ConfigSyntaxException {
    if (nesting >= MAX_NESTING) {
      throw error("the expression is nested more than " + MAX_NESTING + " deep");
    }
    nesting++;
    try {
      return parse.parse();
    } finally {
      nesting--;
    }
  }

  private ConfigSyntaxException unsupported(int atLine, int atColumn, PythonValues.Unsupported e) {
    return new ConfigSyntaxException(
        atLine,
        atColumn,
        e.getMessage()
            + " is not supported: x2k evaluates only the Python that xm's example configs use");
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
    if (c == '[') {
      return list(']');
    }
    if (c == '(') {
      return parenthesised();
    }
    if (Character.isDigit(c)
        || ((c == '-' || c == '+')
            && pos + 1 < text.length()
            && Character.isDigit(text.charAt(pos + 1)))) {
      return number();
    }
    if (isNameStart(c)) {
      int column = column();
      int nameLine = line;
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
        default -> {
          skipBlanks(inList);
          if (!atEnd() && peek() == '(') {
            return call(word, nameLine, column);
          }
          return variable(word, nameLine, column);
        }
      }
    }
    throw error("expected a value, found " + describe(c));
  }

  /** {@code (VALUE)} or a tuple {@code (A, B)}, {@code ()}, {@code (A,)}. */
  private Value parenthesised() throws ConfigSyntaxException {
    int[] start = mark();
    advance();
    skipBlanks(true);
    if (!atEnd() && peek() != ')') {
      Value first = deeper(() -> expression(true));
      skipBlanks(true);
      if (!atEnd() && peek() == ')') {
        advance();
        return first;
      }
    }
    reset(start);
    return list(')');
  }

  /** A name set before, as Python reads it; a name never set is what a config may not hold. */
  private Value variable(String name, int nameLine, int column) throws ConfigSyntaxException {
    config.notePythonOnly("a name");
    if (!executing) {
      return new Text("");
    }
    if (name.contains(".")) {
      throw new ConfigSyntaxException(
          nameLine,
          column,
          name + " is not supported: x2k evaluates only the Python that xm's example configs use");
    }
    if (!config.has(name)) {
      if (name.equals("vmid")) {
        throw new ConfigSyntaxException(
            nameLine,
            column,
            "vmid is given by xm create vmid=N: write one guest's values into a copy of this"
                + " template, without vmid, and convert that");
      }
      throw new ConfigSyntaxException(
          nameLine, column, "expected a value, found the name " + name + " (strings need quotes)");
    }
    config.noteReferenced(name);
    return config.effective().get(name).value();
  }

  /**
   * {@code os.uname()}, {@code re.search(P, S)}, {@code re.match(P, S)}, {@code int()}, {@code
   * str()}.
   */
  private Value call(String function, int callLine, int column) throws ConfigSyntaxException {
    config.notePythonOnly("a function call");
    advance();
    List<Value> arguments = new ArrayList<>();
    skipBlanks(true);
    while (!atEnd() && peek() != ')') {
      arguments.add(deeper(() -> expression(true)));
      skipBlanks(true);
      if (!atEnd() && peek() == ',') {
        advance();
        skipBlanks(true);
      } else if (atEnd() || peek() != ')') {
        throw error("expected ',' or ')' in the call of " + function);
      }
    }
    if (atEnd()) {
      throw new ConfigSyntaxException(callLine, column, "this call is never closed");
    }
    advance();
    String module = function.contains(".") ? function.substring(0, function.indexOf('.')) : "";
    if (!module.isEmpty() && MODULES.contains(module) && !imported.contains(module)) {
      throw new ConfigSyntaxException(
          callLine, column, function + " needs import " + module + " before it");
    }
    if (!executing) {
      return new Text("");
    }
    try {
      return switch (function + "/" + arguments.size()) {
        case "os.uname/0" -> PythonValues.UNAME;
        case "re.search/2" -> PythonValues.search(arguments.get(0), arguments.get(1), false);
        case "re.match/2" -> PythonValues.search(arguments.get(0), arguments.get(1), true);
        case "int/1" -> intOf(arguments.get(0));
        case "str/1" -> new Text(PythonValues.str(arguments.get(0)));
        default ->
            throw new PythonValues.Unsupported(
                "calling "
                    + function
                    + " with "
                    + arguments.size()
                    + " argument"
                    + (arguments.size() == 1 ? "" : "s"));
      };
    } catch (PythonValues.Unsupported e) {
      throw unsupported(callLine, column, e);
    }
  }

  private static Value intOf(Value value) throws PythonValues.Unsupported {
    if (value instanceof Text text && text.text().strip().matches("[-+]?[0-9]{1,18}")) {
      return new Number(Long.toString(Long.parseLong(text.text().strip())));
    }
    return new Number(Long.toString(PythonValues.integer(value)));
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
      Value item = expression(true);
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
