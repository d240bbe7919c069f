package org.x2k.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands command-line arguments into the documents to convert: {@code -} is standard input, a
 * directory stands for the files directly in it (or below it, recursively), anything else is a
 * file. What a file holds (domain XML, an xl/xm config, or neither) is for the converter to tell;
 * in a directory, hidden files are passed over, and symbolic links and editor backups ({@code ~})
 * are skipped with a note, since they repeat a definition found elsewhere (/etc/xen/auto/ links
 * the configs beside it). Directory contents are sorted so batches run in a repeatable order.
 */
public final class Inputs {
  private final List<Input> inputs = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> skipped = new ArrayList<>();

  /** An argument that could not be expanded into inputs. */
  public record Problem(String input, String message) {}
  private boolean anyDirectory;

  private Inputs() {}

  /**
   * @param arguments the INPUT arguments; none means standard input
   * @param recursive whether directories are searched below their top level
   */
  public static Inputs expand(List<String> arguments, boolean recursive) {
    Inputs result = new Inputs();
    if (arguments.isEmpty()) {
      result.inputs.add(Input.stdin());
    }
    for (String argument : arguments) {
      result.add(argument, recursive);
    }
    return result;
  }

  private void add(String argument, boolean recursive) {
    if (argument.equals("-")) {
      inputs.add(Input.stdin());
      return;
    }
    Path path = Path.of(argument);
    if (!Files.isDirectory(path)) {
      inputs.add(new Input(argument, path, path.getFileName(), false));
      return;
    }
    anyDirectory = true;
    try (Stream<Path> files = recursive ? Files.walk(path) : Files.list(path)) {
      files
          .filter(file -> !file.equals(path))
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(file -> {
            if (Files.isSymbolicLink(file)) {
              skipped.add(new Problem(file.toString(), "a symbolic link: convert what it points to"));
            } else if (file.getFileName().toString().endsWith("~")) {
              skipped.add(new Problem(file.toString(), "an editor's backup copy"));
            } else if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
              inputs.add(new Input(file.toString(), file, path.relativize(file), true));
            }
          });
    } catch (IOException | UncheckedIOException e) {
      problems.add(new Problem(argument, "cannot list directory: " + rootMessage(e)));
    }
  }

  private static String rootMessage(Exception e) {
    Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    return cause.toString();
  }

  /** The documents found, in argument order. */
  public List<Input> inputs() {
    return inputs;
  }

  /** Arguments that could not be expanded. */
  public List<Problem> problems() {
    return problems;
  }

  /** Files found in directories and passed over, with why. */
  public List<Problem> skipped() {
    return skipped;
  }

  /** Whether any argument was a directory. */
  public boolean anyDirectory() {
    return anyDirectory;
  }

  /** How many arguments (or defaults) stand for standard input. */
  public long stdinCount() {
    return inputs.stream().filter(Input::isStdin).count();
  }
}
