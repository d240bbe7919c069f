package org.x2k.migrate;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.x2k.convert.Conversion;
import org.x2k.convert.ConversionException;
import org.x2k.convert.DomainConverter;
import org.x2k.io.Input;
import org.x2k.io.OutputException;
import org.x2k.io.OutputFiles;
import org.x2k.io.Staged;
import org.x2k.text.UnifiedDiff;

/**
 * Where a batch's converted documents go, chosen once per run: standard output, a diff on standard
 * output, the inputs themselves, files (one named, or a directory of them), or nowhere (a dry run,
 * or domains only defined on a host). Each input is prepared by a worker (a diff made, a file
 * staged) and finished by the main thread in input order.
 */
abstract class OutputSink {
  /** What a worker prepared for one input; closed if it is never finished. */
  interface Pending extends AutoCloseable {
    @Override
    void close();
  }

  private static final Pending NOTHING = () -> {};

  /** A worker's part: whatever can be done ahead, in parallel. */
  Pending prepare(Input input, byte[] original, Conversion result)
      throws ConversionException, OutputException {
    return NOTHING;
  }

  /** The main thread's part, in input order. */
  abstract void finish(Input input, Conversion result, Pending pending) throws OutputException;

  /** The sink {@code output}'s options ask for. */
  static OutputSink choose(
      OutputSettings output,
      boolean toDirectory,
      boolean defining,
      PrintWriter out,
      Set<Object> inputFiles,
      DomainConverter converter) {
    if (output.diff()) {
      return new DiffSink(out, converter);
    }
    if (output.inPlace()) {
      return new InPlaceSink(output);
    }
    if (output.dryRun() || (output.isStdout() && defining)) {
      return new OutputSink() {
        @Override
        void finish(Input input, Conversion result, Pending pending) {}
      };
    }
    if (output.isStdout()) {
      return new OutputSink() {
        @Override
        void finish(Input input, Conversion result, Pending pending) throws OutputException {
          print(out, result.xml());
        }
      };
    }
    return new FileSink(output, toDirectory, inputFiles);
  }

  static void print(PrintWriter out, String text) throws OutputException {
    out.print(text);
    out.flush();
    if (out.checkError()) {
      throw new OutputException("cannot write to standard output");
    }
  }

  /** --diff: the diff from the input, as x2k would write it, to its conversion. */
  private static final class DiffSink extends OutputSink {
    private final PrintWriter out;
    private final DomainConverter converter;

    DiffSink(PrintWriter out, DomainConverter converter) {
      this.out = out;
      this.converter = converter;
    }

    private record Diff(String text) implements Pending {
      @Override
      public void close() {}
    }

    @Override
    Pending prepare(Input input, byte[] original, Conversion result) throws ConversionException {
      return new Diff(UnifiedDiff.of(input.name(), converter.normalise(original), result.xml()));
    }

    @Override
    void finish(Input input, Conversion result, Pending pending) throws OutputException {
      print(out, ((Diff) pending).text());
    }
  }

  /** --in-place: each input rewritten where it is, with a backup. */
  private static final class InPlaceSink extends OutputSink {
    private final OutputSettings output;

    InPlaceSink(OutputSettings output) {
      this.output = output;
    }

    @Override
    void finish(Input input, Conversion result, Pending pending) throws OutputException {
      if (result.fromNativeConfig()) {
        throw new OutputException(
            "--in-place would replace a native config with XML: convert it with -o instead");
      }
      if (result.converted() && !output.dryRun()) {
        OutputFiles.replaceInPlace(
            input.path(),
            result.xml().getBytes(StandardCharsets.UTF_8),
            output.noBackup() ? null : output.backupSuffix(),
            output.force());
      }
    }
  }

  /** -o FILE or -o DIR: each output staged beside its target by a worker, put in place in order. */
  private static final class FileSink extends OutputSink {
    private final OutputSettings output;
    private final boolean toDirectory;
    private final Set<Object> inputFiles;
    private final Set<Path> written = new HashSet<>();

    FileSink(OutputSettings output, boolean toDirectory, Set<Object> inputFiles) {
      this.output = output;
      this.toDirectory = toDirectory;
      this.inputFiles = inputFiles;
    }

    private record StagedFile(Staged staged) implements Pending {
      @Override
      public void close() {
        staged.close();
      }
    }

    @Override
    Pending prepare(Input input, byte[] original, Conversion result) throws OutputException {
      OutputFiles.Target target =
          toDirectory
              ? OutputFiles.Target.below(
                  output.path(), xmlName(input.outputName(), result.fromNativeConfig()))
              : OutputFiles.Target.named(output.path());
      return new StagedFile(
          OutputFiles.stage(
              target,
              result.xml().getBytes(StandardCharsets.UTF_8),
              inputFiles,
              output.force(),
              OutputFiles.OWNER_ONLY));
    }

    @Override
    void finish(Input input, Conversion result, Pending pending) throws OutputException {
      try (Staged staged = ((StagedFile) pending).staged()) {
        if (!written.add(staged.target().toAbsolutePath().normalize())) {
          throw new OutputException("an earlier input was already written to " + staged.target());
        }
        // one output file is flushed to disk; a directory of them is left to the system
        staged.commit(!toDirectory);
      }
    }

    /**
     * A config's XML is named after it, with .xml added: guest.cfg.xml, test1.xml. Its whole name
     * is kept because a directory may hold guest.cfg beside a dump guest.xml.
     */
    private static Path xmlName(Path name, boolean fromNativeConfig) {
      String file = name.getFileName().toString();
      return !fromNativeConfig || file.endsWith(".xml") ? name : name.resolveSibling(file + ".xml");
    }
  }
}
