package org.x2k.guest;

import java.util.List;
import java.util.Map;

/**
 * What the XML conversion decided that the guest's own files must follow: one plan for both.
 *
 * @param diskRenames each disk's name under Xen to its name on KVM (xvda to vda)
 * @param macs the MAC addresses of the guest's NICs, in the domain's order
 * @param paravirtual whether Xen ran it paravirtualised (its console was hvc0 or xvc0)
 * @param bootsFromDisk whether the converted domain boots from its disk (pygrub, PV-GRUB, --boot
 *     disk) rather than a kernel given by the host
 * @param xenCommandLine the kernel command line Xen gave the guest, or empty
 */
public record GuestPlan(
    Map<String, String> diskRenames,
    List<String> macs,
    boolean paravirtual,
    boolean bootsFromDisk,
    String xenCommandLine) {
  public GuestPlan {
    diskRenames = Map.copyOf(diskRenames);
    macs = List.copyOf(macs);
  }
}
