package org.x2k.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.x2k.guest.engine.GuestSession;
import org.x2k.migrate.Batch;
import org.x2k.migrate.GuestStep;
import org.x2k.migrate.Migration;
import org.x2k.nativecfg.XenConfig.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code x2k guest}: the in-guest changes of {@code x2k convert --guest} for a domain converted
 * earlier (given its Xen definition again, which carries the plan), or their undoing. It takes
 * convert's options but those of fleet mode: the guest's disks are changed on this host.
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
public final class GuestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand X2kCommand parent;

  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description =
          "The Xen definitions the domains were converted from: domain or snapshot XML files,"
              + " xl/xm configs, directories of them, or - for standard input (the default).")
  List<String> inputArguments = new ArrayList<>();

  @Option(
      names = "--native-format",
      paramLabel = "xl|xm|auto",
      converter = NativeFormatOption.class,
      description = NativeFormatOption.DESCRIPTION)
  Format nativeFormat;

  @Mixin OutputOptions output;

  @Option(
      names = {"-r", "--recursive"},
      description =
          "Also take the files in subdirectories of a directory INPUT, keeping their relative"
              + " layout under the output directory.")
  boolean recursive;

  @Mixin MappingOptions mappings;

  @Mixin ConversionOptions conversion;

  @Option(
      names = "--undo",
      description =
          "Reverse every change x2k made in the guest (from the manifest /var/lib/x2k/undo in"
              + " it), restoring each file byte for byte; writes no domain.")
  boolean undo;

  @Mixin GuestOptions guestOptions;

  @Mixin ReportOptions reporting;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    mappings.validate();
    GuestSession.Mode mode;
    if (undo) {
      output.dryRun = true; // undoing writes no domain
      mode = GuestSession.Mode.UNDO;
    } else {
      mode = output.dryRun ? GuestSession.Mode.DRY_RUN : GuestSession.Mode.APPLY;
    }
    Batch batch = parent.batch(spec, output, reporting, common, undo ? "undone" : "converted");
    batch.withGuest(new GuestStep(guestOptions.settings(), mode, output.force));
    Migration migration =
        new Migration(
                batch, conversion.converter(mappings, nativeFormat, !undo), conversion.domainType())
            .forSavedHost(conversion.capabilities());
    return parent.run(spec, migration, inputArguments, recursive, output);
  }
}
