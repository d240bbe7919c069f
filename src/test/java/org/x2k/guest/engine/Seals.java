package org.x2k.guest.engine;

/** The seal the tests' guests are changed under: a fixed key, so that golden manifests stay. */
final class Seals {
  private Seals() {}

  static final ManifestSeal TEST =
      new ManifestSeal(new byte[32], "4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
}
