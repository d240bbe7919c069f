package org.x2k.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.x2k.io.InputException;
import org.x2k.io.OutputException;
import org.x2k.io.OutputFiles;
import org.x2k.io.TrustedPath;
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
  /** Marks a hook file as x2k's, so that installing again may replace it. */
  static final String MARKER = "x2k-hook-wrapper";

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

  /** The copy of x2k the hook runs, in {@link #installDirectory}. */
  static final String INSTALLED_JAR = "x2k.jar";

  /** Beside it: says that hook-install put it there. */
  static final String INSTALLED_MARK = ".x2k-hook-install";

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
      Path javaCommand =
          java != null
              ? java
              : Path.of(
                  ProcessHandle.current()
                      .info()
                      .command()
                      .orElseThrow(
                          () ->
                              new InputException("cannot tell which java runs x2k: give --java")));
      javaCommand = TrustedPath.require(javaCommand, "the java the hook would run");
      Path source = jar != null ? jar : runningJar();
      for (Path directory :
          new Path[] {hooksDirectory, installDirectory, config.toAbsolutePath().getParent()}) {
        TrustedPath.requireDirectoryWhereItExists(directory);
      }
      if (Files.exists(hook) && !Files.readString(hook, StandardCharsets.UTF_8).contains(MARKER)) {
        if (!force) {
          err.println(
              "x2k: "
                  + hook
                  + " is another program's hook; not replacing it (--force keeps it as "
                  + hook.getFileName()
                  + ".bak and installs x2k's)");
          return ExitCodes.FAILED;
        }
        OutputFiles.writeAtomically(
            OutputFiles.Target.below(hooksDirectory, Path.of("qemu.bak")),
            Files.readAllBytes(hook),
            true,
            OutputFiles.OWNER_ONLY);
      }
      Path installed = installDirectory.resolve(INSTALLED_JAR);
      OutputFiles.writeAtomically(
          OutputFiles.Target.below(installDirectory, Path.of(INSTALLED_JAR)),
          Files.readAllBytes(source),
          true,
          Set.copyOf(PosixFilePermissions.fromString("rw-r--r--")));
      // the package's purge removes a copy so marked when no libvirt hook runs it any more
      OutputFiles.writeAtomically(
          OutputFiles.Target.below(installDirectory, Path.of(INSTALLED_MARK)),
          ("x2k hook-install put " + INSTALLED_JAR + " here for libvirt's qemu hook\n")
              .getBytes(StandardCharsets.UTF_8),
          true,
          Set.copyOf(PosixFilePermissions.fromString("rw-r--r--")));
      if (!mappings.bridges.isEmpty() || !mappings.networks.isEmpty()) {
        OutputFiles.writeAtomically(
            OutputFiles.Target.named(config),
            new HookConfig(mappings.bridges, mappings.networks)
                .text()
                .getBytes(StandardCharsets.UTF_8),
            true,
            Set.copyOf(PosixFilePermissions.fromString("rw-r--r--")));
        out.println("x2k: wrote " + config);
      } else if (!Files.exists(config)) {
        err.println(
            "x2k: note: "
                + config
                + " does not exist yet: add lines 'bridge OLD=NEW' to it,"
                + " or migrations and restores will be refused");
      }
      OutputFiles.writeAtomically(
          OutputFiles.Target.below(hooksDirectory, Path.of("qemu")),
          wrapper(javaCommand, installed.toAbsolutePath()).getBytes(StandardCharsets.UTF_8),
          true,
          Set.copyOf(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (InputException | OutputException | IOException e) {
      err.println(
          "x2k: cannot install the hook: "
              + (e instanceof IOException io ? io.getMessage() : e.getMessage()));
      return ExitCodes.FAILED;
    }
    out.println(
        "x2k: installed "
            + hook
            + " (running "
            + installDirectory.resolve(INSTALLED_JAR)
            + "); restart libvirtd (systemctl restart libvirtd) so that it runs the hook");
    return ExitCodes.OK;
  }

  /** The jar x2k runs from; a build's class directory is not one. */
  private static Path runningJar() throws InputException {
    try {
      Path location =
          Path.of(
              HookInstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(location)) {
        throw new InputException(
            "x2k runs from "
                + location
                + ", not from a jar: build one (./mvnw package)"
                + " or give --jar");
      }
      return location;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      throw new InputException("cannot tell which jar x2k runs from: give --jar");
    }
  }

  /**
   * The hook script: x2k only for the operations it rewrites; everything else returns at once. It
   * runs {@code java} on the installed jar directly: no launcher, no build, no start-up cache,
   * nothing from the installing user's environment.
   */
  String wrapper(Path javaCommand, Path installedJar) {
    String command =
        "exec "
            + quote(javaCommand.toString())
            + " -XX:+UseSerialGC -Xmx512m -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto"
            + " -Xlog:disable -Xlog:all=error:stderr -jar "
            + quote(installedJar.toString())
            + " hook";
    return "#!/bin/sh\n"
        + "# "
        + MARKER
        + ": libvirt's qemu hook, written by x2k hook-install.\n"
        + "# Renames bridges in the XML of incoming migrations and restores (mappings in\n"
        + "# "
        + config
        + "); every other operation returns at once. A non-zero exit makes\n"
        + "# libvirt refuse the operation.\n"
        + "case \"$2/$3\" in\n"
        + "  migrate/begin|restore/begin)\n"
        + "    "
        + command
        + " --config "
        + quote(config.toAbsolutePath().toString())
        + " \"$@\" ;;\n"
        + "esac\n"
        + "exit 0\n";
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
