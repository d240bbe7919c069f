package org.x2k.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code x2k completion bash|zsh}: the shell completion script, generated from x2k's options. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a completion script for bash or zsh.",
      "bash: x2k completion bash > /etc/bash_completion.d/x2k (or source it from ~/.bashrc)",
      "zsh:  x2k completion zsh > \"${fpath[1]}/_x2k\" (or source it from ~/.zshrc)",
      "The packages install both where bash-completion and zsh look."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:script printed", ExitCodes.USAGE_LINE})
public final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "bash|zsh", description = "The shell.")
  Shell shell;

  @Override
  public Integer call() {
    String script = withoutShebang(AutoComplete.bash("x2k", spec.root().commandLine()));
    if (shell == Shell.zsh) {
      script = zsh(script);
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /**
   * A completion script is sourced, never run: picocli's {@code #!} line would only mislead (and
   * Debian's lintian warns of it in a package).
   */
  static String withoutShebang(String script) {
    return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
  }

  /**
   * picocli's bash script, which sets up zsh's bashcompinit itself when sourced, as a file that
   * also works from a directory in {@code $fpath}: compinit registers it by its {@code #compdef}
   * line and runs it as the function {@code _x2k} at the first TAB, which then has to complete that
   * first word too, since the script's own {@code complete} only binds later ones.
   */
  static String zsh(String bashScript) {
    return "#compdef x2k\n"
        + bashScript
        + "\nif [[ ${funcstack[1]:-} == _x2k ]]; then\n"
        + "  _bash_complete -F _complete_x2k -o default\n"
        + "fi\n";
  }
}
