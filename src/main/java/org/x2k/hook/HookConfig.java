package org.x2k.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.x2k.convert.ConversionSettings;
import org.x2k.io.InputException;
import org.x2k.io.TrustedPath;

/**
 * The hook's configuration file (default /etc/x2k/hook.conf): one mapping per line,
 *
 * <pre>
 * # comments and blank lines are ignored
 * bridge eth0=br0
 * network xenbr1=hostonly
 * </pre>
 */
public record HookConfig(Map<String, String> bridges, Map<String, String> networks) {
  public static final Path DEFAULT = Path.of("/etc/x2k/hook.conf");

  public static HookConfig read(Path file) throws InputException {
    List<String> lines;
    try {
      if (!Files.exists(file)) {
        throw new NoSuchFileException(file.toString());
      }
      refuseIfOthersCanWrite(file);
      // and every directory above it: another user who may write one could swap the file
      Path real = TrustedPath.require(file, "the hook's configuration");
      lines = Files.readAllLines(real, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException(
          "no bridge mappings: " + file + " does not exist (see x2k hook-install)");
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> bridges = new LinkedHashMap<>();
    Map<String, String> networks = new LinkedHashMap<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      String[] mapping = words.length == 2 ? words[1].split("=", -1) : new String[0];
      boolean valid =
          mapping.length == 2
              && ConversionSettings.isBridgeName(mapping[0])
              && ConversionSettings.isBridgeName(mapping[1])
              && (words[0].equals("bridge") || words[0].equals("network"));
      if (!valid) {
        throw new InputException(
            file
                + ":"
                + number
                + ": expected 'bridge OLD=NEW' or"
                + " 'network OLD=NETWORK', not '"
                + line
                + "'");
      }
      (words[0].equals("bridge") ? bridges : networks).put(mapping[0], mapping[1]);
    }
    return new HookConfig(bridges, networks);
  }

  /**
   * The hook runs as root on what this file says: a file that a group or other users may write, or
   * that belongs to another user than root or the hook's own, is not taken.
   */
  private static void refuseIfOthersCanWrite(Path file) throws IOException, InputException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class);
    } catch (UnsupportedOperationException e) {
      return;
    }
    Set<PosixFilePermission> mode = attributes.permissions();
    if (mode.contains(PosixFilePermission.GROUP_WRITE)
        || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new InputException(
          file
              + " may be written by others ("
              + PosixFilePermissions.toString(mode)
              + "): not taken (chmod go-w "
              + file
              + ")");
    }
    String owner = attributes.owner().getName();
    if (!owner.equals("root") && !owner.equals(System.getProperty("user.name"))) {
      throw new InputException(file + " belongs to " + owner + ", not to root: not taken");
    }
  }

  public String text() {
    StringBuilder text =
        new StringBuilder(
            "# x2k libvirt hook: bridges renamed in the XML of incoming migrations and restores.\n"
                + "# One mapping per line: 'bridge OLD=NEW' or 'network OLD=NETWORK'.\n");
    bridges.forEach(
        (from, to) -> text.append("bridge ").append(from).append('=').append(to).append('\n'));
    networks.forEach(
        (from, to) -> text.append("network ").append(from).append('=').append(to).append('\n'));
    return text.toString();
  }
}
