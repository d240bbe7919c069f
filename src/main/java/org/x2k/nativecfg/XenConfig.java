package org.x2k.nativecfg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A native Xen guest config as written: its settings in file order, each with where it stands.
 * Only the syntax is read here; what a setting means is xslt/native2xen.xsl's business.
 */
public final class XenConfig {
  /** The two dialects: xl (libxl, Xen 4.2 and later) and xm (xend's Python files). */
  public enum Format {
    XL,
    XM;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
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
   * {@code name = value} at line and column; {@code appended} for {@code name += value}, whose
   * value already holds what it was appended to.
   */
  public record Setting(String name, Value value, int line, int column, boolean appended) {}

  private final List<Setting> settings = new ArrayList<>();
  private final List<String> pythonOnly = new ArrayList<>();

  void add(Setting setting) {
    settings.add(setting);
  }

  void notePythonOnly(String construct) {
    pythonOnly.add(construct);
  }

  /** Every setting in file order, repeated names included. */
  public List<Setting> settings() {
    return List.copyOf(settings);
  }

  /** The settings that count: for a name given twice, the last one (as xl and Python do). */
  public Map<String, Setting> effective() {
    Map<String, Setting> effective = new LinkedHashMap<>();
    for (Setting setting : settings) {
      effective.remove(setting.name());
      effective.put(setting.name(), setting);
    }
    return effective;
  }

  /** Constructs only Python (xm) accepts, such as triple-quoted strings or True/False. */
  public List<String> pythonOnly() {
    return List.copyOf(pythonOnly);
  }
}
