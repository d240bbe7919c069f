package org.x2k.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A batch with --guest runs as many appliances as its jobs, as far as memory holds them. */
class ApplianceSlotsTest {
  private static final long GIB = 1024L * 1024;

  @Test
  void memoryBoundsTheAppliancesAndOneAlwaysRuns() {
    assertEquals(2, ApplianceSlots.count(2, 100 * GIB), "the jobs, where memory holds them");
    assertEquals(2, ApplianceSlots.count(20, 3 * GIB), "twenty jobs on 3 GiB: two appliances");
    assertEquals(1, ApplianceSlots.count(4, GIB / 2), "one, however little memory is free");
    assertEquals(1, ApplianceSlots.count(1, 100 * GIB));
  }

  @Test
  void thisHostGivesAtLeastOneAndNoMoreThanTheJobs() {
    int count = ApplianceSlots.forThisHost(3).count();
    assertTrue(count >= 1 && count <= 3, "slots: " + count);
  }
}
