package org.x2k.guest.rules;

import java.util.ArrayList;
import java.util.List;

/** A configuration file's lines, each with its own newline, so that edits keep the rest intact. */
final class ConfigLines {
  private ConfigLines() {}

  /** {@code text}'s lines, each ending in its newline (the last may have none). */
  static List<String> of(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  static String stripNewline(String line) {
    return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
  }

  static String newline(String line) {
    return line.endsWith("\n") ? "\n" : "";
  }

  static boolean isComment(String line) {
    return line.stripLeading().startsWith("#");
  }

  /** {@code text} with a newline at its end if it has text without one, ready for more lines. */
  static StringBuilder openEnded(String text) {
    StringBuilder out = new StringBuilder(text);
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
    return out;
  }
}
