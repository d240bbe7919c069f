package org.x2k.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void drawsDoneOfTotalRateAndTimeLeftThenClearsItself() {
    StringWriter err = new StringWriter();
    Progress progress = new Progress(new PrintWriter(err), 4, true);
    progress.step();
    String first = err.toString();
    assertTrue(first.startsWith("\r["), first);
    assertTrue(first.contains("] 1/4 "), first);
    assertTrue(first.contains("/s ETA "), first);
    for (int i = 0; i < 3; i++) {
      progress.step();
    }
    assertTrue(err.toString().contains("] 4/4 "), "the last step is always drawn: " + err);
    progress.finish();
    assertTrue(err.toString().endsWith("\r\033[K"), "the bar is erased at the end: " + err);
  }

  @Test
  void linePrintedMeanwhileReplacesTheBar() {
    StringWriter err = new StringWriter();
    Progress progress = new Progress(new PrintWriter(err), 3, true);
    progress.step();
    int before = err.toString().length();
    progress.clear();
    assertEquals("\r\033[K", err.toString().substring(before));
  }

  @Test
  void nothingAppearsWhenDisabledOrForOneInput() {
    StringWriter err = new StringWriter();
    Progress off = new Progress(new PrintWriter(err), 10, false);
    Progress single = new Progress(new PrintWriter(err), 1, true);
    for (int i = 0; i < 10; i++) {
      off.step();
    }
    single.step();
    off.finish();
    single.finish();
    assertEquals("", err.toString());
  }

  @Test
  void testsDoNotRunOnATerminalSoCliRunsDrawNoBar() {
    // surefire redirects the forked JVM's stderr: the detection must say so
    assertFalse(Progress.stderrIsTerminal());
  }
}
