package org.x2k.guest;

/**
 * The guest's own kernel, for a domain that cannot boot from its disk: copied out to the host and
 * given to the domain (direct kernel boot).
 *
 * @param version the kernel's version (its /lib/modules directory)
 * @param kernel the kernel's path in the guest
 * @param initrd its initramfs's path in the guest
 * @param commandLine the command line for it, valid on Xen and KVM
 */
public record KernelBoot(String version, String kernel, String initrd, String commandLine) {}
