package org.x2k.io;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.x2k.text.ControlCharacters;

/**
 * Expands command-line arguments into the documents to convert: {@code -} is standard input, a
 * directory stands for the files directly in it (or below it, recursively), anything else is a
 * file. What a file holds (domain XML, an xl/xm config, or neither) is for the converter to tell;
 * in a directory, hidden files are passed over, and symbolic links and editor backups ({@code ~})
 * are skipped with a note, since they repeat a definition found elsewhere (/etc/xen/auto/ links the
 * configs beside it). Directory contents are sorted so batches run in a repeatable order.
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
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          path,
          EnumSet.noneOf(FileVisitOption.class),
          recursive ? Integer.MAX_VALUE : 1,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(
                Path directory, BasicFileAttributes attributes) {
              return directory.equals(path) || !hidden(directory)
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (!hidden(file)) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (file.equals(path)) {
                problems.add(new Problem(argument, "cannot list directory: " + IoReason.of(e)));
              } else {
                problems.add(new Problem(file.toString(), "cannot read: " + IoReason.of(e)));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      problems.add(new Problem(argument, "cannot list directory: " + IoReason.of(e)));
    }
    found.sort(null);
    for (Path file : found) {
      String name = file.getFileName().toString();
      int control = ControlCharacters.firstInName(file.toString());
      if (control >= 0) {
        // shown as it is, the name would forge or reorder the lines of x2k's messages
        skipped.add(
            new Problem(
                ControlCharacters.escaped(file.toString()),
                "its name holds the control character "
                    + ControlCharacters.name(control)
                    + ": rename it to convert it"));
      } else if (Files.isSymbolicLink(file)) {
        skipped.add(new Problem(file.toString(), "a symbolic link: convert what it points to"));
      } else if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        // only met at the depth limit, that is without --recursive
        skipped.add(
            new Problem(file.toString(), "a directory: add --recursive to convert what it holds"));
      } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        skipped.add(new Problem(file.toString(), "not a regular file (a pipe, socket or device)"));
      } else if (name.endsWith("~")) {
        skipped.add(new Problem(file.toString(), "an editor's backup copy"));
      } else {
        inputs.add(new Input(file.toString(), file, path.relativize(file), true));
      }
    }
  }

  private static boolean hidden(Path file) {
    return file.getFileName().toString().startsWith(".");
  }

  /**
   * Documents read elsewhere (domains read through libvirt), with the problems met reading them,
   * handled as the files of a directory argument.
   */
  public static Inputs of(List<Input> documents, List<Problem> problems) {
    Inputs result = new Inputs();
    result.inputs.addAll(documents);
    result.problems.addAll(problems);
    result.anyDirectory = true;
    return result;
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
