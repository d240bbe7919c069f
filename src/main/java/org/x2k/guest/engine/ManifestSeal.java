package org.x2k.guest.engine;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.x2k.guest.GuestException;
import org.x2k.io.OutputException;
import org.x2k.io.OutputFiles;
import org.x2k.io.TrustedPath;

/**
 * Binds the undo manifest x2k keeps inside a guest to this host and to the domain: the manifest
 * lives on the guest's disk, which its owner writes, and a forged one ("bootarea /dev/sdb", "remove
 * /data/important.txt") would make x2k guest --undo overwrite another disk's boot area or delete
 * files x2k never made. Each manifest x2k writes ends with an HMAC-SHA256 of its steps and the
 * domain, keyed by a secret only root on this host reads ({@code /var/lib/x2k/undo.key}, made on
 * first use); --undo takes no manifest whose seal does not match. A guest converted on one host and
 * undone on another needs that host's key copied along.
 *
 * @param key the host's secret
 * @param domain the domain's uuid (its name when it has none)
 */
public record ManifestSeal(byte[] key, String domain) {
  /** Where the host's secret is kept; the property moves it (tests). */
  static Path keyFile() {
    return Path.of(System.getProperty("x2k.undo.key", "/var/lib/x2k/undo.key"));
  }

  private static final String LINE = "# x2k-seal hmac-sha256 ";

  /**
   * The seal of this host's key for {@code domain}. Only a run that changes a guest ({@code make})
   * makes the key when there is none; without one, a manifest is found unsealed.
   */
  public static ManifestSeal forDomain(String domain, boolean make) throws GuestException {
    if (!make && !Files.exists(keyFile(), NOFOLLOW_LINKS)) {
      return new ManifestSeal(null, domain);
    }
    return new ManifestSeal(hostKey(keyFile()), domain);
  }

  /** {@code body} (the manifest's lines) with its seal line after them. */
  String sealed(String body) {
    return body + LINE + hmac(body) + "\n";
  }

  /**
   * The manifest's body if its last line is its seal, or an exception saying the manifest is not
   * x2k's (or not this host's, or not this domain's).
   */
  String verified(String manifest) throws GuestException {
    int at = manifest.lastIndexOf(LINE);
    if (key != null && at >= 0 && manifest.endsWith("\n")) {
      String body = manifest.substring(0, at);
      String seal = manifest.substring(at + LINE.length(), manifest.length() - 1);
      if (MessageDigest.isEqual(
          hmac(body).getBytes(StandardCharsets.US_ASCII),
          seal.getBytes(StandardCharsets.US_ASCII))) {
        return body;
      }
    }
    throw GuestException.refused(
        "the guest's "
            + GuestEditor.MANIFEST
            + " is not one x2k wrote for this domain on this host (changed, made in the guest, or"
            + " sealed with another host's "
            + keyFile()
            + "): x2k undoes nothing on its word",
        "guest-manifest-unsealed");
  }

  private String hmac(String body) {
    if (key == null) {
      throw new IllegalStateException("no undo key: only a run that changes a guest seals");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(domain.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The key in {@code file}: 32 random bytes, readable by its owner alone, made if missing. */
  static byte[] hostKey(Path file) throws GuestException {
    try {
      try {
        return readKey(file);
      } catch (NoSuchFileException e) {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
          Files.createDirectories(
              directory,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          OutputFiles.writeAtomically(
              OutputFiles.Target.below(directory, file.getFileName()),
              key,
              false,
              OutputFiles.OWNER_ONLY);
        } catch (OutputException raced) {
          // another x2k made it first: take that one
        }
        return readKey(file);
      }
    } catch (IOException | RuntimeException e) {
      throw new GuestException("cannot read or make the undo key " + file + ": " + e, e);
    }
  }

  private static byte[] readKey(Path file) throws IOException, GuestException {
    int owner = (Integer) Files.getAttribute(file, "unix:uid", NOFOLLOW_LINKS);
    int mode = (Integer) Files.getAttribute(file, "unix:mode", NOFOLLOW_LINKS);
    int self = TrustedPath.ownUid();
    if (owner != self || (mode & 0077) != 0 || (mode & 0170000) != 0100000) {
      throw new GuestException(
          "the undo key "
              + file
              + " must be a file of x2k's own user that nobody else may read or write");
    }
    try (InputStream in =
        Channels.newInputStream(
            Files.newByteChannel(file, StandardOpenOption.READ, NOFOLLOW_LINKS))) {
      byte[] key = in.readNBytes(64);
      if (key.length < 32) {
        throw new GuestException("the undo key " + file + " is shorter than 32 bytes");
      }
      return key;
    }
  }
}
