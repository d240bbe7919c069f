package org.x2k.guest;

import java.util.Optional;

/**
 * A filesystem (or swap area) on one of the guest's disks, as the guest named its device under Xen
 * ({@code xvda1}), with what identifies it on any hypervisor.
 *
 * @param xenName the device name inside the guest under Xen, without /dev/
 * @param type the filesystem type (ext4, swap, crypto_LUKS, ...)
 * @param uuid its UUID, or empty
 * @param label its label, or empty
 */
public record Filesystem(String xenName, String type, String uuid, String label) {
  /**
   * How fstab, crypttab, resume and the kernel's root= name it on Xen and KVM alike: UUID= when it
   * has one, else LABEL=.
   */
  public Optional<String> stableReference() {
    if (!uuid.isEmpty() && uuid.matches("[0-9A-Fa-f-]{1,64}")) {
      return Optional.of("UUID=" + uuid);
    }
    if (!label.isEmpty() && label.matches("[A-Za-z0-9._/+-]{1,64}")) {
      return Optional.of("LABEL=" + label);
    }
    return Optional.empty();
  }
}
