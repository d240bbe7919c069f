package org.x2k.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.x2k.hook.HookInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code x2k hook-install}: writes libvirt's qemu hook as a small shell wrapper that runs {@code
 * x2k hook} only for migrate/begin and restore/begin, and the bridge mappings it uses.
 *
 * <p>libvirtd runs the hook as root on every incoming migration and restore, so the hook runs
 * nothing a non-root user could change: x2k's jar is copied into a root-owned directory ({@code
 * --install-dir}), the JDK must be one that only root (or the installing user) can change, and no
 * start-up cache or launcher of the installing user's is used.
 */
@Command(
    name = "hook-install",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Installs x2k as libvirt's qemu hook (/etc/libvirt/hooks/qemu), renaming bridges in"
          + " incoming migrations and restores, and writes the mappings to its configuration.",
      "The hook runs a copy of x2k's jar in --install-dir with a JDK only root can change.",
      "libvirtd reads hooks when it starts: restart it afterwards."
    },
    footerHeading = "%nExample:%n",
    footer = {"  x2k hook-install eth0=br0 eth1=br1 && systemctl restart libvirtd"},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:installed",
      "1:could not write, a foreign hook is in the way, or a file the"
          + " hook would run could be changed by another user",
      ExitCodes.USAGE_LINE
    })
public final class HookInstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "OLD=NEW",
      arity = "0..*",
      description = "Bridge mappings to write to the configuration (as bridge lines).")
  List<String> pairs = new ArrayList<>();

  @Mixin MappingOptions mappings;

  @Option(
      names = "--hooks-dir",
      paramLabel = "DIR",
      defaultValue = "/etc/libvirt/hooks",
      description = "libvirt's hook directory (default: ${DEFAULT-VALUE}).")
  Path hooksDirectory;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "/etc/x2k/hook.conf",
      description = "Where the mappings go (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--install-dir",
      paramLabel = "DIR",
      defaultValue = "/usr/local/lib/x2k",
      description =
          "Where the hook's own copy of x2k's jar goes (default: ${DEFAULT-VALUE}): a directory"
              + " only root may write. Purging x2k's package removes the copy in the default"
              + " place once no libvirt hook runs it; elsewhere remove it by hand (rm"
              + " DIR/x2k.jar DIR/.x2k-hook-install) after removing the hook (HOOKS-DIR/qemu).")
  Path installDirectory;

  @Option(
      names = "--java",
      paramLabel = "PATH",
      description =
          "The java the hook runs (default: the one running now). It, and every directory"
              + " above it, must be changeable by root (or you) only.")
  Path java;

  @Option(
      names = "--jar",
      paramLabel = "FILE",
      description = "The x2k jar to install (default: the one running now).")
  Path jar;

  @Option(
      names = "--force",
      description = "Replace a qemu hook that is not x2k's (it is kept as qemu.bak).")
  boolean force;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new ParameterException(spec.commandLine(), "expected OLD=NEW, not '" + pair + "'");
      }
      mappings.bridges.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    mappings.validate();
    HookInstaller installer =
        new HookInstaller(hooksDirectory, config, installDirectory, java, jar, force);
    boolean installed =
        installer.install(
            mappings.bridges,
            mappings.networks,
            spec.commandLine().getOut(),
            spec.commandLine().getErr());
    return installed ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
