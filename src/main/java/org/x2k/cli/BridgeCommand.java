package org.x2k.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.x2k.convert.DomainConverter;
import org.x2k.io.Inputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code x2k bridge OLD=NEW... INPUT...}: renames bridges in everything that holds domain
 * definitions (seed 000, chapter 3), Xen or KVM, without converting anything else.
 */
@Command(
    name = "bridge",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Moves interfaces from old bridges to new ones (or to libvirt networks) in domain XML"
          + " (KVM or Xen), snapshot XML (virsh snapshot-dumpxml), saved-image XML"
          + " (virsh save-image-dumpxml) and bridged libvirt networks.",
      "Mappings come first, then the inputs; --bridge OLD=NEW says the same."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  x2k bridge eth0=br0 eth1=br1 --in-place /etc/libvirt/qemu/",
      "  virsh snapshot-dumpxml vm snap1 | x2k bridge eth0=br0 > snap1.xml",
      "  virsh save-image-dumpxml vm.save | x2k bridge eth0=br0 > vm.save.xml",
      "  x2k bridge --network xenbr1=hostonly dumps/ -o fixed/"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public final class BridgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand X2kCommand parent;

  @Parameters(
      paramLabel = "OLD=NEW|INPUT",
      arity = "0..*",
      description =
          "Bridge mappings (OLD=NEW), then files, directories (*.xml) or - for standard"
              + " input (the default).")
  List<String> arguments = new ArrayList<>();

  @Mixin OutputOptions output;

  @Option(
      names = {"-r", "--recursive"},
      description = "Also take *.xml files in subdirectories of a directory INPUT.")
  boolean recursive;

  @Mixin MappingOptions mappings;

  @Mixin ReportOptions reporting;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    List<String> inputs = new ArrayList<>();
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      boolean mapping =
          inputs.isEmpty()
              && equals > 0
              && !argument.contains("/")
              && !Files.exists(Path.of(argument));
      if (mapping) {
        mappings.bridges.put(argument.substring(0, equals), argument.substring(equals + 1));
      } else {
        inputs.add(argument);
      }
    }
    mappings.validate();
    if (mappings.bridges.isEmpty() && mappings.networks.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "no mapping given: x2k bridge OLD=NEW [OLD=NEW...] INPUT...");
    }
    Inputs expanded = Inputs.expand(inputs, recursive);
    output.validate(expanded, false);
    return ExitCodes.of(
        parent
            .batch(spec, output, reporting, common, "updated")
            .run(expanded, DomainConverter.bridgesOnly(mappings.bridges, mappings.networks)));
  }
}
