package org.x2k.nativecfg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.x2k.nativecfg.XenConfig.ListValue;
import org.x2k.nativecfg.XenConfig.Number;
import org.x2k.nativecfg.XenConfig.Text;
import org.x2k.nativecfg.XenConfig.Value;

/**
 * The operations of the Python subset that xm's example configs use (xmexample.hvm and its
 * descendants): string and list {@code +}, {@code %} formatting, integer arithmetic, indexing,
 * comparisons, truth, {@code os.uname()} and {@code re.search}/{@code re.match} for plain text.
 * Every result is bounded, so that a hostile file cannot make x2k work without end; anything else
 * is refused with what is not supported. Python's None is null.
 */
final class PythonValues {
  private PythonValues() {}

  /** The longest string an expression may make (a real config's longest is a few hundred). */
  static final int MAX_TEXT = 64 * 1024;

  /**
   * What {@code os.uname()} gives: the Xen host's is unknown, and xm files only pick the machine
   * (item 4) to choose Xen's library directory for the device model, which the conversion replaces.
   */
  static final ListValue UNAME =
      new ListValue(
          List.of(
              new Text("Linux"),
              new Text("xen-host"),
              new Text(""),
              new Text(""),
              new Text("x86_64")));

  /** Why an operation is refused; the parser adds the line and column. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  static Value add(Value left, Value right) throws Unsupported {
    if (left instanceof Text a && right instanceof Text b) {
      return text(a.text() + b.text());
    }
    if (left instanceof ListValue a && right instanceof ListValue b) {
      List<Value> items = new ArrayList<>(a.items());
      items.addAll(b.items());
      if (items.size() > XenConfigParser.MAX_LIST_ITEMS) {
        throw new Unsupported("a list of more than " + XenConfigParser.MAX_LIST_ITEMS + " items");
      }
      return new ListValue(items);
    }
    if (left instanceof Number && right instanceof Number) {
      return arithmetic('+', left, right);
    }
    throw new Unsupported(kind(left) + " + " + kind(right));
  }

  /** Integer {@code + - * // %}, as Python computes them, within a long. */
  static Value arithmetic(char operator, Value left, Value right) throws Unsupported {
    long a = integer(left);
    long b = integer(right);
    try {
      long result =
          switch (operator) {
            case '+' -> Math.addExact(a, b);
            case '-' -> Math.subtractExact(a, b);
            case '*' -> Math.multiplyExact(a, b);
            case '/' -> {
              if (b == 0) {
                throw new Unsupported("division by zero");
              }
              yield Math.floorDiv(a, b);
            }
            case '%' -> {
              if (b == 0) {
                throw new Unsupported("modulo by zero");
              }
              yield Math.floorMod(a, b);
            }
            default -> throw new Unsupported("the operator " + operator);
          };
      return new Number(Long.toString(result));
    } catch (ArithmeticException e) {
      throw new Unsupported("a number beyond 64 bits");
    }
  }

  /** {@code FORMAT % ARGUMENTS}: %s %d %i %x %X %o %%, with one argument or a tuple of them. */
  static Value format(Value format, Value arguments) throws Unsupported {
    if (!(format instanceof Text pattern)) {
      return arithmetic('%', format, arguments);
    }
    List<Value> values =
        arguments instanceof ListValue tuple ? tuple.items() : Collections.singletonList(arguments);
    StringBuilder out = new StringBuilder();
    String spec = pattern.text();
    int next = 0;
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (++i >= spec.length()) {
        throw new Unsupported("a format that ends in %");
      }
      if (spec.charAt(i) == '%') {
        out.append('%');
        continue;
      }
      // flags and width, as in "vm%02d": - (left), 0 (zeros), then digits
      boolean left = false;
      boolean zeros = false;
      while (i < spec.length() && (spec.charAt(i) == '-' || spec.charAt(i) == '0')) {
        left |= spec.charAt(i) == '-';
        zeros |= spec.charAt(i) == '0';
        i++;
      }
      int width = 0;
      while (i < spec.length() && Character.isDigit(spec.charAt(i)) && width < 1000) {
        width = width * 10 + (spec.charAt(i) - '0');
        i++;
      }
      if (i >= spec.length()) {
        throw new Unsupported("a format that ends in a conversion without its letter");
      }
      char conversion = spec.charAt(i);
      if (next >= values.size()) {
        throw new Unsupported("a format with more conversions than values");
      }
      Value value = values.get(next++);
      String converted =
          switch (conversion) {
            case 's' -> str(value);
            case 'd', 'i' -> Long.toString(integer(value));
            case 'x' -> Long.toHexString(integer(value));
            case 'X' -> Long.toHexString(integer(value)).toUpperCase(Locale.ROOT);
            case 'o' -> Long.toOctalString(integer(value));
            default -> throw new Unsupported("the format conversion %" + conversion);
          };
      String pad = " ".repeat(Math.max(0, width - converted.length()));
      if (left) {
        out.append(converted).append(pad);
      } else if (zeros && conversion != 's') {
        out.append(converted.startsWith("-") ? "-" : "")
            .append(pad.replace(' ', '0'))
            .append(converted.startsWith("-") ? converted.substring(1) : converted);
      } else {
        out.append(pad).append(converted);
      }
      if (out.length() > MAX_TEXT) {
        throw new Unsupported("a string of more than " + MAX_TEXT + " characters");
      }
    }
    if (next < values.size()) {
      throw new Unsupported("a format with fewer conversions than values");
    }
    return text(out.toString());
  }

  /** {@code value[index]} of a string or a list, negative indices from the end. */
  static Value index(Value value, Value index) throws Unsupported {
    long i = integer(index);
    if (value instanceof ListValue list) {
      return list.items().get(position(i, list.items().size()));
    }
    if (value instanceof Text text) {
      int at = position(i, text.text().length());
      return new Text(text.text().substring(at, at + 1));
    }
    throw new Unsupported("indexing " + kind(value));
  }

  private static int position(long index, int size) throws Unsupported {
    long at = index < 0 ? size + index : index;
    if (at < 0 || at >= size) {
      throw new Unsupported("index " + index + " out of range");
    }
    return (int) at;
  }

  /** Python's truth: None, 0, "" and [] are false. */
  static boolean truth(Value value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Text text) {
      return !text.text().isEmpty();
    }
    if (value instanceof ListValue list) {
      return !list.items().isEmpty();
    }
    String digits = ((Number) value).digits();
    return !digits.matches("[-+]?0*(\\.0*)?");
  }

  static Value bool(boolean value) {
    return new Number(value ? "1" : "0");
  }

  /** {@code ==} and {@code !=}: equal values of one kind; numbers by value. */
  static boolean equal(Value left, Value right) {
    if (left == null || right == null) {
      return left == right;
    }
    if (left instanceof Number a && right instanceof Number b) {
      try {
        return integer(a) == integer(b);
      } catch (Unsupported e) {
        return a.digits().equals(b.digits());
      }
    }
    return left.equals(right);
  }

  /** {@code < <= > >=} of two numbers or two strings: the comparison's sign. */
  static int compare(Value left, Value right) throws Unsupported {
    if (left instanceof Number && right instanceof Number) {
      return Long.compare(integer(left), integer(right));
    }
    if (left instanceof Text a && right instanceof Text b) {
      return a.text().compareTo(b.text());
    }
    throw new Unsupported("comparing " + kind(left) + " with " + kind(right));
  }

  /** {@code needle in haystack}: a substring of a string, or an item of a list. */
  static boolean contains(Value haystack, Value needle) throws Unsupported {
    if (haystack instanceof Text text && needle instanceof Text part) {
      return text.text().contains(part.text());
    }
    if (haystack instanceof ListValue list) {
      for (Value item : list.items()) {
        if (equal(item, needle)) {
          return true;
        }
      }
      return false;
    }
    throw new Unsupported("'in' on " + kind(haystack));
  }

  /**
   * The patterns x2k searches with: plain characters, optionally anchored by ^ and $, as the stock
   * files write them ({@code re.search('64', arch)}). A general regular expression from a file is a
   * way to make the engine backtrack without end, and no xm file x2k knows needs one.
   */
  private static final Pattern PLAIN = Pattern.compile("\\^?[A-Za-z0-9_ ,/:-]*\\$?");

  /**
   * {@code re.search(pattern, string)} (anywhere) or {@code re.match} (at the start): the matched
   * text, or None.
   */
  static Value search(Value pattern, Value subject, boolean anchored) throws Unsupported {
    if (!(pattern instanceof Text regex) || !(subject instanceof Text text)) {
      throw new Unsupported("re." + (anchored ? "match" : "search") + " on anything but strings");
    }
    String plain = regex.text();
    if (!PLAIN.matcher(plain).matches()) {
      throw new Unsupported(
          "the regular expression '"
              + plain
              + "' (x2k searches for plain characters, with ^ and $ at the ends)");
    }
    boolean start = anchored || plain.startsWith("^");
    boolean end = plain.endsWith("$") && !plain.equals("^");
    String literal = plain.substring(plain.startsWith("^") ? 1 : 0, plain.length() - (end ? 1 : 0));
    String value = text.text();
    boolean found =
        start && end
            ? value.equals(literal)
            : start
                ? value.startsWith(literal)
                : end ? value.endsWith(literal) : value.contains(literal);
    return found ? new Text(literal) : null;
  }

  static long integer(Value value) throws Unsupported {
    if (value instanceof Number number) {
      try {
        return Long.decode(number.digits().replace("_", ""));
      } catch (NumberFormatException e) {
        throw new Unsupported("arithmetic on the number " + number.digits());
      }
    }
    throw new Unsupported("arithmetic on " + kind(value));
  }

  /** Python's str() of a value. */
  static String str(Value value) throws Unsupported {
    if (value == null) {
      return "None";
    }
    if (value instanceof Text text) {
      return text.text();
    }
    if (value instanceof Number number) {
      return number.digits();
    }
    throw new Unsupported("%s of a list");
  }

  private static Text text(String value) throws Unsupported {
    if (value.length() > MAX_TEXT) {
      throw new Unsupported("a string of more than " + MAX_TEXT + " characters");
    }
    return new Text(value);
  }

  static String kind(Value value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Text) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return "a list";
  }
}
