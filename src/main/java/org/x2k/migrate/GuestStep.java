package org.x2k.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.x2k.convert.Conversion;
import org.x2k.convert.ConversionException;
import org.x2k.convert.ConversionSettings;
import org.x2k.convert.DomainConverter;
import org.x2k.convert.GuestDomain;
import org.x2k.convert.Report;
import org.x2k.guest.Finding;
import org.x2k.guest.GuestException;
import org.x2k.guest.GuestPlan;
import org.x2k.guest.engine.BootDirectory;
import org.x2k.guest.engine.GuestSession;
import org.x2k.guest.engine.ManifestSeal;
import org.x2k.guest.engine.StageClock;

/**
 * The in-guest part of a conversion (--guest): after the XML, the same plan (disk renaming, NICs,
 * console) applied to the guest's own files with libguestfs. The report's guest steps become "done"
 * entries; a guest booted with its own kernel gets it in the domain.
 */
public final class GuestStep {
  private final GuestSettings options;
  private final GuestSession.Mode mode;
  private final boolean force;
  private volatile ApplianceSlots slots = new ApplianceSlots(1);

  /**
   * @param force whether a boot directory that holds another domain's files may be taken over
   */
  public GuestStep(GuestSettings options, GuestSession.Mode mode, boolean force) {
    this.options = options;
    this.mode = mode;
    this.force = force;
  }

  /** The appliances the batch's workers may run at once. */
  void runAtOnce(ApplianceSlots slots) {
    this.slots = slots;
  }

  Conversion apply(DomainConverter converter, byte[] xml, Conversion result)
      throws ConversionException {
    // a report has the guest's plan only when a Xen domain was converted
    GuestDomain domain =
        result
            .report()
            .guest()
            .orElseThrow(
                () ->
                    new ConversionException(
                        "no Xen domain: x2k changes a guest given the Xen definition it was"
                            + " converted from",
                        null,
                        "guest-not-xen"));
    if (domain.disks().isEmpty()) {
      throw new ConversionException("the domain has no disks to change", null, "guest-no-disks");
    }
    List<GuestSession.Disk> disks = new ArrayList<>();
    List<Report.DiskCopy> copies = result.report().copies();
    for (GuestDomain.Disk disk : domain.disks()) {
      // with --copy-storage the guest is changed on its copies, never on its source
      Optional<Report.DiskCopy> copy =
          copies.stream().filter(c -> c.xenName().equals(disk.xenName())).findFirst();
      disks.add(
          copy.isPresent()
              ? new GuestSession.Disk(
                  Path.of(copy.get().target()),
                  copy.get().format(),
                  disk.xenName(),
                  disk.readOnly())
              : new GuestSession.Disk(
                  options.locate(disk.source()), disk.format(), disk.xenName(), disk.readOnly()));
    }
    GuestPlan plan =
        new GuestPlan(
            domain.renames(),
            domain.macs(),
            domain.paravirtual(),
            domain.bootsFromDisk(),
            domain.xenCommandLine());
    BootDirectory bootDirectory =
        BootDirectory.of(options.bootDirectory(), result.name(), result.uuid());
    GuestSession.Result guest;
    StageClock clock = new StageClock();
    try {
      if (mode == GuestSession.Mode.APPLY && !force) {
        // before the guest is changed: a refusal later would leave it half converted
        bootDirectory.checkNoOtherDomain();
      }
      ManifestSeal seal =
          ManifestSeal.forDomain(
              result.uuid().isEmpty() ? result.name() : result.uuid().toLowerCase(Locale.ROOT),
              mode == GuestSession.Mode.APPLY);
      guest =
          inSlot(
              () ->
                  GuestSession.run(disks, plan, mode, bootDirectory, seal, clock, options.keys()));
    } catch (GuestException e) {
      throw new ConversionException("guest: " + e.getMessage(), e, e.code(), e.detail());
    } finally {
      clock.stop();
    }
    if (options.timings()) {
      result = result.withNotes(clock.lines().stream().map(line -> "guest stage " + line).toList());
    }
    if (guest.refused()) {
      Finding reason = guest.findings().get(guest.findings().size() - 1);
      throw new ConversionException("guest left unchanged: " + reason.text(), null, reason.code());
    }
    if (mode == GuestSession.Mode.UNDO) {
      // what was undone (its changes), and what could not be: not the conversion's report again
      List<Report.Change> undone = new ArrayList<>();
      List<Report.Action> left = new ArrayList<>();
      for (Finding finding : guest.findings()) {
        if (finding.severity().equals("done")) {
          undone.add(new Report.Change(finding.code(), finding.text()));
        } else {
          left.add(new Report.Action(finding.code(), finding.severity(), finding.text()));
        }
      }
      return result.withGuest(
          result.xml(),
          new Report(undone, left, List.of(), List.of(), Optional.empty(), List.of()),
          guest.diff());
    }
    Conversion written = result;
    if (guest.kernel().isPresent()) {
      // the domain boots the guest's own kernel: its XML and its report both describe that
      GuestSession.HostKernel kernel = guest.kernel().get();
      written =
          converter.convert(
              xml,
              copies,
              new ConversionSettings.DirectBoot(
                  kernel.kernel().toString(), kernel.initrd().toString(), kernel.commandLine()));
    }
    return result.withGuest(written.xml(), report(written.report(), guest), guest.diff());
  }

  private interface Session {
    GuestSession.Result run() throws GuestException;
  }

  /** {@code session} once an appliance slot is free: memory bounds how many run at once. */
  private GuestSession.Result inSlot(Session session) throws GuestException, ConversionException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConversionException("guest: interrupted before it started", e, "guest-failed");
    }
    try {
      return session.run();
    } finally {
      slots.release();
    }
  }

  private Report report(Report report, GuestSession.Result guest) {
    List<Report.Action> actions = new ArrayList<>();
    for (Report.Action action : report.actions()) {
      boolean done =
          mode == GuestSession.Mode.APPLY
              && (guest.completedActions().contains(action.code())
                  || (action.code().equals("host-kernel-files") && guest.kernel().isPresent()));
      if (!done) {
        actions.add(action);
      }
    }
    actions.addAll(actions(guest));
    if (mode == GuestSession.Mode.APPLY && !report.copies().isEmpty()) {
      actions.add(
          new Report.Action(
              "guest-changed-on-copy",
              "info",
              "The guest's files were changed on its copies only: its Xen disks are as they were,"
                  + " and they are the way back (no x2k guest --undo is needed)."));
    }
    return report.withActions(actions);
  }

  private static List<Report.Action> actions(GuestSession.Result guest) {
    List<Report.Action> actions = new ArrayList<>();
    for (Finding finding : guest.findings()) {
      actions.add(new Report.Action(finding.code(), finding.severity(), finding.text()));
    }
    return actions;
  }
}
