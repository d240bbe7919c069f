package org.x2k.nativecfg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A native Xen guest config as written: its settings in file order, each with where it stands. Only
 * the syntax is read here; what a setting means is xslt/native2xen.xsl's business.
 */
public final class XenConfig {
  /** The two dialects: xl (libxl, Xen 4.2 and later) and xm (xend's Python files). */
  public enum Format {
    XL,
    XM;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A value: a string, a number (kept as written), or a list of values. */
  public sealed interface Value permits Text, Number, ListValue {}

  public record Text(String text) implements Value {}

  public record Number(String digits) implements Value {}

  public record ListValue(List<Value> items) implements Value {
    public ListValue {
      items = List.copyOf(items);
    }
  }

  /**
   * {@code name = value} at line and column; {@code appended} for {@code name += value}. In {@link
   * #settings()} a value is as written; in {@link #effective()} an appended setting's value also
   * holds what it was appended to.
   */
  public record Setting(String name, Value value, int line, int column, boolean appended) {}

  private final List<Setting> settings = new ArrayList<>();
  private final List<String> pythonOnly = new ArrayList<>();

  /**
   * The effective settings, kept as the file is read: a {@code +=} adds to an accumulator instead
   * of copying everything before it, so that a file of many appends is read in linear time.
   */
  private final Map<String, Accumulated> effective = new LinkedHashMap<>();

  /** What a name stands for so far: its last setting and, for appends, the values gathered. */
  private static final class Accumulated {
    Setting last;
    List<Value> items;
    StringBuilder text;
    Value value;

    Accumulated(Setting setting) {
      restart(setting);
    }

    void restart(Setting setting) {
      last = setting;
      items = null;
      text = null;
      value = setting.value();
      if (value instanceof ListValue list) {
        items = new ArrayList<>(list.items());
      } else if (value instanceof Text written) {
        text = new StringBuilder(written.text());
      }
    }

    /** xl's {@code +=}: a list grows by an item or a list; a string by a string; else it is set. */
    void append(Setting setting) {
      last = setting;
      Value more = setting.value();
      if (items != null) {
        if (more instanceof ListValue list) {
          items.addAll(list.items());
        } else {
          items.add(more);
        }
      } else if (text != null && more instanceof Text written) {
        text.append(written.text());
      } else {
        restart(setting);
      }
    }

    Setting setting() {
      Value whole =
          items != null ? new ListValue(items) : text != null ? new Text(text.toString()) : value;
      return new Setting(last.name(), whole, last.line(), last.column(), last.appended());
    }
  }

  /** Adds {@code setting}; returns how many items its name's list has now (0: no list). */
  int add(Setting setting) {
    settings.add(setting);
    Accumulated before = effective.remove(setting.name());
    Accumulated now;
    if (before != null && setting.appended()) {
      before.append(setting);
      now = before;
    } else {
      now = new Accumulated(setting);
    }
    effective.put(setting.name(), now);
    return now.items != null ? now.items.size() : 0;
  }

  /** Names an expression read: helpers of the config's Python (arch_libdir), not Xen's keys. */
  private final Set<String> referenced = new TreeSet<>();

  void noteReferenced(String name) {
    referenced.add(name);
  }

  /** The names that later expressions read: variables of xm's Python rather than settings. */
  public Set<String> referenced() {
    return Set.copyOf(referenced);
  }

  void notePythonOnly(String construct) {
    pythonOnly.add(construct);
  }

  /** Every setting in file order, repeated names included, each value as written. */
  public List<Setting> settings() {
    return List.copyOf(settings);
  }

  /**
   * The settings that count: for a name given twice, the last one (as xl and Python do), built on
   * by any {@code +=} after it; in the order they were last set.
   */
  public Map<String, Setting> effective() {
    Map<String, Setting> result = new LinkedHashMap<>();
    effective.forEach((name, accumulated) -> result.put(name, accumulated.setting()));
    return result;
  }

  /**
   * The effective value of {@code name}, which is set: for an expression that reads it, without
   * building every other setting as {@link #effective()} does.
   */
  Value valueOf(String name) {
    return effective.get(name).setting().value();
  }

  /** Whether {@code name} is set. */
  public boolean has(String name) {
    return effective.containsKey(name);
  }

  /** Constructs only Python (xm) accepts, such as triple-quoted strings or True/False. */
  public List<String> pythonOnly() {
    return List.copyOf(pythonOnly);
  }
}
