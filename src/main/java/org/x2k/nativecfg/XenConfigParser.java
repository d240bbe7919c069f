package org.x2k.nativecfg;

import java.util.List;
import org.x2k.nativecfg.XenConfig.Setting;
import org.x2k.nativecfg.XenConfig.Value;

/**
 * Reads the syntax shared by xl.cfg(5) and xm's Python config files: {@code name = value} lines (or
 * {@code name += value}), values that are strings ("..." or '...', with backslash escapes), numbers
 * or bracketed lists (nested, spanning lines, trailing comma allowed), {@code #} comments, {@code
 * ;} between settings, and backslash in.line continuations. Of Python it also takes what xm files
 * really hold: triple-quoted strings, tuples, True, False and None, and the subset xm's example
 * configs compute with ({@code import os, re}, {@code os.uname()}, {@code re.search}, if, elif and
 * else, names set before, {@code + - * // %}, {@code %} formatting, indexing, comparisons, and, or,
 * not), evaluated with bounded work ({@link PythonValues}). Anything else is a {@link
 * ConfigSyntaxException} naming in.line and column and what is not supported.
 */
public final class XenConfigParser {
  private final XenConfig config = new XenConfig();

  /** The file being read, and where. */
  private final ConfigText in;

  private XenConfigParser(String text) {
    this.in = new ConfigText(text, config);
    this.values = new ExpressionReader(in, config);
  }

  public static XenConfig parse(String text) throws ConfigSyntaxException {
    XenConfigParser parser = new XenConfigParser(text);
    parser.file();
    return parser.config;
  }

  private void file() throws ConfigSyntaxException {
    while (true) {
      in.skipBlanks(false);
      if (in.atEnd()) {
        return;
      }
      char c = in.peek();
      if (c == '\n' || c == ';') {
        in.advance();
        continue;
      }
      statement();
    }
  }

  /** The modules xm's example configs import, of which x2k evaluates what they use. */
  static final List<String> MODULES = List.of("os", "re", "sys");

  /** Values and the Python that computes them, read and evaluated where statements run. */
  private final ExpressionReader values;

  /** One statement: an assignment, an import, or an if with its branches. */
  private void statement() throws ConfigSyntaxException {
    int statementLine = in.line;
    int statementColumn = in.column();
    char c = in.peek();
    if (!in.isNameStart(c)) {
      throw in.error("expected a setting name, found " + in.describe(c));
    }
    if (++settings > MAX_SETTINGS) {
      throw new ConfigSyntaxException(
          statementLine,
          statementColumn,
          "more than " + MAX_SETTINGS + " settings; x2k reads no more");
    }
    String name = in.identifier();
    switch (name) {
      case "import" -> importStatement();
      case "if" -> ifStatement(statementColumn);
      case "pass" -> config.notePythonOnly("pass");
      case "def" ->
          throw new ConfigSyntaxException(
              statementLine,
              statementColumn,
              in.text.contains("vmid")
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
    in.skipBlanks(false);
    if (!in.atEnd() && in.peek() != '\n' && in.peek() != ';') {
      throw in.error("unexpected " + in.describe(in.peek()) + " after the statement");
    }
  }

  /** {@code import os, re}: modules whose functions x2k knows. */
  private void importStatement() throws ConfigSyntaxException {
    config.notePythonOnly("import");
    do {
      in.skipBlanks(false);
      int column = in.column();
      String module = in.atEnd() || !in.isNameStart(in.peek()) ? "" : in.identifier();
      if (!MODULES.contains(module)) {
        throw new ConfigSyntaxException(
            in.line,
            column,
            "import "
                + (module.isEmpty() ? "of nothing" : module)
                + " is not supported: x2k knows os, re and sys, as xm's example configs use them");
      }
      values.imported.add(module);
      in.skipBlanks(false);
    } while (!in.atEnd() && in.peek() == ',' && advanced());
  }

  private boolean advanced() {
    in.advance();
    return true;
  }

  /**
   * {@code if CONDITION:} with its block, then any {@code elif} and {@code else} at the same
   * column: the first branch whose condition is true runs; the others are read, not run.
   */
  private void ifStatement(int column) throws ConfigSyntaxException {
    config.notePythonOnly("if");
    boolean taken = false;
    boolean outer = values.executing;
    while (true) {
      in.skipBlanks(false);
      values.executing = outer && !taken;
      Value condition;
      try {
        condition = values.expression(false);
      } finally {
        values.executing = outer;
      }
      expectColon();
      boolean run = outer && !taken && PythonValues.truth(condition);
      block(column, run);
      taken |= run;
      int[] mark = in.mark();
      in.skipEmptyLines();
      if (!in.atEnd()
          && in.column() == column
          && in.text.startsWith("elif", in.pos)
          && in.isKeywordEnd(4)) {
        in.identifier();
        continue;
      }
      if (!in.atEnd()
          && in.column() == column
          && in.text.startsWith("else", in.pos)
          && in.isKeywordEnd(4)) {
        in.identifier();
        in.skipBlanks(false);
        expectColon();
        block(column, outer && !taken);
        return;
      }
      in.reset(mark);
      return;
    }
  }

  private void expectColon() throws ConfigSyntaxException {
    in.skipBlanks(false);
    if (in.atEnd() || in.peek() != ':') {
      throw in.error("expected ':' after the condition");
    }
    in.advance();
  }

  /**
   * The statements after {@code if ...:}: the rest of the in.line, or the lines below indented
   * deeper than {@code parentColumn}, run only if {@code run}.
   */
  private void block(int parentColumn, boolean run) throws ConfigSyntaxException {
    boolean outer = values.executing;
    values.executing = run;
    try {
      in.skipBlanks(false);
      if (!in.atEnd() && in.peek() != '\n') {
        statement();
        while (!in.atEnd() && in.peek() == ';') {
          in.advance();
          in.skipBlanks(false);
          if (!in.atEnd() && in.peek() != '\n') {
            statement();
          }
        }
        return;
      }
      int blockColumn = -1;
      while (true) {
        int[] mark = in.mark();
        in.skipEmptyLines();
        if (in.atEnd()) {
          if (blockColumn < 0) {
            throw in.error("expected an indented block, found the end of the file");
          }
          return;
        }
        int column = in.column();
        if (blockColumn < 0) {
          if (column <= parentColumn) {
            throw in.error("expected an indented block after ':'");
          }
          blockColumn = column;
        } else if (column < blockColumn) {
          in.reset(mark);
          return;
        } else if (column > blockColumn) {
          throw in.error("unexpected indentation");
        }
        statement();
        while (!in.atEnd() && in.peek() == ';') {
          in.advance();
          in.skipBlanks(false);
          if (!in.atEnd() && in.peek() != '\n') {
            statement();
          }
        }
      }
    } finally {
      values.executing = outer;
    }
  }

  private void assignment(String name, int settingLine, int settingColumn)
      throws ConfigSyntaxException {
    in.skipBlanks(false);
    boolean append = false;
    if (!in.atEnd()
        && in.peek() == '+'
        && in.pos + 1 < in.text.length()
        && in.text.charAt(in.pos + 1) == '=') {
      append = true;
      in.advance();
    }
    if (in.atEnd() || in.peek() != '=') {
      throw in.error(
          "expected '=' after "
              + name
              + (in.atEnd() ? ", found the end of the file" : ", found " + in.describe(in.peek())));
    }
    in.advance();
    in.skipBlanks(false);
    Value value = values.expression(false);
    in.skipBlanks(false);
    if (!in.atEnd() && in.peek() != '\n' && in.peek() != ';') {
      throw in.error("unexpected " + in.describe(in.peek()) + " after the value of " + name);
    }
    if (value == null || !values.executing) {
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
}
