package org.x2k.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.x2k.convert.ConversionSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Bridge mappings, shared by convert, bridge and hook install: --bridge and --network. */
public final class MappingOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--bridge",
      paramLabel = "OLD=NEW",
      description = "Attach interfaces bridged to OLD to bridge NEW instead (repeatable).")
  Map<String, String> bridges = new LinkedHashMap<>();

  @Option(
      names = "--network",
      paramLabel = "OLD=NETWORK",
      description = "Move interfaces bridged to OLD onto the libvirt network NETWORK (repeatable).")
  Map<String, String> networks = new LinkedHashMap<>();

  /** Checks every mapping names both sides with a usable interface or network name. */
  void validate() {
    check("--bridge", bridges);
    check("--network", networks);
  }

  private void check(String option, Map<String, String> mappings) {
    mappings.forEach(
        (from, to) -> {
          if (!ConversionSettings.isBridgeName(from) || !ConversionSettings.isBridgeName(to)) {
            throw new ParameterException(
                spec.commandLine(),
                option
                    + " takes OLD=NEW with both names"
                    + " given (letters, digits, . _ : -), not '"
                    + from
                    + "="
                    + to
                    + "'");
          }
        });
  }
}
