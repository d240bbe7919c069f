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
 * directory stands for the {@code *.xml} files directly in it (or below it, recursively), anything
 * else is a file. Directory contents are sorted so batches run in a repeatable order.
 */
public final class Inputs {
  private final List<Input> inputs = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

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
          .filter(file -> file.getFileName().toString().endsWith(".xml"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(file -> inputs.add(new Input(file.toString(), file, path.relativize(file), true)));
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

  /** Whether any argument was a directory. */
  public boolean anyDirectory() {
    return anyDirectory;
  }

  /** How many arguments (or defaults) stand for standard input. */
  public long stdinCount() {
    return inputs.stream().filter(Input::isStdin).count();
  }
}
