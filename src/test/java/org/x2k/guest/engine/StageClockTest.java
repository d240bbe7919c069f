package org.x2k.guest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The guest step's stage times, on a clock the test moves. */
class StageClockTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void eachStageLastsUntilTheNextAndNamesItsLongestCalls() {
    AtomicLong now = new AtomicLong();
    StageClock clock = new StageClock(now::get);
    clock.stage("launch");
    now.addAndGet(9 * SECOND);
    clock.stage("plan");
    for (String path : List.of("/etc/fstab", "/etc/default/grub", "/etc/fstab")) {
      long started = clock.now();
      clock.read(path);
      now.addAndGet(SECOND / 10);
      clock.call("download", started);
    }
    long started = clock.now();
    now.addAndGet(SECOND);
    clock.call("is_file", started);
    clock.stage("apply");
    started = clock.now();
    now.addAndGet(30 * SECOND);
    clock.call("update-initramfs", started);
    started = clock.now();
    now.addAndGet(2 * SECOND);
    clock.call("grub-install", started);
    clock.stop();
    now.addAndGet(100 * SECOND);
    assertEquals(
        List.of(
            "launch 9.00 s",
            "plan 1.30 s (4 appliance calls: is_file ×1 1.00 s, download ×3 0.30 s); 1 files read"
                + " again",
            "apply 32.00 s (2 appliance calls: update-initramfs ×1 30.00 s, grub-install ×1 2.00"
                + " s)",
            "total 42.30 s"),
        clock.lines());
  }
}
