package org.x2k.convert;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * libvirt's domain grammar (domain.rng and the files it includes), read as RELAX NG and walked at
 * random to write instances of any of its named patterns: every element, attribute, choice and
 * value the grammar allows can come out, nothing it does not (but the data type facets this walker
 * does not know, which a validation afterwards catches). Size is bounded by a budget of elements
 * per instance and a depth; the walk takes its randomness from the caller, so a fixed seed gives
 * the same instances on every machine.
 */
final class LibvirtGrammar {
  private static final String RNG = "http://relaxng.org/ns/structure/1.0";

  /** Each named pattern: the elements of its define(s), several when combined by choice. */
  private final Map<String, List<Element>> defines = new HashMap<>();

  /** The elements and attributes every walk so far has written, as element@attribute paths. */
  final Set<String> seen = ConcurrentHashMap.newKeySet();

  private LibvirtGrammar() {}

  static LibvirtGrammar load(Path domainRng) throws IOException {
    LibvirtGrammar grammar = new LibvirtGrammar();
    try {
      grammar.read(domainRng.toAbsolutePath().normalize(), new TreeSet<>());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("cannot read " + domainRng + ": " + e.getMessage(), e);
    }
    return grammar;
  }

  private void read(Path file, Set<Path> done)
      throws IOException, ParserConfigurationException, SAXException {
    if (!done.add(file)) {
      return;
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    Element grammar = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    for (Element child : children(grammar)) {
      switch (child.getLocalName()) {
        case "include" -> read(file.resolveSibling(child.getAttribute("href")).normalize(), done);
        case "define" -> {
          List<Element> list =
              defines.computeIfAbsent(child.getAttribute("name"), name -> new ArrayList<>());
          if (child.hasAttribute("combine")) {
            list.add(child);
          } else {
            list.add(0, child);
          }
        }
        default -> {}
      }
    }
  }

  /** An element written by a walk: its name, attributes in order, children and text. */
  static final class Tree {
    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<Tree> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    Tree(String name) {
      this.name = name;
    }

    void write(StringBuilder out, String indent) {
      out.append(indent).append('<').append(name);
      attributes.forEach(
          (key, value) ->
              out.append(' ').append(key).append("='").append(escape(value)).append('\''));
      if (children.isEmpty() && text.length() == 0) {
        out.append("/>\n");
        return;
      }
      out.append('>');
      if (children.isEmpty()) {
        out.append(escape(text.toString())).append("</").append(name).append(">\n");
        return;
      }
      out.append('\n');
      for (Tree child : children) {
        child.write(out, indent + "  ");
      }
      out.append(indent).append("</").append(name).append(">\n");
    }

    private static String escape(String value) {
      return value.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;");
    }
  }

  /** Thrown when a walk reaches a pattern that allows nothing (notAllowed, or over budget). */
  private static final class Dead extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Dead() {
      super(null, null, false, false);
    }
  }

  /** One walk: its randomness and what is left of its budget. */
  private final class Walk {
    final Random random;
    int budget;
    final int maxDepth;

    Walk(Random random, int budget, int maxDepth) {
      this.random = random;
      this.budget = budget;
      this.maxDepth = maxDepth;
    }

    boolean room(int depth) {
      return budget > 0 && depth < maxDepth;
    }

    void ref(String name, Tree into, int depth) {
      List<Element> list = defines.get(name);
      if (list == null) {
        throw new IllegalStateException("the grammar has no define " + name);
      }
      Element define = list.size() == 1 ? list.get(0) : list.get(random.nextInt(list.size()));
      group(children(define), into, depth);
    }

    void group(List<Element> patterns, Tree into, int depth) {
      for (Element pattern : patterns) {
        pattern(pattern, into, depth);
      }
    }

    void pattern(Element pattern, Tree into, int depth) {
      switch (pattern.getLocalName()) {
        case "element" -> element(pattern, into, depth);
        case "attribute" -> attribute(pattern, into, depth);
        case "group", "interleave", "mixed", "define" -> group(children(pattern), into, depth);
        case "choice" -> choice(children(pattern), into, depth);
        case "optional" -> {
          if (room(depth) && (random.nextInt(3) > 0 || unseen(pattern, into.name))) {
            attempt(children(pattern), into, depth);
          }
        }
        case "zeroOrMore", "oneOrMore" -> {
          int times = pattern.getLocalName().equals("oneOrMore") ? 1 : 0;
          times += room(depth) ? random.nextInt(3) : 0;
          for (int i = 0; i < times; i++) {
            if (i == 0 && pattern.getLocalName().equals("oneOrMore")) {
              group(children(pattern), into, depth);
            } else {
              attempt(children(pattern), into, depth);
            }
          }
        }
        case "ref", "parentRef" -> ref(pattern.getAttribute("name"), into, depth);
        case "empty" -> {}
        case "notAllowed" -> throw new Dead();
        case "text" -> into.text.append(random.nextBoolean() ? "x2k" : "1");
        case "value" -> into.text.append(pattern.getTextContent().strip());
        case "data" -> into.text.append(data(pattern));
        case "list" -> {
          Tree tokens = new Tree("list");
          group(children(pattern), tokens, depth);
          into.text.append(tokens.text.toString().strip());
        }
        default ->
            throw new IllegalStateException("pattern <" + pattern.getLocalName() + "> not known");
      }
    }

    /**
     * Writes {@code patterns} into {@code into} if they can be written; else leaves it as it was.
     */
    void attempt(List<Element> patterns, Tree into, int depth) {
      int children = into.children.size();
      Map<String, String> attributes = new LinkedHashMap<>(into.attributes);
      int text = into.text.length();
      try {
        group(patterns, into, depth);
      } catch (Dead e) {
        into.children.subList(children, into.children.size()).clear();
        into.attributes.clear();
        into.attributes.putAll(attributes);
        into.text.setLength(text);
      }
    }

    /** One of the alternatives that can be written, tried in random order. */
    void choice(List<Element> alternatives, Tree into, int depth) {
      List<Element> order = new ArrayList<>(alternatives);
      Collections.shuffle(order, random);
      if (random.nextInt(4) > 0) {
        // most of the time, alternatives that lead somewhere no walk has been yet go first
        order.sort((a, b) -> Boolean.compare(unseen(b, into.name), unseen(a, into.name)));
      }
      for (Element alternative : order) {
        int children = into.children.size();
        Map<String, String> attributes = new LinkedHashMap<>(into.attributes);
        int text = into.text.length();
        try {
          pattern(alternative, into, depth);
          return;
        } catch (Dead e) {
          into.children.subList(children, into.children.size()).clear();
          into.attributes.clear();
          into.attributes.putAll(attributes);
          into.text.setLength(text);
        }
      }
      throw new Dead();
    }

    void element(Element pattern, Tree into, int depth) {
      String name = name(pattern);
      if (name == null || budget <= 0 && depth >= maxDepth) {
        throw new Dead();
      }
      budget--;
      Tree element = new Tree(name);
      group(content(pattern), element, depth + 1);
      into.children.add(element);
      seen.add(path(into.name, name));
      element.attributes.keySet().forEach(attribute -> seen.add(path(name, "@" + attribute)));
    }

    void attribute(Element pattern, Tree into, int depth) {
      String name = name(pattern);
      if (name == null) {
        throw new Dead();
      }
      Tree value = new Tree("value");
      List<Element> content = content(pattern);
      if (content.isEmpty()) {
        value.text.append("x2k");
      } else {
        group(content, value, depth);
      }
      into.attributes.put(name, value.text.toString());
    }

    String data(Element data) {
      String type = data.getAttribute("type");
      Map<String, String> facets = new HashMap<>();
      for (Element param : children(data)) {
        if (param.getLocalName().equals("param")) {
          facets.put(param.getAttribute("name"), param.getTextContent().strip());
        }
      }
      BigInteger[] range = integerRange(type, facets);
      if (facets.containsKey("pattern")) {
        for (int attempt = 0; attempt < 16; attempt++) {
          String value = fromPattern(facets.get("pattern"));
          if (range == null || inRange(value, range)) {
            return value;
          }
        }
        throw new Dead();
      }
      if (range != null) {
        BigInteger low = range[0];
        BigInteger span = range[1].subtract(low).min(BigInteger.valueOf(4096));
        return low.add(BigInteger.valueOf(random.nextInt(span.intValueExact() + 1))).toString();
      }
      return switch (type) {
        case "boolean" -> random.nextBoolean() ? "true" : "false";
        case "dateTime" -> "2026-12-01T12:00:0" + random.nextInt(10);
        case "double", "float", "decimal" -> random.nextInt(100) + ".5";
        default -> "x2k" + random.nextInt(10);
      };
    }

    /** [min, max] of an integer data type with its facets, or null for other types. */
    BigInteger[] integerRange(String type, Map<String, String> facets) {
      BigInteger two = BigInteger.TWO;
      BigInteger[] range =
          switch (type) {
            case "unsignedInt" ->
                new BigInteger[] {BigInteger.ZERO, two.pow(32).subtract(BigInteger.ONE)};
            case "unsignedLong" ->
                new BigInteger[] {BigInteger.ZERO, two.pow(64).subtract(BigInteger.ONE)};
            case "unsignedShort" -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(65535)};
            case "unsignedByte" -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(255)};
            case "nonNegativeInteger" -> new BigInteger[] {BigInteger.ZERO, two.pow(63)};
            case "positiveInteger" -> new BigInteger[] {BigInteger.ONE, two.pow(63)};
            case "int" ->
                new BigInteger[] {two.pow(31).negate(), two.pow(31).subtract(BigInteger.ONE)};
            case "long", "integer" ->
                new BigInteger[] {two.pow(63).negate(), two.pow(63).subtract(BigInteger.ONE)};
            case "short" ->
                new BigInteger[] {BigInteger.valueOf(-32768), BigInteger.valueOf(32767)};
            case "byte" -> new BigInteger[] {BigInteger.valueOf(-128), BigInteger.valueOf(127)};
            default -> null;
          };
      if (range == null) {
        return null;
      }
      if (facets.containsKey("minInclusive")) {
        range[0] = range[0].max(new BigInteger(facets.get("minInclusive")));
      }
      if (facets.containsKey("maxInclusive")) {
        range[1] = range[1].min(new BigInteger(facets.get("maxInclusive")));
      }
      if (range[0].signum() < 0 && range[1].signum() >= 0) {
        range[0] = BigInteger.ZERO; // small non-negative numbers are the common case
      }
      return range;
    }

    boolean inRange(String value, BigInteger[] range) {
      try {
        BigInteger number = new BigInteger(value.strip());
        return number.compareTo(range[0]) >= 0 && number.compareTo(range[1]) <= 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    /** A random string of the XSD regular expression {@code regex}, through an automaton. */
    String fromPattern(String regex) {
      Automaton automaton = AUTOMATA.computeIfAbsent(regex, LibvirtGrammar::automaton);
      if (automaton == null) {
        throw new Dead();
      }
      StringBuilder out = new StringBuilder();
      State state = automaton.getInitialState();
      for (int steps = 0; steps < 64; steps++) {
        List<Transition> transitions = new ArrayList<>(state.getTransitions());
        if (state.isAccept() && (transitions.isEmpty() || random.nextInt(3) == 0 || steps > 8)) {
          if (!out.isEmpty() && out.toString().isBlank()) {
            // x2k, like libvirt's formatter, drops whitespace-only text: not a value to test
            throw new Dead();
          }
          return out.toString();
        }
        if (transitions.isEmpty()) {
          throw new Dead();
        }
        transitions.sort((a, b) -> Character.compare(a.getMin(), b.getMin()));
        Transition transition = transitions.get(random.nextInt(transitions.size()));
        char low = transition.getMin();
        char high = (char) Math.min(transition.getMax(), Math.max(low, 0x7e));
        char c = (char) (low + random.nextInt(Math.max(1, high - low + 1)));
        out.append(c);
        state = transition.getDest();
      }
      throw new Dead();
    }
  }

  private static final Map<String, Automaton> AUTOMATA = new ConcurrentHashMap<>();

  /** XSD regular expressions as dk.brics.automaton reads them: classes spelled out. */
  private static Automaton automaton(String regex) {
    String brics =
        regex
            .replace("\\d", "[0-9]")
            .replace("\\s", "[ ]")
            .replace("\\w", "[a-zA-Z0-9_]")
            .replace("\\-", "\\-");
    try {
      Automaton automaton = new RegExp(brics, RegExp.NONE).toAutomaton();
      // printable ASCII only: what a domain would hold, and what XML 1.0 allows
      return automaton.intersection(new RegExp("[ -~]*", RegExp.NONE).toAutomaton());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * An instance of the element that define {@code name} describes, or null when a walk could not
   * finish one within its budget.
   */
  Tree instance(String name, Random random, int budget, int maxDepth) {
    Tree holder = new Tree("#holder");
    Walk walk = new Walk(random, budget, maxDepth);
    try {
      walk.ref(name, holder, 0);
    } catch (Dead e) {
      return null;
    }
    return holder.children.size() == 1 ? holder.children.get(0) : null;
  }

  private final Map<String, Set<String>> reachCache = new ConcurrentHashMap<>();

  /** Whether {@code pattern}, under element {@code parent}, can write a path no walk has yet. */
  private boolean unseen(Element pattern, String parent) {
    Set<String> paths =
        reachCache.computeIfAbsent(
            parent + " " + System.identityHashCode(pattern),
            key -> {
              Set<String> found = new TreeSet<>();
              reach(List.of(pattern), parent, found, new HashSet<>());
              return found;
            });
    for (String path : paths) {
      if (!seen.contains(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every parent/child element and element/@attribute path that instances of the defines {@code
   * names} can hold, in the form {@link #seen} records them.
   */
  Set<String> reachable(List<String> names) {
    Set<String> paths = new TreeSet<>();
    Set<String> visited = new HashSet<>();
    for (String name : names) {
      for (Element define : defines.get(name)) {
        reach(children(define), "#holder", paths, visited);
      }
    }
    return paths;
  }

  private void reach(
      List<Element> patterns, String parent, Set<String> paths, Set<String> visited) {
    for (Element pattern : patterns) {
      switch (pattern.getLocalName()) {
        case "element" -> {
          String name = name(pattern);
          if (name != null) {
            paths.add(path(parent, name));
            if (visited.add(
                "element " + parent + " " + name + " " + System.identityHashCode(pattern))) {
              reach(content(pattern), name, paths, visited);
            }
          }
        }
        case "attribute" -> {
          String name = name(pattern);
          if (name != null) {
            paths.add(path(parent, "@" + name));
          }
        }
        case "ref", "parentRef" -> {
          String name = pattern.getAttribute("name");
          if (visited.add("ref " + parent + " " + name)) {
            for (Element define : defines.get(name)) {
              reach(children(define), parent, paths, visited);
            }
          }
        }
        case "notAllowed", "data", "value", "text", "empty", "param", "except" -> {}
        default -> reach(children(pattern), parent, paths, visited);
      }
    }
  }

  /** The element's or attribute's name, or null for a name class (anyName, nsName). */
  private static String name(Element pattern) {
    if (pattern.hasAttribute("name")) {
      return pattern.getAttribute("name");
    }
    for (Element child : children(pattern)) {
      if (child.getLocalName().equals("name")) {
        return child.getTextContent().strip();
      }
      if (child.getLocalName().equals("choice")) {
        for (Element alternative : children(child)) {
          if (alternative.getLocalName().equals("name")) {
            return alternative.getTextContent().strip();
          }
        }
      }
    }
    return null;
  }

  /** The content patterns of an element or attribute: its children but its name class. */
  private static List<Element> content(Element pattern) {
    List<Element> content = new ArrayList<>();
    boolean named = pattern.hasAttribute("name");
    for (Element child : children(pattern)) {
      if (!named && content.isEmpty() && isNameClass(child)) {
        named = true;
        continue;
      }
      content.add(child);
    }
    return content;
  }

  private static boolean isNameClass(Element child) {
    return switch (child.getLocalName()) {
      case "name", "anyName", "nsName" -> true;
      case "choice" -> children(child).stream().allMatch(LibvirtGrammar::isNameClass);
      default -> false;
    };
  }

  private static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && RNG.equals(element.getNamespaceURI())) {
        children.add(element);
      }
    }
    return children;
  }

  private static String path(String parent, String child) {
    return parent + "/" + child;
  }
}
