package org.x2k.cli;

import java.util.ArrayList;
import java.util.List;
import org.x2k.libvirt.DomainSelection;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Fleet mode: domains read from a Xen host and defined on a KVM host through libvirt. */
public final class FleetOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--connect",
      paramLabel = "URI",
      description =
          "Read the domains' inactive definitions through libvirt from URI"
              + " (xen+ssh://root@xenhost, xen:///system, any libvirt URI) instead of files: INPUTs"
              + " name domains there; or use --all or --match.")
  String connect;

  /** --all or --match, never both; null if neither. */
  @ArgGroup(exclusive = true)
  DomainChoice choice;

  /** Which domains of --connect a run takes, other than by name. */
  static final class DomainChoice {
    @Option(
        names = "--all",
        required = true,
        description = "With --connect: every domain of the source.")
    boolean all;

    @Option(
        names = "--match",
        paramLabel = "PATTERN",
        required = true,
        description =
            "With --connect: the domains whose names match the glob PATTERN (*, ?, [abc]);"
                + " repeatable.")
    List<String> patterns = new ArrayList<>();
  }

  @Option(
      names = "--define",
      paramLabel = "URI",
      description =
          "Define each converted domain on URI (qemu:///system, qemu+ssh://root@kvmhost/system)"
              + " instead of, or with -o as well as, writing files. A domain whose name or uuid"
              + " exists there is skipped unless --replace. With --dry-run, URI is asked whether it"
              + " accepts each definition (it is defined and undefined at once) and keeps none.")
  String define;

  @Option(
      names = "--replace",
      description =
          "With --define: redefine domains that exist on the target under the same name and uuid.")
  boolean replace;

  /**
   * The domains of --connect that {@code names} and these options choose, once the combinations
   * that cannot work are refused as usage errors.
   *
   * @param recursive whether -r was given
   */
  DomainSelection validate(List<String> names, OutputOptions output, boolean recursive) {
    DomainSelection selection =
        new DomainSelection(
            names, choice != null && choice.all, choice != null ? choice.patterns : List.of());
    if (connect == null && choice != null) {
      throw usage("--all and --match choose domains of --connect URI");
    }
    if (connect != null && names.isEmpty() && choice == null) {
      throw usage("--connect needs domain names, --all or --match PATTERN");
    }
    if (choice != null && !names.isEmpty()) {
      throw usage(
          (choice.all ? "--all takes every domain" : "--match chooses the domains")
              + ": drop the names");
    }
    if (replace && define == null) {
      throw usage("--replace applies to --define URI");
    }
    if (connect != null && (output.inPlace || recursive)) {
      throw usage("--in-place and --recursive apply to files, not to domains read with --connect");
    }
    if (define != null && output.diff) {
      throw usage("--diff writes no definition: drop --define");
    }
    return selection;
  }

  private ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }
}
