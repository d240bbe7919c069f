package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldenUpdateTest {
  @Test
  void offUnlessAsked() {
    assertFalse(GoldenUpdate.requested(null, Map.of()));
    assertFalse(GoldenUpdate.requested("false", Map.of()));
  }

  @Test
  void onWhenAskedOutsideCi() {
    assertTrue(GoldenUpdate.requested("true", Map.of()));
    assertTrue(GoldenUpdate.requested("true", Map.of("CI", "false")));
  }

  @Test
  void refusedUnderCi() {
    assertThrows(
        IllegalStateException.class, () -> GoldenUpdate.requested("true", Map.of("CI", "true")));
    assertThrows(
        IllegalStateException.class, () -> GoldenUpdate.requested("true", Map.of("CI", "1")));
  }
}
