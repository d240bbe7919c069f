package org.x2k.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.x2k.io.InputException;

/**
 * The hook's configuration file (default /etc/x2k/hook.conf): one mapping per line,
 *
 * <pre>
 * # comments and blank lines are ignored
 * bridge eth0=br0
 * network xenbr1=hostonly
 * </pre>
 */
record HookConfig(Map<String, String> bridges, Map<String, String> networks) {
  static final Path DEFAULT = Path.of("/etc/x2k/hook.conf");

  static HookConfig read(Path file) throws InputException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException("no bridge mappings: " + file + " does not exist (see x2k hook-install)");
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
      boolean valid = mapping.length == 2 && MappingOptions.isName(mapping[0]) && MappingOptions.isName(mapping[1])
          && (words[0].equals("bridge") || words[0].equals("network"));
      if (!valid) {
        throw new InputException(file + ":" + number + ": expected 'bridge OLD=NEW' or"
            + " 'network OLD=NETWORK', not '" + line + "'");
      }
      (words[0].equals("bridge") ? bridges : networks).put(mapping[0], mapping[1]);
    }
    return new HookConfig(bridges, networks);
  }

  String text() {
    StringBuilder text = new StringBuilder(
        "# x2k libvirt hook: bridges renamed in the XML of incoming migrations and restores.\n"
            + "# One mapping per line: 'bridge OLD=NEW' or 'network OLD=NETWORK'.\n");
    bridges.forEach((from, to) -> text.append("bridge ").append(from).append('=').append(to).append('\n'));
    networks.forEach((from, to) -> text.append("network ").append(from).append('=').append(to).append('\n'));
    return text.toString();
  }
}
