package org.x2k.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.x2k.convert.DomainConverter;
import org.x2k.nativecfg.XenConfig.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
          + " config (/etc/xen) into KVM domain XML for virsh define, and reports what is left to do.",
      "The report and messages go to stderr, so stdout carries only XML."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  x2k convert vm.xml > kvm/vm.xml",
      "  virsh dumpxml --inactive vm | x2k convert | ssh kvmhost virsh define /dev/stdin",
      "  x2k convert dumps/ -o kvm/ --report kvm/report.json",
      "  x2k convert --bridge eth0=br0 --network xenbr1=hostonly vm.xml",
      "  x2k convert /etc/xen/ -o kvm/"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand X2kCommand parent;

  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description = "Domain or snapshot XML files, xl/xm configs, directories of them (other files"
          + " are skipped with a note), or - for standard input (the default).")
  List<String> inputArguments = new ArrayList<>();

  @Option(names = "--native-format", paramLabel = "xl|xm|auto", converter = NativeFormatOption.class,
      description = NativeFormatOption.DESCRIPTION)
  Format nativeFormat;

  @Mixin OutputOptions output;

  @Option(
      names = {"-r", "--recursive"},
      description = "Also convert the files in subdirectories of a directory INPUT, keeping their"
          + " relative layout under the output directory.")
  boolean recursive;

  @Mixin MappingOptions mappings;

  @Mixin ConversionOptions conversion;

  @Mixin ReportOptions reporting;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    mappings.validate();
    DomainConverter converter = DomainConverter.xenToKvm(
        conversion.stylesheetParameters(), mappings.bridges, mappings.networks)
        .withNativeFormat(nativeFormat);
    return new Batch(spec, parent, output, reporting, common, "converted")
        .run(inputArguments, recursive, converter);
  }
}
