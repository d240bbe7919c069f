package org.x2k.guest.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Where a guest step's time goes: its stages (launch, inspection, plan, apply, ...) one after the
 * other, and within each the appliance calls it made, by kind (a program run in the guest by the
 * program's name), with the files read more than once. For --timings and bench/guest.
 */
public final class StageClock {
  private final LongSupplier nanos;
  private final List<Stage> stages = new ArrayList<>();
  private final Set<String> read = new HashSet<>();
  private long stopped = -1;

  private static final class Stage {
    final String name;
    final long started;
    final Map<String, long[]> calls = new LinkedHashMap<>();
    int readAgain;

    Stage(String name, long started) {
      this.name = name;
      this.started = started;
    }
  }

  public StageClock() {
    this(System::nanoTime);
  }

  StageClock(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** Ends the stage under way, if any, and starts {@code name}. */
  public void stage(String name) {
    stages.add(new Stage(name, nanos.getAsLong()));
  }

  /** Ends the last stage. */
  public void stop() {
    if (stopped < 0) {
      stopped = nanos.getAsLong();
    }
  }

  /** The current time, for {@link #call}. */
  long now() {
    return nanos.getAsLong();
  }

  /** An appliance call of kind {@code what} that began at {@code started} has returned. */
  void call(String what, long started) {
    if (stages.isEmpty()) {
      return;
    }
    long[] tally = stages.get(stages.size() - 1).calls.computeIfAbsent(what, k -> new long[2]);
    tally[0]++;
    tally[1] += nanos.getAsLong() - started;
  }

  /** The guest file {@code path} was read. */
  void read(String path) {
    if (!read.add(path) && !stages.isEmpty()) {
      stages.get(stages.size() - 1).readAgain++;
    }
  }

  /**
   * One line per stage: its name and seconds, the number of appliance calls and the three kinds
   * that took longest, and how many files it read that an earlier read had already brought.
   */
  public List<String> lines() {
    long end = stopped < 0 ? nanos.getAsLong() : stopped;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      long until = i + 1 < stages.size() ? stages.get(i + 1).started : end;
      StringBuilder line = new StringBuilder(stage.name + " " + seconds(until - stage.started));
      long count = stage.calls.values().stream().mapToLong(t -> t[0]).sum();
      if (count > 0) {
        line.append(" (").append(count).append(count == 1 ? " appliance call" : " appliance calls");
        List<Map.Entry<String, long[]>> longest =
            stage.calls.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[1]))
                .limit(3)
                .toList();
        String sep = ": ";
        for (Map.Entry<String, long[]> kind : longest) {
          line.append(sep)
              .append(kind.getKey())
              .append(" ×")
              .append(kind.getValue()[0])
              .append(' ')
              .append(seconds(kind.getValue()[1]));
          sep = ", ";
        }
        line.append(')');
      }
      if (stage.readAgain > 0) {
        line.append("; ").append(stage.readAgain).append(" files read again");
      }
      lines.add(line.toString());
    }
    lines.add("total " + seconds(stages.isEmpty() ? 0 : end - stages.get(0).started));
    return lines;
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}
