package org.x2k.nativecfg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.x2k.nativecfg.XenConfig.ListValue;
import org.x2k.nativecfg.XenConfig.Number;
import org.x2k.nativecfg.XenConfig.Text;
import org.x2k.nativecfg.XenConfig.Value;

/**
 * Values as both dialects write them (strings, numbers, lists, tuples, True, False, None) and, for
 * xm, the Python expressions its example configs compute them with, evaluated by {@link
 * PythonValues} where {@link #executing}, only read elsewhere (a branch not taken).
 */
final class ExpressionReader {
  private final ConfigText in;
  private final XenConfig config;

  /** The modules imported so far. */
  final Set<String> imported = new HashSet<>();

  /** Whether expressions are evaluated, rather than only read (a branch not taken). */
  boolean executing = true;

  private int nesting;

  ExpressionReader(ConfigText in, XenConfig config) {
    this.in = in;
    this.config = config;
  }

  // --- expressions: Python's precedence, lowest first --------------------------------------

  /** A value, maybe computed; inside brackets newlines and comments are blanks. */
  Value expression(boolean inList) throws ConfigSyntaxException {
    Value left = conjunction(inList);
    while (keyword("or", inList)) {
      Value right = conjunction(inList);
      left = PythonValues.truth(left) ? left : right;
    }
    return left;
  }

  Value conjunction(boolean inList) throws ConfigSyntaxException {
    Value left = negation(inList);
    while (keyword("and", inList)) {
      Value right = negation(inList);
      left = PythonValues.truth(left) ? right : left;
    }
    return left;
  }

  Value negation(boolean inList) throws ConfigSyntaxException {
    if (keyword("not", inList)) {
      return deeper(() -> PythonValues.bool(!PythonValues.truth(negation(inList))));
    }
    return comparison(inList);
  }

  Value comparison(boolean inList) throws ConfigSyntaxException {
    Value left = sum(inList);
    in.skipBlanks(inList);
    int column = in.column();
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
      throw unsupported(in.line, column, e);
    }
  }

  String comparisonOperator(boolean inList) {
    for (String operator : List.of("==", "!=", "<=", ">=", "<", ">")) {
      if (in.text.startsWith(operator, in.pos)) {
        in.pos += operator.length();
        return operator;
      }
    }
    if (keyword("in", inList)) {
      return "in";
    }
    int[] mark = in.mark();
    if (keyword("not", inList) && keyword("in", inList)) {
      return "not in";
    }
    in.reset(mark);
    return null;
  }

  Value sum(boolean inList) throws ConfigSyntaxException {
    Value left = product(inList);
    while (true) {
      in.skipBlanks(inList);
      if (in.atEnd()
          || !(in.peek() == '+' || in.peek() == '-')
          || in.text.startsWith("+=", in.pos)
          || in.text.startsWith("-=", in.pos)) {
        return left;
      }
      char operator = in.peek();
      int column = in.column();
      in.advance();
      config.notePythonOnly("operator " + operator);
      in.skipBlanks(inList);
      Value right = product(inList);
      left = apply(operator, left, right, column);
    }
  }

  Value product(boolean inList) throws ConfigSyntaxException {
    Value left = unary(inList);
    while (true) {
      in.skipBlanks(inList);
      char operator;
      if (in.text.startsWith("//", in.pos)) {
        operator = '/';
        in.advance();
      } else if (!in.atEnd() && (in.peek() == '*' || in.peek() == '%')) {
        operator = in.peek();
      } else {
        return left;
      }
      int column = in.column();
      in.advance();
      config.notePythonOnly("operator " + (operator == '/' ? "//" : String.valueOf(operator)));
      in.skipBlanks(inList);
      Value right = unary(inList);
      left = apply(operator, left, right, column);
    }
  }

  Value apply(char operator, Value left, Value right, int column) throws ConfigSyntaxException {
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
      throw unsupported(in.line, column, e);
    }
  }

  /** A value, maybe negated, then indexed ({@code value[i]}). */
  Value unary(boolean inList) throws ConfigSyntaxException {
    in.skipBlanks(inList);
    if (!in.atEnd()
        && in.peek() == '-'
        && !(in.pos + 1 < in.text.length() && Character.isDigit(in.text.charAt(in.pos + 1)))) {
      int column = in.column();
      in.advance();
      return deeper(() -> apply('-', new Number("0"), unary(inList), column));
    }
    Value value = value(inList);
    while (true) {
      in.skipBlanks(inList);
      if (in.atEnd() || in.peek() != '[') {
        return value;
      }
      int column = in.column();
      config.notePythonOnly("indexing");
      in.advance();
      Value index = deeper(() -> expression(true));
      in.skipBlanks(true);
      if (in.atEnd() || in.peek() != ']') {
        throw in.error("expected ']' after the index");
      }
      in.advance();
      if (executing) {
        try {
          value = PythonValues.index(value, index);
        } catch (PythonValues.Unsupported e) {
          throw unsupported(in.line, column, e);
        }
      }
    }
  }

  /** Whether {@code word} stands next as a word of its own; if so it is read. */
  boolean keyword(String word, boolean inList) {
    in.skipBlanks(inList);
    if (in.text.startsWith(word, in.pos) && in.isKeywordEnd(word.length())) {
      in.pos += word.length();
      in.skipBlanks(inList);
      return true;
    }
    return false;
  }

  interface Parse {
    Value parse() throws ConfigSyntaxException;
  }

  /** Parses one level deeper, within {@link XenConfigParser#MAX_NESTING}. */
  Value deeper(Parse parse) throws ConfigSyntaxException {
    if (nesting >= XenConfigParser.MAX_NESTING) {
      throw in.error("the expression is nested more than " + XenConfigParser.MAX_NESTING + " deep");
    }
    nesting++;
    try {
      return parse.parse();
    } finally {
      nesting--;
    }
  }

  ConfigSyntaxException unsupported(int atLine, int atColumn, PythonValues.Unsupported e) {
    return new ConfigSyntaxException(
        atLine,
        atColumn,
        e.getMessage()
            + " is not supported: x2k evaluates only the Python that xm's example configs use");
  }

  /** A value; inside brackets newlines and comments are blanks. Null for Python's None. */
  Value value(boolean inList) throws ConfigSyntaxException {
    if (in.atEnd()) {
      throw in.error("expected a value, found the end of the file");
    }
    char c = in.peek();
    if (c == '"' || c == '\'') {
      return new Text(in.string());
    }
    if (c == '[') {
      return list(']');
    }
    if (c == '(') {
      return parenthesised();
    }
    if (Character.isDigit(c)
        || ((c == '-' || c == '+')
            && in.pos + 1 < in.text.length()
            && Character.isDigit(in.text.charAt(in.pos + 1)))) {
      return in.number();
    }
    if (in.isNameStart(c)) {
      int column = in.column();
      int nameLine = in.line;
      String word = in.identifier();
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
          in.skipBlanks(inList);
          if (!in.atEnd() && in.peek() == '(') {
            return call(word, nameLine, column);
          }
          return variable(word, nameLine, column);
        }
      }
    }
    throw in.error("expected a value, found " + in.describe(c));
  }

  /** {@code (VALUE)} or a tuple {@code (A, B)}, {@code ()}, {@code (A,)}. */
  Value parenthesised() throws ConfigSyntaxException {
    int[] start = in.mark();
    in.advance();
    in.skipBlanks(true);
    if (!in.atEnd() && in.peek() != ')') {
      Value first = deeper(() -> expression(true));
      in.skipBlanks(true);
      if (!in.atEnd() && in.peek() == ')') {
        in.advance();
        return first;
      }
    }
    in.reset(start);
    return list(')');
  }

  /** A name set before, as Python reads it; a name never set is what a config may not hold. */
  Value variable(String name, int nameLine, int column) throws ConfigSyntaxException {
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
    return config.valueOf(name);
  }

  /**
   * {@code os.uname()}, {@code re.search(P, S)}, {@code re.match(P, S)}, {@code int()}, {@code
   * str()}.
   */
  Value call(String function, int callLine, int column) throws ConfigSyntaxException {
    config.notePythonOnly("a function call");
    in.advance();
    List<Value> arguments = new ArrayList<>();
    in.skipBlanks(true);
    while (!in.atEnd() && in.peek() != ')') {
      arguments.add(deeper(() -> expression(true)));
      in.skipBlanks(true);
      if (!in.atEnd() && in.peek() == ',') {
        in.advance();
        in.skipBlanks(true);
      } else if (in.atEnd() || in.peek() != ')') {
        throw in.error("expected ',' or ')' in the call of " + function);
      }
    }
    if (in.atEnd()) {
      throw new ConfigSyntaxException(callLine, column, "this call is never closed");
    }
    in.advance();
    String module = function.contains(".") ? function.substring(0, function.indexOf('.')) : "";
    if (!module.isEmpty()
        && XenConfigParser.MODULES.contains(module)
        && !imported.contains(module)) {
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

  static Value intOf(Value value) throws PythonValues.Unsupported {
    if (value instanceof Text written && written.text().strip().matches("[-+]?[0-9]{1,18}")) {
      return new Number(Long.toString(Long.parseLong(written.text().strip())));
    }
    return new Number(Long.toString(PythonValues.integer(value)));
  }

  ListValue list(char close) throws ConfigSyntaxException {
    if (nesting >= XenConfigParser.MAX_NESTING) {
      throw in.error("lists are nested more than " + XenConfigParser.MAX_NESTING + " deep");
    }
    nesting++;
    try {
      return listItems(close);
    } finally {
      nesting--;
    }
  }

  ListValue listItems(char close) throws ConfigSyntaxException {
    int openLine = in.line;
    int openColumn = in.column();
    if (close == ')') {
      config.notePythonOnly("tuple");
    }
    in.advance();
    List<Value> items = new ArrayList<>();
    while (true) {
      in.skipBlanks(true);
      if (in.atEnd()) {
        throw new ConfigSyntaxException(openLine, openColumn, "this list is never closed");
      }
      if (in.peek() == close) {
        in.advance();
        return new ListValue(items);
      }
      Value item = expression(true);
      if (item != null) {
        items.add(item);
        if (items.size() > XenConfigParser.MAX_LIST_ITEMS) {
          throw new ConfigSyntaxException(
              openLine,
              openColumn,
              "this list has more than " + XenConfigParser.MAX_LIST_ITEMS + " items");
        }
      }
      in.skipBlanks(true);
      if (in.atEnd()) {
        throw new ConfigSyntaxException(openLine, openColumn, "this list is never closed");
      }
      if (in.peek() == ',') {
        in.advance();
      } else if (in.peek() != close) {
        throw in.error(
            "expected ',' or '" + close + "' in the list, found " + in.describe(in.peek()));
      }
    }
  }
}
