package org.x2k.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.x2k.guest.DiskKey;
import org.x2k.migrate.GuestSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options of the in-guest changes (x2k convert --guest, x2k guest). */
public final class GuestOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

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

  @Option(
      names = "--key",
      paramLabel = "ID:key:PASSPHRASE|ID:file:FILE",
      description =
          "Open the guest's encrypted (LUKS) device ID with PASSPHRASE, or with the whole content"
              + " of FILE (safer: a command line is visible to other users), as virt-v2v's --key."
              + " ID: the device's name under Xen (xvda2), the appliance's (/dev/sda2), the LUKS"
              + " UUID, or all. Repeatable. The key is used in memory only.")
  List<String> keys = new ArrayList<>();

  /** What these options ask for, as the migration layer takes it. */
  GuestSettings settings() {
    return new GuestSettings(storage, bootDirectory, timings, diskKeys());
  }

  /** The --key options read: a key file's content, a passphrase as given. */
  private List<DiskKey> diskKeys() {
    List<DiskKey> read = new ArrayList<>();
    for (String selector : keys) {
      String[] parts = selector.split(":", 3);
      if (parts.length < 2 || parts[0].isEmpty()) {
        throw usage("--key takes ID:key:PASSPHRASE or ID:file:FILE, not " + describe(selector));
      }
      switch (parts[1]) {
        case "key" -> {
          if (parts.length < 3 || parts[2].isEmpty()) {
            throw usage("--key " + parts[0] + ":key: needs the passphrase after it");
          }
          read.add(new DiskKey(parts[0], parts[2].getBytes(StandardCharsets.UTF_8)));
        }
        case "file" -> {
          if (parts.length < 3 || parts[2].isEmpty()) {
            throw usage("--key " + parts[0] + ":file: needs the key file's path after it");
          }
          try {
            byte[] key = Files.readAllBytes(Path.of(parts[2]));
            if (key.length == 0 || key.length > MAX_KEY_FILE) {
              throw usage(
                  "--key " + parts[0] + ":file:" + parts[2] + ": a key file of 1 to 8192 bytes");
            }
            read.add(new DiskKey(parts[0], key));
          } catch (IOException e) {
            throw usage("--key " + parts[0] + ":file:" + parts[2] + ": cannot read it: " + e);
          }
        }
        case "clevis" -> throw usage("--key " + parts[0] + ":clevis: x2k has no Clevis/Tang");
        default ->
            throw usage(
                "--key takes ID:key:PASSPHRASE or ID:file:FILE, not ID:" + parts[1] + ":...");
      }
    }
    return read;
  }

  /** cryptsetup's own limit for a key file is 8 MiB; a passphrase file is far smaller. */
  private static final int MAX_KEY_FILE = 8192;

  /** A selector in a message, without what may be its passphrase. */
  private static String describe(String selector) {
    int colon = selector.indexOf(':');
    return colon < 0 ? "a value without ':'" : "'" + selector.substring(0, colon) + ":...'";
  }

  private ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }

  /** Where this host has {@code source}, after --storage. */
  Path locate(String source) {
    return new GuestSettings(storage, bootDirectory, timings, List.of()).locate(source);
  }
}
