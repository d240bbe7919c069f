package org.x2k.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.x2k.convert.Conversion;
import org.x2k.convert.ConversionException;
import org.x2k.convert.DomainConverter;
import org.x2k.io.Input;
import org.x2k.io.InputException;
import org.x2k.io.Inputs;
import org.x2k.io.OutputFiles;
import org.x2k.report.JsonReport;
import org.x2k.report.Outcome;
import org.x2k.report.TextReport;
import org.x2k.report.UnifiedDiff;
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
      "Converts Xen domain XML (virsh dumpxml --inactive) into KVM domain XML for virsh define.",
      "Messages go to stderr, so stdout carries only XML."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  x2k convert vm.xml > kvm/vm.xml",
      "  virsh dumpxml --inactive vm | x2k convert | ssh kvmhost virsh define /dev/stdin",
      "  x2k convert dumps/ -o kvm/",
      "  x2k convert --bridge eth0=br0 vm.xml"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand X2kCommand parent;

  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description = "Domain XML files, directories of them (*.xml), or - for standard input"
          + " (the default).")
  List<String> inputArguments = new ArrayList<>();

  @Mixin OutputOptions output;

  @Option(
      names = {"-r", "--recursive"},
      description = "Also convert *.xml files in subdirectories of a directory INPUT, keeping their"
          + " relative layout under the output directory.")
  boolean recursive;

  @Option(
      names = "--bridge",
      paramLabel = "OLD=NEW",
      description = "After converting, attach interfaces bridged to OLD to bridge NEW instead"
          + " (repeatable).")
  Map<String, String> bridges = new LinkedHashMap<>();

  @Mixin ConversionOptions conversion;

  @Mixin ReportOptions reporting;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    validateBridges();
    Inputs expanded = Inputs.expand(inputArguments, recursive);
    List<Input> inputs = expanded.inputs();
    boolean batch = output.isDirectory(inputs.size() > 1 || expanded.anyDirectory());
    validateOutput(expanded, batch);

    PrintWriter err = spec.commandLine().getErr();
    List<Outcome> outcomes = new ArrayList<>();
    expanded.problems().forEach(problem -> {
      err.println("x2k: " + problem.input() + ": " + problem.message());
      outcomes.add(Outcome.failed(problem.input(), problem.message()));
    });
    DomainConverter converter = new DomainConverter(conversion.stylesheetParameters(), bridges);
    Set<Path> written = new HashSet<>();
    for (Input input : inputs) {
      try {
        byte[] xml = input.read(parent.stdin());
        Conversion result = converter.convert(xml);
        if (!reporting.quiet) {
          result.notes().forEach(note -> err.println("x2k: " + input.name() + ": note: " + note));
          TextReport.print(err, input.name(), result);
        }
        if (output.diff) {
          print(UnifiedDiff.of(input.name(), converter.normalise(xml), result.xml()));
        } else if (!output.dryRun) {
          write(input, result.xml(), batch, written);
        }
        outcomes.add(Outcome.of(input.name(), result));
      } catch (ConversionException | InputException e) {
        outcomes.add(Outcome.failed(input.name(), e.getMessage()));
        err.println("x2k: " + input.name() + ": " + e.getMessage());
        if (common.stacktrace) {
          e.printStackTrace(err);
        }
      }
    }
    long failed = outcomes.stream().filter(outcome -> outcome.conversion() == null).count();
    if (reporting.reportFile != null) {
      try {
        OutputFiles.writeAtomically(reporting.reportFile,
            JsonReport.write(outcomes).getBytes(StandardCharsets.UTF_8), null);
      } catch (InputException e) {
        err.println("x2k: --report: " + e.getMessage());
        failed++;
      }
    }
    if (inputs.size() + expanded.problems().size() > 1 || expanded.anyDirectory()) {
      err.println("x2k: " + (outcomes.size() - (int) outcomes.stream().filter(o -> o.conversion() == null).count())
          + " converted, " + failed + " failed");
    }
    err.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void print(String text) throws InputException {
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    if (out.checkError()) {
      throw new InputException("cannot write to standard output");
    }
  }

  private void validateBridges() {
    bridges.forEach((from, to) -> {
      if (from.isBlank() || to.isBlank()) {
        throw new ParameterException(spec.commandLine(),
            "--bridge takes OLD=NEW with both names given, not '" + from + "=" + to + "'");
      }
    });
  }

  private void validateOutput(Inputs expanded, boolean batch) {
    List<Input> inputs = expanded.inputs();
    if (expanded.stdinCount() > 1) {
      throw new ParameterException(spec.commandLine(), "standard input (-) can be read only once");
    }
    if (output.diff && !output.isStdout()) {
      throw new ParameterException(spec.commandLine(), "--diff prints to stdout and writes no files: drop -o");
    }
    if (output.isStdout() && output.writesXml() && (inputs.size() > 1 || expanded.anyDirectory())) {
      throw new ParameterException(spec.commandLine(),
          "several inputs need an output directory: add -o DIR");
    }
    if (batch && expanded.stdinCount() > 0) {
      throw new ParameterException(spec.commandLine(),
          "standard input (-) has no file name to write under in an output directory;"
              + " convert it alone, to stdout or -o FILE");
    }
    if (batch && Files.exists(output.path()) && !Files.isDirectory(output.path())) {
      throw new ParameterException(spec.commandLine(),
          "-o " + output.output + " is a file, but several inputs need an output directory");
    }
  }

  private void write(Input input, String xml, boolean batch, Set<Path> written) throws InputException {
    if (output.isStdout()) {
      print(xml);
      return;
    }
    Path target = batch ? output.path().resolve(input.outputName()) : output.path();
    if (!written.add(target.toAbsolutePath().normalize())) {
      throw new InputException("an earlier input was already written to " + target);
    }
    OutputFiles.writeAtomically(target, xml.getBytes(StandardCharsets.UTF_8), input.path());
  }
}
