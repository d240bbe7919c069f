package org.x2k.guest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Which of the appliance's disks, by its kernel's name, is a given disk of libguestfs's: the one
 * whose first bytes have the same MD5 (Libguestfs#programsName). MD5 tells disks apart here; it
 * guards against no one: the guest's own programs compute the listing.
 */
public final class DiskNames {
  private DiskNames() {}

  /**
   * A disk's name as a Xen guest knows it (xvda, hdc, sdb, vdaa), and a partition of it: groups 1
   * prefix, 2 letters (one to six, as libvirt takes), 3 partition. The same text as the
   * stylesheets' x2k:disk-name-regex (xslt/common/names.xsl), which DiskNamePatternTest holds it
   * to.
   */
  public static final String XEN_DISK_NAME = "(xvd|[hsv]d)([a-z]{1,6})([0-9]{0,9})";

  /** A kernel's name for a whole disk: sda, vdb, nvme0n1. */
  private static final String NAME = "[a-z][a-z0-9]{0,31}";

  /**
   * The command, run in the guest, that prints "NAME MD5 -" for each of the appliance's whole disks
   * (those of /sys/block with a device behind them), over their first {@code bytes}.
   */
  public static List<String> listing(int bytes) {
    return List.of(
        "/bin/sh",
        "-c",
        "for d in /sys/block/*; do [ -e \"$d/device\" ] || continue; n=${d##*/};"
            + " [ -b \"/dev/$n\" ] || continue; printf '%s ' \"$n\"; head -c "
            + bytes
            + " \"/dev/$n\" | md5sum; done");
  }

  public static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has MD5", e);
    }
  }

  /** The kernel's name ("/dev/sdb") of the one disk in {@code listing} whose MD5 is {@code md5}. */
  public static String match(String disk, String md5, String listing) throws GuestException {
    List<String> matches = new ArrayList<>();
    for (String line : listing.lines().toList()) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length >= 2 && fields[0].matches(NAME) && fields[1].equalsIgnoreCase(md5)) {
        matches.add("/dev/" + fields[0]);
      }
    }
    if (matches.size() != 1) {
      throw new GuestException(
          "cannot tell which of the appliance's disks is "
              + disk
              + (matches.isEmpty()
                  ? ": none starts as it does"
                  : ": " + String.join(" and ", matches) + " start alike")
              + " (the guest's programs were not given it)");
    }
    return matches.get(0);
  }
}
