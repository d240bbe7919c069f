package org.x2k.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.x2k.migrate.GuestSettings;
import picocli.CommandLine.Option;

/** Options of the in-guest changes (x2k convert --guest, x2k guest). */
public final class GuestOptions {
  @Option(
      names = "--storage",
      paramLabel = "OLD=NEW",
      description =
          "The disk images are under NEW on this host where the domain says OLD (path prefixes;"
              + " repeatable). Only where x2k looks for them: the domain keeps its paths.")
  Map<String, String> storage = new LinkedHashMap<>();

  @Option(
      names = "--boot-dir",
      paramLabel = "DIR",
      description =
          "Where a guest that cannot boot from its disk gets its own kernel and initramfs copied"
              + " to, in a subdirectory named after the domain and its uuid (default:"
              + " ${DEFAULT-VALUE}). Another domain's subdirectory is replaced only with --force.")
  Path bootDirectory = Path.of("/var/lib/libvirt/boot");

  @Option(
      names = "--timings",
      description =
          "Tell, after each guest, how long each stage of its change took (launch, inspection,"
              + " mount, plan, apply, copy-out, shutdown) with the appliance calls in it and the"
              + " programs run in the guest, as notes on standard error.")
  boolean timings;

  /** What these options ask for, as the migration layer takes it. */
  GuestSettings settings() {
    return new GuestSettings(storage, bootDirectory, timings);
  }

  /** Where this host has {@code source}, after --storage. */
  Path locate(String source) {
    return settings().locate(source);
  }
}
