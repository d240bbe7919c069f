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
      "zsh:  x2k completion zsh > \"${fpath[1]}/_x2k\" (or source it from ~/.zshrc)"
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
    String script = AutoComplete.bash("x2k", spec.root().commandLine());
    if (shell == Shell.zsh) {
      // picocli's script runs in zsh through bash-style completion.
      script =
          "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
              + script;
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
