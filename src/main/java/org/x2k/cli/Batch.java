package org.x2k.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The file handling convert and bridge share: expanding inputs, choosing where output goes, running
 * each document through a {@link DomainConverter}, writing results, reporting, and the exit code. A
 * failing input is reported and skipped; the others still run.
 */
final class Batch {
  private final CommandSpec spec;
  private final X2kCommand root;
  private final OutputOptions output;
  private final ReportOptions reporting;
  private final CommonOptions common;
  private final String verb;

  /**
   * @param verb what the report says was done to a document ("converted", "updated")
   */
  Batch(
      CommandSpec spec,
      X2kCommand root,
      OutputOptions output,
      ReportOptions reporting,
      CommonOptions common,
      String verb) {
    this.spec = spec;
    this.root = root;
    this.output = output;
    this.reporting = reporting;
    this.common = common;
    this.verb = verb;
  }

  /** Where converted domains are defined (--define), or null. */
  private DefineTarget defineTarget;

  /** Defines each converted domain on {@code target} too. */
  Batch defineOn(DefineTarget target) {
    this.defineTarget = target;
    return this;
  }

  int run(List<String> inputArguments, boolean recursive, DomainConverter converter) {
    return run(Inputs.expand(inputArguments, recursive), converter);
  }

  int run(Inputs expanded, DomainConverter converter) {
    List<Input> inputs = expanded.inputs();
    boolean toDirectory = output.isDirectory(inputs.size() > 1 || expanded.anyDirectory());
    validate(expanded, toDirectory);

    PrintWriter err = spec.commandLine().getErr();
    Tally outcomes = new Tally(reporting.reportFile != null);
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
              if (!reporting.quiet) {
                err.println("x2k: " + skip.input() + ": note: skipped: " + skip.message());
              }
              outcomes.add(Outcome.skipped(skip.input(), skip.message()));
            });
    Set<Path> written = new HashSet<>();
    // no output may replace an input of the run, whichever input it was converted from
    Set<Object> inputFiles = new HashSet<>();
    for (Input input : inputs) {
      Object key = input.path() != null ? OutputFiles.fileKey(input.path()) : null;
      if (key != null) {
        inputFiles.add(key);
      }
    }
    Progress progress = Progress.onStderr(err, inputs.size());
    int jobs = Math.min(output.jobs(), Math.max(inputs.size(), 1));
    ExecutorService pool =
        jobs > 1 ? Executors.newFixedThreadPool(jobs, Batch::workerThread) : null;
    // Inputs are converted ahead in a bounded window, and finished strictly in their order, so
    // that output, messages and the report do not depend on the number of jobs, and memory does
    // not grow with the number of inputs.
    Deque<Future<Prepared>> window = new ArrayDeque<>();
    Iterator<Input> pending = inputs.iterator();
    try {
      while (pending.hasNext() || !window.isEmpty()) {
        while (pending.hasNext() && window.size() < jobs * 4) {
          Input input = pending.next();
          Callable<Prepared> task = () -> prepare(input, converter, toDirectory, inputFiles);
          window.add(pool != null ? pool.submit(task) : completed(task));
        }
        Prepared prepared = await(window.removeFirst());
        progress.clear();
        finish(prepared, toDirectory, outcomes, written);
        progress.step();
      }
    } finally {
      progress.finish();
      if (pool != null) {
        pool.shutdownNow();
      }
      window.forEach(
          future -> {
            if (future.isDone() && !future.isCancelled()) {
              Prepared left = await(future);
              if (left.staged() != null) {
                left.staged().close();
              }
            }
          });
    }
    long failed = outcomes.failed();
    long skipped = outcomes.skipped();
    long succeeded = outcomes.total() - failed - skipped;
    if (reporting.reportFile != null) {
      try {
        OutputFiles.writeAtomically(
            OutputFiles.Target.named(reporting.reportFile),
            JsonReport.write(outcomes.kept()).getBytes(StandardCharsets.UTF_8),
            true,
            OutputFiles.OWNER_ONLY);
      } catch (InputException e) {
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
    return failed == 0 && allThrough ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * An input converted by a worker: the conversion, what is printed instead for --diff, the output
   * file staged beside its target, or why it failed.
   */
  private record Prepared(
      Input input, Conversion result, String diff, OutputFiles.Staged staged, Exception failure) {}

  /** A worker's part, run in parallel: reading, converting, and staging the output file. */
  private Prepared prepare(
      Input input, DomainConverter converter, boolean toDirectory, Set<Object> inputFiles) {
    try {
      byte[] xml = input.read(root.stdin());
      Conversion result = converter.convert(xml);
      String diff =
          output.diff ? UnifiedDiff.of(input.name(), converter.normalise(xml), result.xml()) : null;
      OutputFiles.Staged staged = null;
      if (!output.isStdout() && !output.dryRun && !output.inPlace && !output.diff) {
        OutputFiles.Target target =
            toDirectory
                ? OutputFiles.Target.below(
                    output.path(), xmlName(input.outputName(), result.fromNativeConfig()))
                : OutputFiles.Target.named(output.path());
        staged =
            OutputFiles.stage(
                target,
                result.xml().getBytes(StandardCharsets.UTF_8),
                inputFiles,
                output.force,
                OutputFiles.OWNER_ONLY);
      }
      return new Prepared(input, result, diff, staged, null);
    } catch (ConversionException | InputException e) {
      return new Prepared(input, null, null, null, e);
    } catch (StackOverflowError | OutOfMemoryError e) {
      // one input that exhausts the stack or the heap fails alone; what it held is garbage now
      return new Prepared(input, null, null, null, new InputException(X2kCommand.exhausted(e)));
    }
  }

  /** The main thread's part, in input order: messages, the report, and putting output in place. */
  private void finish(Prepared prepared, boolean toDirectory, Tally outcomes, Set<Path> written) {
    PrintWriter err = spec.commandLine().getErr();
    Input input = prepared.input();
    try {
      if (prepared.failure() instanceof ConversionException e) {
        throw e;
      }
      if (prepared.failure() instanceof InputException e) {
        throw e;
      }
      Conversion result = prepared.result();
      if (!reporting.quiet) {
        result.notes().forEach(note -> err.println("x2k: " + input.name() + ": note: " + note));
        TextReport.print(err, input.name(), result, verb);
      }
      if (output.diff) {
        print(prepared.diff());
      } else if (output.inPlace) {
        if (result.fromNativeConfig()) {
          throw new InputException(
              "--in-place would replace a native config with XML: convert it" + " with -o instead");
        }
        if (result.converted() && !output.dryRun) {
          OutputFiles.replaceInPlace(
              input.path(),
              result.xml().getBytes(StandardCharsets.UTF_8),
              output.noBackup ? null : output.backupSuffix,
              output.force);
        }
      } else if (prepared.staged() != null) {
        try (OutputFiles.Staged staged = prepared.staged()) {
          if (!written.add(staged.target().toAbsolutePath().normalize())) {
            throw new InputException("an earlier input was already written to " + staged.target());
          }
          // one output file is flushed to disk; a directory of them is left to the system
          staged.commit(!toDirectory);
        }
      } else if (!output.dryRun && defineTarget == null) {
        print(result.xml());
      }
      if (defineTarget != null) {
        defineTarget.define(input, result, err);
      }
      outcomes.add(Outcome.of(input.name(), result));
    } catch (ConversionException e) {
      if (input.fromDirectory() && e.code().equals(ConversionException.NOT_A_DOMAIN)) {
        // a directory of libvirt XML may hold networks or pools beside the domains
        if (!reporting.quiet) {
          err.println("x2k: " + input.name() + ": note: skipped: " + e.getMessage());
        }
        outcomes.add(Outcome.skipped(input.name(), e.getMessage()));
        return;
      }
      fail(outcomes, input, e);
    } catch (InputException e) {
      fail(outcomes, input, e);
    }
  }

  private static Thread workerThread(Runnable task) {
    Thread thread = new Thread(task, "x2k-worker");
    thread.setDaemon(true);
    return thread;
  }

  private static <T> Future<T> completed(Callable<T> task) {
    FutureTask<T> future = new FutureTask<>(task);
    future.run();
    return future;
  }

  /** A worker's result; a bug in a worker is rethrown here as it would be in the main thread. */
  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void validate(Inputs expanded, boolean toDirectory) {
    List<Input> inputs = expanded.inputs();
    if (output.jobs() < 1) {
      throw usage("--jobs must be at least 1");
    }
    if (expanded.stdinCount() > 1) {
      throw usage("standard input (-) can be read only once");
    }
    if (output.diff && !output.isStdout()) {
      throw usage("--diff prints to stdout and writes no files: drop -o");
    }
    if (output.inPlace) {
      if (!output.isStdout() || output.diff) {
        throw usage("--in-place rewrites the inputs themselves: drop -o and --diff");
      }
      if (expanded.stdinCount() > 0) {
        throw usage("--in-place needs files, not standard input");
      }
      return;
    }
    if (output.isStdout()
        && output.writesXml()
        && defineTarget == null
        && (inputs.size() > 1 || expanded.anyDirectory())) {
      throw usage("several inputs need an output directory: add -o DIR (or --in-place)");
    }
    if (toDirectory && expanded.stdinCount() > 0) {
      throw usage(
          "standard input (-) has no file name to write under in an output directory;"
              + " convert it alone, to stdout or -o FILE");
    }
    if (toDirectory && Files.exists(output.path()) && !Files.isDirectory(output.path())) {
      throw usage(
          "-o " + output.output + " is a file, but several inputs need an output directory");
    }
  }

  /**
   * A config's XML is named after it, with .xml added: guest.cfg.xml, test1.xml. Its whole name is
   * kept because a directory may hold guest.cfg beside a dump guest.xml.
   */
  private static Path xmlName(Path name, boolean fromNativeConfig) {
    String file = name.getFileName().toString();
    return !fromNativeConfig || file.endsWith(".xml") ? name : name.resolveSibling(file + ".xml");
  }

  private void fail(Tally outcomes, Input input, Exception e) {
    PrintWriter err = spec.commandLine().getErr();
    outcomes.add(Outcome.failed(input.name(), e.getMessage()));
    err.println("x2k: " + input.name() + ": " + e.getMessage());
    if (common.stacktrace) {
      e.printStackTrace(err);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private void print(String text) throws InputException {
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    if (out.checkError()) {
      throw new InputException("cannot write to standard output");
    }
  }
}
