package org.x2k.hook;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.x2k.io.InputException;
import org.x2k.io.OutputException;
import org.x2k.io.OutputFiles;
import org.x2k.io.TrustedPath;

/**
 * Installs libvirt's qemu hook as a small shell wrapper that runs {@code x2k hook} only for
 * migrate/begin and restore/begin, and the bridge mappings it uses.
 *
 * <p>libvirtd runs the hook as root on every incoming migration and restore, so the hook runs
 * nothing a non-root user could change: x2k's jar is copied into a root-owned directory, the JDK
 * must be one that only root (or the installing user) can change, and no start-up cache or launcher
 * of the installing user's is used.
 *
 * @param hooksDirectory libvirt's hook directory
 * @param config where the mappings go
 * @param installDirectory where the hook's own copy of x2k's jar goes
 * @param java the java the hook runs, or null for the one running now
 * @param jar the x2k jar to install, or null for the one running now
 * @param force replace a qemu hook that is not x2k's, keeping it as qemu.bak
 */
public record HookInstaller(
    Path hooksDirectory, Path config, Path installDirectory, Path java, Path jar, boolean force) {
  /** Marks a hook file as x2k's, so that installing again may replace it. */
  static final String MARKER = "x2k-hook-wrapper";

  /** The copy of x2k the hook runs, in the install directory. */
  static final String INSTALLED_JAR = "x2k.jar";

  /** Beside it: says that hook-install put it there. */
  static final String INSTALLED_MARK = ".x2k-hook-install";

  /**
   * Installs the hook with {@code bridges} and {@code networks} as its mappings (none: the
   * configuration is left as it is); true if it did, else {@code err} says why.
   */
  public boolean install(
      Map<String, String> bridges, Map<String, String> networks, PrintWriter out, PrintWriter err) {
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
          return false;
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
      if (!bridges.isEmpty() || !networks.isEmpty()) {
        OutputFiles.writeAtomically(
            OutputFiles.Target.named(config),
            new HookConfig(bridges, networks).text().getBytes(StandardCharsets.UTF_8),
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
      return false;
    }
    out.println(
        "x2k: installed "
            + hook
            + " (running "
            + installDirectory.resolve(INSTALLED_JAR)
            + "); restart libvirtd (systemctl restart libvirtd) so that it runs the hook");
    return true;
  }

  /** The jar x2k runs from; a build's class directory is not one. */
  private static Path runningJar() throws InputException {
    try {
      Path location =
          Path.of(HookInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
  private String wrapper(Path javaCommand, Path installedJar) {
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
