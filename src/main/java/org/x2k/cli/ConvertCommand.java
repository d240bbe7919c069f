package org.x2k.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.x2k.convert.DomainConverter;
import org.x2k.guest.engine.GuestSession;
import org.x2k.io.Input;
import org.x2k.io.Inputs;
import org.x2k.libvirt.HostCapabilities;
import org.x2k.libvirt.Hypervisor;
import org.x2k.libvirt.HypervisorException;
import org.x2k.migrate.Batch;
import org.x2k.migrate.DefineTarget;
import org.x2k.migrate.GuestStep;
import org.x2k.migrate.HostFilesCheck;
import org.x2k.nativecfg.XenConfig.Format;
import org.x2k.text.ControlCharacters;
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
      "  x2k convert --connect xen+ssh://root@xenhost --all -o kvm/ --define qemu:///system"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_OR_LEFT_OUT_LINE, ExitCodes.USAGE_LINE})
public class ConvertCommand implements Callable<Integer> {
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

  @Mixin ReportOptions reporting;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    mappings.validate();
    validateFleet();
    DomainConverter converter =
        DomainConverter.xenToKvm(conversion.settings(), mappings.bridges, mappings.networks)
            .withNativeFormat(nativeFormat);
    HostCapabilities savedCapabilities = conversion.capabilities();
    Batch batch = parent.batch(spec, output, reporting, common, verb());
    GuestSession.Mode mode = guestMode();
    if (mode != null) {
      if (fleet.connect != null || fleet.define != null) {
        throw usage("the guest's disks are changed on this host: drop --connect and --define");
      }
      batch.withGuest(new GuestStep(guestOptions.settings(), mode, output.force));
    }
    // a null resource is allowed, and not closed
    try (Hypervisor source = fleet.connect != null ? Hypervisor.open(fleet.connect, true) : null;
        Hypervisor target = fleet.define != null ? Hypervisor.open(fleet.define, false) : null) {
      HostCapabilities host = target != null ? target.capabilities() : savedCapabilities;
      if (host != null) {
        Optional<String> unable = convertFor(host, converter);
        if (unable.isPresent()) {
          spec.commandLine().getErr().println("x2k: " + unable.get());
          return ExitCodes.FAILED;
        }
      }
      if (target != null) {
        batch.defineOn(
            new DefineTarget(
                target,
                fleet.replace,
                output.dryRun,
                source != null ? source.uri() : "the Xen host",
                conversion.allowHostResources
                    ? null
                    : HostFilesCheck.of(target, guestOptions.bootDirectory)));
      }
      Inputs inputs =
          source != null ? readDomains(source) : Inputs.expand(inputArguments, recursive);
      output.validate(inputs, target != null);
      return ExitCodes.of(batch.run(inputs, converter));
    } catch (HypervisorException e) {
      spec.commandLine().getErr().println("x2k: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }

  /**
   * Sets {@code converter} up for the KVM host {@code host}, or says why no domain of the requested
   * type can go there: a host without KVM offers only qemu (TCG) domains.
   */
  private Optional<String> convertFor(HostCapabilities host, DomainConverter converter) {
    String type = conversion.domainType();
    Optional<String> unable = host.whyNot(type);
    if (unable.isPresent()) {
      return Optional.of(describe(host) + " " + unable.get());
    }
    converter.forTarget(describe(host), host.hostArch(), host.emulatorsFor(type));
    return Optional.empty();
  }

  /** How messages name a host: by its URI, or by the file of its saved capabilities. */
  private String describe(HostCapabilities host) {
    return fleet.define != null ? host.source() : "the KVM host of " + host.source();
  }

  /** What to do inside each guest, or null to leave guests alone. */
  GuestSession.Mode guestMode() {
    if (!guest) {
      return null;
    }
    return output.dryRun ? GuestSession.Mode.DRY_RUN : GuestSession.Mode.APPLY;
  }

  String verb() {
    return "converted";
  }

  private void validateFleet() {
    if (fleet.connect == null && (fleet.all || !fleet.patterns.isEmpty())) {
      throw usage("--all and --match choose domains of --connect URI");
    }
    if (fleet.connect != null
        && inputArguments.isEmpty()
        && !fleet.all
        && fleet.patterns.isEmpty()) {
      throw usage("--connect needs domain names, --all or --match PATTERN");
    }
    if (fleet.all && (!inputArguments.isEmpty() || !fleet.patterns.isEmpty())) {
      throw usage("--all takes every domain: drop the names and --match");
    }
    if (fleet.replace && fleet.define == null) {
      throw usage("--replace applies to --define URI");
    }
    if (fleet.connect != null && (output.inPlace || recursive)) {
      throw usage("--in-place and --recursive apply to files, not to domains read with --connect");
    }
    if (fleet.define != null && conversion.capabilitiesFile != null) {
      throw usage(
          "--define asks URI what it runs: drop --capabilities, which is for a host x2k"
              + " cannot reach");
    }
    if (fleet.define != null && output.diff) {
      throw usage("--diff writes no definition: drop --define");
    }
  }

  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The chosen domains of {@code source}, read as virsh dumpxml --inactive prints them. */
  private Inputs readDomains(Hypervisor source) throws HypervisorException {
    List<String> names;
    List<Inputs.Problem> problems = new ArrayList<>();
    if (fleet.all || !fleet.patterns.isEmpty()) {
      names =
          source.domainNames().stream().filter(name -> fleet.all || fleet.matches(name)).toList();
      if (names.isEmpty()) {
        problems.add(
            new Inputs.Problem(
                source.uri(),
                fleet.all
                    ? "no domains there"
                    : "no domain there matches " + String.join(" or ", fleet.patterns)));
      }
    } else {
      names = inputArguments;
    }
    List<Input> documents = new ArrayList<>();
    for (String name : names) {
      int control = ControlCharacters.firstInName(name);
      if (control >= 0) {
        // a name from the source host, shown as it is, would forge or reorder message lines
        problems.add(
            new Inputs.Problem(
                ControlCharacters.escaped(name),
                "the domain name holds the control character " + ControlCharacters.name(control)));
        continue;
      }
      try {
        documents.add(Input.ofDomain(name, source.inactiveXml(name)));
      } catch (HypervisorException e) {
        problems.add(new Inputs.Problem(name, e.getMessage()));
      }
    }
    return Inputs.of(documents, problems);
  }
}
