package org.x2k.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.x2k.io.InputException;
import org.x2k.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code x2k hook-install}: writes libvirt's qemu hook as a small shell wrapper that runs
 * {@code x2k hook} only for migrate/begin and restore/begin, and the bridge mappings it uses.
 */
@Command(
    name = "hook-install",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Installs x2k as libvirt's qemu hook (/etc/libvirt/hooks/qemu), renaming bridges in"
          + " incoming migrations and restores, and writes the mappings to its configuration.",
      "libvirtd reads hooks when it starts: restart it afterwards."
    },
    footerHeading = "%nExample:%n",
    footer = {"  x2k hook-install eth0=br0 eth1=br1 && systemctl restart libvirtd"},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:installed", "1:could not write, or a foreign hook is in the way", ExitCodes.USAGE_LINE})
public final class HookInstallCommand implements Callable<Integer> {
  /** Marks a hook file as x2k's, so that installing again may replace it. */
  static final String MARKER = "x2k-hook-wrapper";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "OLD=NEW", arity = "0..*",
      description = "Bridge mappings to write to the configuration (as bridge lines).")
  List<String> pairs = new ArrayList<>();

  @Mixin MappingOptions mappings;

  @Option(names = "--hooks-dir", paramLabel = "DIR", defaultValue = "/etc/libvirt/hooks",
      description = "libvirt's hook directory (default: ${DEFAULT-VALUE}).")
  Path hooksDirectory;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/x2k/hook.conf",
      description = "Where the mappings go (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--force",
      description = "Replace a qemu hook that is not x2k's (it is kept as qemu.bak).")
  boolean force;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new ParameterException(spec.commandLine(), "expected OLD=NEW, not '" + pair + "'");
      }
      mappings.bridges.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    mappings.validate();
    Path hook = hooksDirectory.resolve("qemu");
    try {
      if (Files.exists(hook) && !Files.readString(hook, StandardCharsets.UTF_8).contains(MARKER)) {
        if (!force) {
          err.println("x2k: " + hook + " is another program's hook; not replacing it (--force keeps it as "
              + hook.getFileName() + ".bak and installs x2k's)");
          return ExitCodes.FAILED;
        }
        OutputFiles.writeAtomically(OutputFiles.Target.below(hooksDirectory, Path.of("qemu.bak")),
            Files.readAllBytes(hook), true, OutputFiles.OWNER_ONLY);
      }
      if (!mappings.bridges.isEmpty() || !mappings.networks.isEmpty()) {
        OutputFiles.writeAtomically(OutputFiles.Target.named(config),
            new HookConfig(mappings.bridges, mappings.networks).text().getBytes(StandardCharsets.UTF_8),
            true, Set.copyOf(PosixFilePermissions.fromString("rw-r--r--")));
        out.println("x2k: wrote " + config);
      } else if (!Files.exists(config)) {
        err.println("x2k: note: " + config + " does not exist yet: add lines 'bridge OLD=NEW' to it,"
            + " or migrations and restores will be refused");
      }
      OutputFiles.writeAtomically(OutputFiles.Target.below(hooksDirectory, Path.of("qemu")),
          wrapper(System.getenv()).getBytes(StandardCharsets.UTF_8), true,
          Set.copyOf(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (InputException | IOException e) {
      err.println("x2k: cannot install the hook: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    out.println("x2k: installed " + hook + "; restart libvirtd (systemctl restart libvirtd) so that it runs the hook");
    return ExitCodes.OK;
  }

  /**
   * The hook script: x2k only for the operations it rewrites; everything else returns at once.
   * Installed from the launcher ({@code X2K_LAUNCHER} in {@code environment}), it runs x2k through
   * the launcher, so that the hook gets the same start-up cache (in the installing user's cache
   * directory, since libvirtd's environment has none of its own) but never starts a build.
   */
  String wrapper(Map<String, String> environment) {
    String launcher = environment.get("X2K_LAUNCHER");
    String command;
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      String cache = environment.get("X2K_CACHE_DIR");
      command = "X2K_NO_BUILD=1 " + (cache != null ? "X2K_CACHE_DIR=" + quote(cache) + " " : "")
          + "exec " + quote(launcher) + " hook";
    } else {
      String javaCommand = ProcessHandle.current().info().command().orElse("java");
      String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .map(entry -> Path.of(entry).toAbsolutePath().toString())
          .collect(Collectors.joining(File.pathSeparator));
      command = "exec " + quote(javaCommand) + " -cp " + quote(classPath) + " org.x2k.Main hook";
    }
    return "#!/bin/sh\n"
        + "# " + MARKER + ": libvirt's qemu hook, written by x2k hook-install.\n"
        + "# Renames bridges in the XML of incoming migrations and restores (mappings in\n"
        + "# " + config + "); every other operation returns at once. A non-zero exit makes\n"
        + "# libvirt refuse the operation.\n"
        + "case \"$2/$3\" in\n"
        + "  migrate/begin|restore/begin)\n"
        + "    " + command + " --config " + quote(config.toAbsolutePath().toString()) + " \"$@\" ;;\n"
        + "esac\n"
        + "exit 0\n";
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
