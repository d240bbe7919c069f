package org.x2k.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.x2k.guest.engine.GuestSession;
import org.x2k.libvirt.DomainSelection;
import org.x2k.migrate.Batch;
import org.x2k.migrate.GuestStep;
import org.x2k.migrate.Migration;
import org.x2k.nativecfg.XenConfig.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code x2k convert}: Xen domain XML in, KVM domain XML out. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Converts Xen domain XML (virsh dumpxml --inactive, or a snapshot) or a native xl/xm guest"
          + " config (/etc/xen) into KVM domain XML for virsh define, and reports what is left to"
          + " do.",
      "The report and messages go to stderr, so stdout carries only XML."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  x2k convert vm.xml > kvm/vm.xml",
      "  virsh dumpxml --inactive vm | x2k convert | ssh kvmhost virsh define /dev/stdin",
      "  x2k convert dumps/ -o kvm/ --report kvm/report.json",
      "  x2k convert --bridge eth0=br0 --network xenbr1=hostonly vm.xml",
      "  x2k convert /etc/xen/ -o kvm/",
      "  x2k convert --connect xen+ssh://root@xenhost --all -o kvm/ --define qemu:///system",
      "  x2k convert --connect xen+ssh://root@xenhost --all --define qemu:///system"
          + " --copy-storage default",
      "  x2k convert /etc/xen/vm.cfg --copy-storage /var/lib/libvirt/images --guest -o kvm/"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_OR_LEFT_OUT_LINE, ExitCodes.USAGE_LINE})
public final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand X2kCommand parent;

  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description =
          "Domain or snapshot XML files, xl/xm configs, directories of them (other files"
              + " are skipped with a note), or - for standard input (the default); with --connect,"
              + " names of domains there.")
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
          "Also convert the files in subdirectories of a directory INPUT, keeping their"
              + " relative layout under the output directory.")
  boolean recursive;

  @Mixin FleetOptions fleet;

  @Mixin MappingOptions mappings;

  @Mixin ConversionOptions conversion;

  @Option(
      names = "--guest",
      description =
          "Also change the guest's own files to match (fstab, GRUB, initramfs, getty, NIC names),"
              + " offline with libguestfs, valid on Xen and KVM alike, each changed file backed up"
              + " as FILE.x2k-orig in the guest (x2k guest --undo reverses them). With --dry-run,"
              + " print the diff of every guest file it would change.")
  boolean guest;

  @Mixin GuestOptions guestOptions;

  @Option(
      names = "--copy-storage",
      paramLabel = "POOL|DIR",
      description =
          "Copy each domain's disks before it is written or defined, and make the domain name the"
              + " copies: with --define, as new volumes of the target's storage pool POOL (created"
              + " and filled through libvirt, holes kept); without, as files in the directory DIR"
              + " of this host. A copy is read back and compared with its source; an unfinished"
              + " one is started again by the next run; an existing copy that differs from its"
              + " source is replaced only with --force. --disk-format raw|qcow2 converts while"
              + " copying; with --guest, the guest is changed on the copies. The Xen domain and"
              + " its disks are only read.")
  String copyStorage;

  @Mixin ReportOptions reporting;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    mappings.validate();
    DomainSelection selection = fleet.validate(inputArguments, output, recursive);
    if (fleet.define != null && conversion.capabilitiesFile != null) {
      throw usage(
          "--define asks URI what it runs: drop --capabilities, which is for a host x2k"
              + " cannot reach");
    }
    if (!guest && !guestOptions.keys.isEmpty()) {
      throw usage("--key opens the guest's encrypted disks for --guest: add --guest");
    }
    if (copyStorage != null && (output.dryRun || output.diff || output.inPlace)) {
      throw usage("--copy-storage copies disks: drop --dry-run, --diff and --in-place");
    }
    if (copyStorage != null && copyStorage.isEmpty()) {
      throw usage("--copy-storage needs a pool name or a directory");
    }
    Batch batch = parent.batch(spec, output, reporting, common, "converted");
    if (guest) {
      if ((fleet.connect != null || fleet.define != null) && copyStorage == null) {
        throw usage(
            "the guest's disks are changed on this host: drop --connect and --define, or change"
                + " copies (--copy-storage)");
      }
      batch.withGuest(
          new GuestStep(
              guestOptions.settings(),
              output.dryRun ? GuestSession.Mode.DRY_RUN : GuestSession.Mode.APPLY,
              output.force));
    }
    Migration migration =
        new Migration(
                batch, conversion.converter(mappings, nativeFormat, guest), conversion.domainType())
            .forSavedHost(conversion.capabilities());
    if (fleet.connect != null) {
      migration.readingFrom(fleet.connect, selection);
    }
    if (fleet.define != null) {
      migration.definingOn(
          fleet.define,
          fleet.replace,
          output.dryRun,
          !conversion.allowHostResources,
          guestOptions.bootDirectory);
    }
    if (copyStorage != null) {
      migration.copyingTo(
          copyStorage,
          new Migration.CopySettings(
              guestOptions.settings(),
              conversion.diskFormat != null ? conversion.diskFormat.name() : null,
              conversion.allowHostResources,
              output.force,
              guest));
    }
    return parent.run(spec, migration, inputArguments, recursive, output);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
