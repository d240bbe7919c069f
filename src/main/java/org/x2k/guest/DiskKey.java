package org.x2k.guest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A key for an encrypted (LUKS) device of the guest, as virt-v2v's {@code --key} gives it: {@code
 * ID:key:PASSPHRASE} or {@code ID:file:FILE}. ID names the device as the guest knew it under Xen
 * (xvda2), as the appliance sees it (/dev/sda2), by the LUKS header's UUID, or {@code all}.
 *
 * @param id the device it opens
 * @param passphrase the passphrase's bytes (a key file's whole content)
 */
public record DiskKey(String id, byte[] passphrase) {
  public DiskKey {
    passphrase = passphrase.clone();
  }

  @Override
  public byte[] passphrase() {
    return passphrase.clone();
  }

  /** Whether this key is for the device the appliance calls {@code device}. */
  public boolean opens(String device, String xenName, String luksUuid) {
    return id.equals("all")
        || id.equals(device)
        || (!xenName.isEmpty() && (id.equals(xenName) || id.equals("/dev/" + xenName)))
        || (!luksUuid.isEmpty()
            && id.toLowerCase(Locale.ROOT).equals(luksUuid.toLowerCase(Locale.ROOT)));
  }

  /** The first of {@code keys} for the device, if any. */
  public static Optional<DiskKey> forDevice(
      List<DiskKey> keys, String device, String xenName, String luksUuid) {
    return keys.stream().filter(k -> k.opens(device, xenName, luksUuid)).findFirst();
  }

  /** The passphrase as libguestfs's binding takes it (a Java string). */
  public String passphraseText() {
    return new String(passphrase, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DiskKey key
        && key.id.equals(id)
        && Arrays.equals(key.passphrase, passphrase);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + Arrays.hashCode(passphrase);
  }

  /** Never the passphrase: a key may end up in a message or a log. */
  @Override
  public String toString() {
    return "DiskKey[" + id + "]";
  }
}
