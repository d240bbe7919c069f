package org.x2k.guest;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a guest needs: the changes in the order they are made, what the report says about
 * them, and the kernel to boot directly when the guest cannot boot from its disk.
 *
 * @param refused whether x2k leaves the guest alone (the findings say why)
 * @param completedActions the XML report's actions the rules that ran do in the guest, each rule
 *     declaring its own (StorageRules.COMPLETES, ...)
 */
public record GuestChanges(
    List<GuestChange> changes,
    List<Finding> findings,
    Optional<KernelBoot> kernelBoot,
    boolean refused,
    Set<String> completedActions) {
  public GuestChanges {
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
    completedActions = Set.copyOf(completedActions);
  }
}
