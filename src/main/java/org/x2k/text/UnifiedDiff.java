package org.x2k.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** {@code --diff}: what the conversion changed, as a unified diff with three lines of context. */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  /** The diff from {@code before} to {@code after}; empty when they are equal. */
  public static String of(String name, String before, String after) {
    List<String> original = before.lines().toList();
    List<String> revised = after.lines().toList();
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            name, name + " (converted)", original, DiffUtils.diff(original, revised), 3);
    return diff.isEmpty() ? "" : String.join("\n", diff) + "\n";
  }
}
