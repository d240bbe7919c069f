package org.x2k.migrate;

import java.util.ArrayList;
import java.util.List;
import org.x2k.report.Outcome;

/**
 * What became of a batch's inputs: counts, and the outcomes themselves only when a JSON report will
 * be written, without the converted XML, so that a batch's memory does not grow with the number of
 * files it converts.
 */
final class Tally {
  private final List<Outcome> kept;
  private long total;
  private long failed;
  private long skipped;

  Tally(boolean keepForReport) {
    kept = keepForReport ? new ArrayList<>() : null;
  }

  void add(Outcome outcome) {
    total++;
    switch (outcome.status()) {
      case FAILED -> failed++;
      case SKIPPED -> skipped++;
      case CONVERTED, UNCHANGED -> {}
    }
    if (kept != null) {
      kept.add(
          outcome.conversion() == null
              ? outcome
              : Outcome.of(outcome.input(), outcome.conversion().withoutXml()));
    }
  }

  long total() {
    return total;
  }

  long failed() {
    return failed;
  }

  long skipped() {
    return skipped;
  }

  /** The outcomes in the order they were added; only for a tally made to keep them. */
  List<Outcome> kept() {
    if (kept == null) {
      throw new IllegalStateException("outcomes were not kept");
    }
    return kept;
  }
}
