package org.x2k.migrate;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.x2k.convert.Conversion;
import org.x2k.convert.ConversionException;
import org.x2k.convert.DomainConverter;
import org.x2k.convert.Report;
import org.x2k.io.Input;
import org.x2k.io.InputException;
import org.x2k.io.Inputs;
import org.x2k.io.OutputException;
import org.x2k.io.OutputFiles;
import org.x2k.report.JsonReport;
import org.x2k.report.Outcome;
import org.x2k.report.TextReport;

/**
 * A run over many inputs, as convert, bridge and from-native make it: each input is read and
 * converted by a worker, then finished in input order (messages, output through the run's {@link
 * OutputSink}, --define, the tally); a failing input is reported and skipped and the others still
 * run. The options are validated by their own mixins before a batch is made.
 */
public final class Batch {
  private final Streams streams;
  private final OutputSettings output;
  private final ReportSettings reporting;
  private final boolean stacktrace;
  private final String verb;

  /** Where converted domains are defined (--define), or null. */
  private DefineTarget defineTarget;

  /**
   * @param verb what the report says was done to a document ("converted", "updated")
   */
  public Batch(
      Streams streams,
      OutputSettings output,
      ReportSettings reporting,
      boolean stacktrace,
      String verb) {
    this.streams = streams;
    this.output = output;
    this.reporting = reporting;
    this.stacktrace = stacktrace;
    this.verb = verb;
  }

  /** Where messages go. */
  PrintWriter err() {
    return streams.err();
  }

  /** Defines each converted domain on {@code target} too. */
  public Batch defineOn(DefineTarget target) {
    this.defineTarget = target;
    return this;
  }

  /** An input converted by a worker, with its output prepared, or why it failed. */
  private record Prepared(
      Input input, Conversion result, OutputSink.Pending pending, Exception failure) {}

  private GuestStep guestStep;

  /** Copies each domain's disks first (--copy-storage), or null. */
  private CopyStep copyStep;

  /** Copies each domain's disks, which its output, definition and guest step then name. */
  void copyWith(CopyStep step) {
    this.copyStep = step;
  }

  /** Also changes each guest's own files (--guest, x2k guest). */
  public void withGuest(GuestStep step) {
    this.guestStep = step;
  }

  /**
   * Runs {@code expanded} (checked against the output settings by the command) through {@code
   * converter}; true if every input went through (converted, or skipped with a note, and defined
   * where asked).
   */
  public boolean run(Inputs expanded, DomainConverter converter) {
    PrintWriter err = streams.err();
    Tally outcomes = new Tally(reporting.reportFile() != null);
    expanded
        .problems()
        .forEach(
            problem -> {
              err.println("x2k: " + problem.input() + ": " + problem.message());
              outcomes.add(Outcome.failed(problem.input(), problem.message()));
            });
    expanded
        .skipped()
        .forEach(
            skip -> {
              if (!reporting.quiet()) {
                err.println("x2k: " + skip.input() + ": note: skipped: " + skip.message());
              }
              outcomes.add(Outcome.skipped(skip.input(), skip.message()));
            });
    OutputSink sink =
        OutputSink.choose(
            output,
            output.isDirectory(expanded),
            defineTarget != null,
            streams.out(),
            inputFiles(expanded),
            converter);
    Progress progress = Progress.onStderr(err, expanded.inputs().size());
    int jobs = Math.min(output.jobs(), Math.max(expanded.inputs().size(), 1));
    if (guestStep != null) {
      guestStep.runAtOnce(ApplianceSlots.forThisHost(jobs));
    }
    try {
      new InOrderExecutor<Input, Prepared>(jobs, jobs * 4)
          .run(
              expanded.inputs().iterator(),
              input -> prepare(input, converter, sink),
              prepared -> {
                progress.clear();
                finish(prepared, sink, outcomes);
                progress.step();
              },
              left -> {
                if (left.pending() != null) {
                  left.pending().close();
                }
              });
    } finally {
      progress.finish();
    }
    return summarise(expanded, outcomes);
  }

  /** The identities of the run's input files: no output may replace any of them. */
  private static Set<Object> inputFiles(Inputs expanded) {
    Set<Object> keys = new HashSet<>();
    for (Input input : expanded.inputs()) {
      Object key = input.path() != null ? OutputFiles.fileKey(input.path()) : null;
      if (key != null) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** A worker's part, run in parallel: reading, converting, and preparing the output. */
  private Prepared prepare(Input input, DomainConverter converter, OutputSink sink) {
    try {
      byte[] xml = input.read(streams.stdin());
      Conversion result = converter.convert(xml);
      if (copyStep != null && (defineTarget == null || !defineTarget.skips(result))) {
        // a domain the target already has is skipped when it is finished: nothing to copy for it,
        // nor for one it would refuse for a file that no copy replaces
        Optional<String> refused =
            defineTarget != null ? defineTarget.problemBeforeCopy(result) : Optional.empty();
        if (refused.isPresent()) {
          throw new ConversionException("not defined: " + refused.get(), null, "");
        }
        List<Report.DiskCopy> copies = copyStep.copy(result);
        result =
            converter
                .convert(xml, copies, null)
                .withNotes(
                    copies.stream()
                        .filter(Report.DiskCopy::kept)
                        .map(
                            copy ->
                                "disk "
                                    + copy.xenName()
                                    + ": "
                                    + copy.target()
                                    + ", an earlier run's copy, reads the same as its source:"
                                    + " kept")
                        .toList());
      }
      if (guestStep != null) {
        result = guestStep.apply(converter, xml, result);
      }
      return new Prepared(input, result, sink.prepare(input, xml, result), null);
    } catch (ConversionException | InputException | OutputException e) {
      return new Prepared(input, null, null, e);
    } catch (StackOverflowError | OutOfMemoryError e) {
      // one input that exhausts the stack or the heap fails alone; what it held is garbage now
      return new Prepared(input, null, null, new InputException(Exhaustion.message(e)));
    }
  }

  /** The main thread's part, in input order: messages, the output, --define and the tally. */
  private void finish(Prepared prepared, OutputSink sink, Tally outcomes) {
    PrintWriter err = streams.err();
    Input input = prepared.input();
    try (OutputSink.Pending pending = prepared.pending()) {
      if (prepared.failure() instanceof ConversionException e) {
        throw e;
      }
      if (prepared.failure() != null) {
        fail(outcomes, input, prepared.failure());
        return;
      }
      Conversion result = prepared.result();
      if (!reporting.quiet()) {
        result.notes().forEach(note -> err.println("x2k: " + input.name() + ": note: " + note));
        TextReport.print(err, input.name(), result, verb);
      }
      if (!result.guestDiff().isEmpty()) {
        streams.out().print(result.guestDiff());
        streams.out().flush();
      }
      sink.finish(input, result, pending);
      if (defineTarget != null) {
        defineTarget.define(input, result, err);
      }
      outcomes.add(Outcome.of(input.name(), result));
    } catch (ConversionException e) {
      if (input.fromDirectory() && e.code().equals(ConversionException.NOT_A_DOMAIN)) {
        // a directory of libvirt XML may hold networks or pools beside the domains
        if (!reporting.quiet()) {
          err.println("x2k: " + input.name() + ": note: skipped: " + e.getMessage());
        }
        outcomes.add(Outcome.skipped(input.name(), e.getMessage()));
        return;
      }
      fail(outcomes, input, e);
    } catch (InputException | OutputException e) {
      fail(outcomes, input, e);
    }
  }

  /** The report file and the summary line; whether every input went through. */
  private boolean summarise(Inputs expanded, Tally outcomes) {
    PrintWriter err = streams.err();
    long failed = outcomes.failed();
    long skipped = outcomes.skipped();
    long succeeded = outcomes.total() - failed - skipped;
    if (reporting.reportFile() != null) {
      try {
        OutputFiles.writeAtomically(
            OutputFiles.Target.named(reporting.reportFile()),
            JsonReport.write(outcomes.kept()).getBytes(StandardCharsets.UTF_8),
            true,
            OutputFiles.OWNER_ONLY);
      } catch (OutputException e) {
        err.println("x2k: --report: " + e.getMessage());
        failed++;
      }
    }
    if (outcomes.total() > 1 || expanded.anyDirectory()) {
      err.println(
          "x2k: "
              + succeeded
              + " "
              + verb
              + ", "
              + failed
              + " failed"
              + (skipped > 0 ? ", " + skipped + " skipped" : ""));
    }
    boolean allThrough = true;
    if (defineTarget != null) {
      defineTarget.printSummary(err);
      allThrough = defineTarget.allThrough();
    }
    err.flush();
    return failed == 0 && allThrough;
  }

  private void fail(Tally outcomes, Input input, Exception e) {
    PrintWriter err = streams.err();
    String detail = e instanceof ConversionException conversion ? conversion.detail() : "";
    outcomes.add(Outcome.failed(input.name(), e.getMessage(), detail));
    err.println("x2k: " + input.name() + ": " + e.getMessage());
    if (stacktrace) {
      e.printStackTrace(err);
    }
  }
}
