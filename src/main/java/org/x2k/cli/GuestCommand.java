package org.x2k.cli;

import org.x2k.guest.engine.GuestSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code x2k guest}: the in-guest changes of {@code x2k convert --guest} for a domain converted
 * earlier (given its Xen definition again, which carries the plan), or their undoing.
 */
@Command(
    name = "guest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Changes a Xen guest's own files for KVM, offline with libguestfs, as x2k convert --guest"
          + " does: give it the Xen definition the domain was converted from. The changes are"
          + " valid on Xen and KVM alike; each changed file is kept as FILE.x2k-orig in the"
          + " guest, and --undo puts every one back. Writes the converted domain as convert"
          + " does (it differs when the guest boots its own kernel, copied out to --boot-dir).",
      "The guest must be shut down, and its disks reachable here (see --storage)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  x2k guest vm.xml > kvm/vm.xml",
      "  x2k guest --dry-run vm.xml",
      "  x2k guest --storage /srv/xen=/var/lib/libvirt/images vm.xml -o kvm/",
      "  x2k guest --undo vm.xml"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_OR_LEFT_OUT_LINE, ExitCodes.USAGE_LINE})
public final class GuestCommand extends ConvertCommand {
  @Option(
      names = "--undo",
      description =
          "Reverse every change x2k made in the guest (from the manifest /var/lib/x2k/undo in"
              + " it), restoring each file byte for byte; writes no domain.")
  boolean undo;

  @Override
  GuestSession.Mode guestMode() {
    if (undo) {
      output.dryRun = true;
      return GuestSession.Mode.UNDO;
    }
    guest = true;
    return super.guestMode();
  }

  @Override
  String verb() {
    return undo ? "undone" : "converted";
  }
}
