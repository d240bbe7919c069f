package org.x2k.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.x2k.convert.DomainConverter;
import org.x2k.io.Inputs;
import org.x2k.nativecfg.XenConfig.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code x2k from-native}: an xl or xm config in, the libvirt Xen domain XML out. */
@Command(
    name = "from-native",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads native Xen guest configs (xl.cfg, or xm/xend files under /etc/xen) into the libvirt"
          + " Xen domain XML that virsh domxml-from-native xen-xl (or xen-xm) would print, on any"
          + " machine. x2k convert reads the same configs directly into KVM XML.",
      "Settings that do not make it into the XML are reported on stderr."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  x2k from-native /etc/xen/guest.cfg > guest.xen.xml",
      "  x2k from-native --format xm /etc/xen/ -o xen-xml/"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public final class FromNativeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand X2kCommand parent;

  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description =
          "xl or xm config files, directories of them (files that are no guest config are"
              + " skipped), or - for standard input (the default).")
  List<String> inputArguments = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "xl|xm|auto",
      converter = NativeFormatOption.class,
      description = NativeFormatOption.DESCRIPTION)
  Format format;

  @Mixin OutputOptions output;

  @Option(
      names = {"-r", "--recursive"},
      description = "Also read configs in subdirectories of a directory INPUT.")
  boolean recursive;

  @Mixin ReportOptions reporting;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    if (output.inPlace) {
      throw new ParameterException(
          spec.commandLine(),
          "--in-place would replace the configs with XML: write elsewhere with -o");
    }
    Inputs expanded = Inputs.expand(inputArguments, recursive);
    output.validate(expanded, false);
    return ExitCodes.of(
        parent
            .batch(spec, output, reporting, common, "read")
            .run(expanded, DomainConverter.fromNative().withNativeFormat(format)));
  }
}
