package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.x2k.convert.ConversionSettings;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each fact about an option has one home, held to it here: the values x2k's enums offer are the
 * values the stylesheet's parameter checks take, and docs/converting.md's table names exactly the
 * options x2k convert has.
 */
class OptionValuesTest {
  /** Each checked stylesheet parameter, and the enum whose constants x2k passes to it. */
  private static final Map<String, Class<? extends Enum<?>>> PARAMETERS =
      Map.of(
          "domain-type", ConversionSettings.DomainType.class,
          "boot", ConversionSettings.Boot.class,
          "disk-bus", ConversionSettings.DiskBus.class,
          "emulated-disk-bus", ConversionSettings.DiskBus.class,
          "cdrom-bus", ConversionSettings.CdromBus.class,
          "disk-format", ConversionSettings.DiskFormat.class,
          "disk-cache", ConversionSettings.Cache.class,
          "nic-model", ConversionSettings.NicModel.class);

  @Test
  void theEnumsOfferWhatTheStylesheetTakes() throws IOException {
    String domain = Files.readString(Path.of("xslt/xen2qemu/domain.xsl"));
    Matcher check =
        Pattern.compile("x2k:check-parameter\\('([a-z-]+)', \\$[a-z-]+, \\(([^)]*)\\)\\)")
            .matcher(domain);
    Map<String, Set<String>> taken = new TreeMap<>();
    while (check.find()) {
      taken.put(
          check.group(1),
          Arrays.stream(check.group(2).split(","))
              .map(value -> value.strip().replace("'", ""))
              .filter(value -> !value.isEmpty())
              .collect(Collectors.toCollection(TreeSet::new)));
    }
    assertEquals(new TreeSet<>(PARAMETERS.keySet()), taken.keySet());
    PARAMETERS.forEach(
        (parameter, type) -> {
          Set<String> offered = new TreeSet<>();
          for (Enum<?> constant : type.getEnumConstants()) {
            // --cache hypervisor passes the empty value: QEMU's own default
            if (!(constant == ConversionSettings.Cache.hypervisor)) {
              offered.add(constant.name());
            }
          }
          assertEquals(taken.get(parameter), offered, parameter);
        });
  }

  @Test
  void theDocumentedTableNamesEveryOptionOfConvert() throws IOException {
    String page = Files.readString(Path.of("docs/converting.md"));
    Set<String> documented = new TreeSet<>();
    for (String row : page.lines().filter(line -> line.startsWith("| `")).toList()) {
      Matcher option = Pattern.compile("`(--?[a-zA-Z][a-z-]*)").matcher(row.split(" \\| ")[0]);
      while (option.find()) {
        documented.add(option.group(1));
      }
    }
    Set<String> options = new TreeSet<>();
    for (OptionSpec option :
        X2kCommand.commandLine(InputStream.nullInputStream(), new String[] {"convert"})
            .getSubcommands()
            .get("convert")
            .getCommandSpec()
            .options()) {
      options.addAll(List.of(option.names()));
    }
    assertTrue(!options.isEmpty());
    assertEquals(options, documented, "docs/converting.md's option table and x2k convert");
  }
}
