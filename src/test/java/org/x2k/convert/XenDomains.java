package org.x2k.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated Xen domains as Xen hosts write them (virsh dumpxml of PV, PVH and HVM guests from xm,
 * xend and libxl, active or inactive): random mixes of disks in every Xen driver, format and target
 * style, CD-ROMs, NICs with and without models and scripts, consoles, inputs, graphics, features
 * and runtime state. Each comes with what identifies the guest, for the properties to check against
 * the conversion.
 */
final class XenDomains {
  private XenDomains() {}

  enum Kind {
    PV,
    PVH,
    HVM
  }

  /** A generated domain: its XML, and the identity the conversion must keep. */
  record Domain(
      Kind kind,
      String xml,
      String name,
      String uuid,
      long memoryKiB,
      int vcpus,
      List<String> macs,
      List<String> diskSources) {
    @Override
    public String toString() {
      return xml;
    }
  }

  /** One disk as generated: its XML, and its source (null for an empty CD-ROM). */
  private record Disk(String xml, String source) {}

  /** One NIC: its XML and MAC. */
  private record Nic(String xml, String mac) {}

  private static Arbitrary<String> hex(int digits) {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(digits);
  }

  private static Arbitrary<String> uuids() {
    return Combinators.combine(hex(8), hex(4), hex(4), hex(4), hex(12))
        .as((a, b, c, d, e) -> a + "-" + b + "-" + c + "-" + d + "-" + e);
  }

  private static Arbitrary<String> names() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').ofLength(1),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('-', '_', '.')
                .ofMaxLength(20))
        .as(String::concat);
  }

  /** A file or device a Xen host keeps a disk in. */
  private static Arbitrary<String> paths() {
    return Combinators.combine(
            Arbitraries.of(
                "/var/lib/xen/images/",
                "/srv/xen/domains/",
                "/dev/vg0/",
                "/dev/disk/by-id/",
                "/mnt/nfs/vm images/"),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('-', '_')
                .ofMinLength(1)
                .ofMaxLength(12),
            Arbitraries.of("", ".img", ".raw", ".qcow2", ".vhd", "-disk", ".iso"))
        .as((dir, base, suffix) -> dir + base + suffix);
  }

  /** A disk's driver element as Xen's toolstacks wrote them, or none. */
  private static Arbitrary<String> drivers() {
    return Arbitraries.of(
        "",
        "<driver name='file'/>",
        "<driver name='phy'/>",
        "<driver name='tap' type='aio'/>",
        "<driver name='tap' type='qcow'/>",
        "<driver name='tap' type='qcow2'/>",
        "<driver name='tap' type='vhd'/>",
        "<driver name='tap2' type='aio'/>",
        "<driver name='tap2' type='vhd'/>",
        "<driver name='qemu' type='raw'/>",
        "<driver name='qemu' type='qcow2' cache='writeback'/>",
        "<driver name='file' type='raw'/>");
  }

  private static String target(Kind kind, int index, String style) {
    String letter = String.valueOf((char) ('a' + index));
    return switch (style) {
      case "xvd" -> "<target dev='xvd" + letter + "' bus='xen'/>";
      case "xvd-nobus" -> "<target dev='xvd" + letter + "'/>";
      case "hd" -> "<target dev='hd" + letter + "' bus='ide'/>";
      case "sd" -> "<target dev='sd" + letter + "' bus='scsi'/>";
      default -> "<target dev='xvda" + (index + 1) + "' bus='xen'/>";
    };
  }

  private static Arbitrary<Disk> disk(Kind kind, int index) {
    Arbitrary<String> styles =
        kind == Kind.HVM
            ? Arbitraries.of("hd", "xvd", "sd")
            : Arbitraries.of("xvd", "xvd-nobus", "xvd-partition", "hd", "sd");
    return Combinators.combine(
            Arbitraries.of("file", "block"),
            drivers(),
            paths(),
            styles,
            Arbitraries.of("", "<readonly/>", "<shareable/>"))
        .as(
            (type, driver, path, style, flag) -> {
              String source =
                  type.equals("file")
                      ? "<source file='" + path + "'/>"
                      : "<source dev='" + path + "'/>";
              return new Disk(
                  "<disk type='"
                      + type
                      + "' device='disk'>"
                      + driver
                      + source
                      + target(kind, index, style)
                      + flag
                      + "</disk>",
                  path);
            });
  }

  private static Arbitrary<Disk> cdrom(Kind kind, int index) {
    return Combinators.combine(Arbitraries.of(true, false), paths(), Arbitraries.of("hd", "xvd"))
        .as(
            (withSource, path, style) -> {
              String bus = kind == Kind.HVM || style.equals("hd") ? "hd" : "xvd";
              return new Disk(
                  "<disk type='file' device='cdrom'>"
                      + (withSource ? "<driver name='file'/><source file='" + path + "'/>" : "")
                      + target(kind, index, bus)
                      + "<readonly/></disk>",
                  withSource ? path : null);
            });
  }

  private static Arbitrary<Nic> nic(int index, String mac) {
    return Combinators.combine(
            Arbitraries.of("bridge", "ethernet"),
            Arbitraries.of("xenbr0", "eth0", "br0", "xenbr1"),
            Arbitraries.of(
                "", "<model type='netfront'/>", "<model type='e1000'/>", "<model type='rtl8139'/>"),
            Arbitraries.of(
                "", "<script path='vif-bridge'/>", "<script path='/etc/xen/scripts/vif-bridge'/>"),
            Arbitraries.of("", "<ip address='192.0.2." + (10 + index) + "'/>"),
            Arbitraries.of("", "<target dev='vif3." + index + "'/>"))
        .as(
            (type, bridge, model, script, ip, runtimeTarget) ->
                new Nic(
                    "<interface type='"
                        + type
                        + "'>"
                        + "<mac address='"
                        + mac
                        + "'/>"
                        + (type.equals("bridge") ? "<source bridge='" + bridge + "'/>" : "")
                        + script
                        + ip
                        + runtimeTarget
                        + model
                        + "</interface>",
                    mac.toLowerCase(Locale.ROOT)));
  }

  private static Arbitrary<String> os(Kind kind) {
    return switch (kind) {
      case PV ->
          Arbitraries.of(
              "<bootloader>/usr/bin/pygrub</bootloader><os><type>linux</type></os>",
              "<bootloader>/usr/lib/xen/bin/pygrub</bootloader><bootloader_args>-q</bootloader_args><os><type"
                  + " arch='x86_64' machine='xenpv'>linux</type></os>",
              "<os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel><initrd>/boot/initrd-xen</initrd><cmdline>root=/dev/xvda1"
                  + " console=hvc0 ro</cmdline></os>",
              "<os><type arch='i686'"
                  + " machine='xenpv'>xen</type><kernel>/var/lib/xen/vmlinuz</kernel><cmdline>root=/dev/xvda"
                  + " ro</cmdline></os>");
      case PVH ->
          Arbitraries.of(
              "<os><type arch='x86_64' machine='xenpvh'>xenpvh</type><kernel>/boot/vmlinuz</kernel>"
                  + "<initrd>/boot/initrd.img</initrd></os>",
              "<os><type arch='x86_64' machine='xenpvh'>xenpvh</type><kernel>/boot/vmlinuz</kernel>"
                  + "<cmdline>root=/dev/xvda1</cmdline></os>");
      case HVM ->
          Arbitraries.of(
              "<os><type>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader><boot"
                  + " dev='hd'/></os>",
              "<os><type arch='x86_64' machine='xenfv'>hvm</type><loader"
                  + " type='rom'>/usr/lib/xen/boot/hvmloader</loader><boot dev='cdrom'/><boot"
                  + " dev='hd'/></os>",
              "<os><type>hvm</type><boot dev='network'/></os>");
    };
  }

  private static Arbitrary<String> features(Kind kind) {
    if (kind != Kind.HVM) {
      return Arbitraries.of("", "<features><pae/></features>");
    }
    return Arbitraries.of(
        "<features><acpi/><apic/><pae/></features>",
        "<features><pae/></features>",
        "<features><acpi/><apic/><pae/><hap/><viridian/></features>",
        "");
  }

  private static Arbitrary<String> consoles(Kind kind) {
    if (kind == Kind.HVM) {
      return Arbitraries.of(
          "",
          "<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial'"
              + " port='0'/></console>");
    }
    return Arbitraries.of(
        "<console type='pty'><target type='xen' port='0'/></console>",
        "<console type='pty' tty='/dev/pts/3'><source path='/dev/pts/3'/><target type='xen'"
            + " port='0'/></console>",
        "");
  }

  private static Arbitrary<String> inputsAndGraphics(Kind kind) {
    Arbitrary<String> inputs =
        kind == Kind.HVM
            ? Arbitraries.of(
                "",
                "<input type='mouse' bus='ps2'/>",
                "<input type='tablet' bus='usb'/><input type='mouse' bus='ps2'/>")
            : Arbitraries.of(
                "",
                "<input type='mouse' bus='xen'/>",
                "<input type='mouse' bus='xen'/><input type='keyboard' bus='xen'/>");
    Arbitrary<String> graphics =
        Arbitraries.of(
            "",
            "<graphics type='vnc' port='-1' autoport='yes' keymap='de'/>",
            "<graphics type='vnc' port='5903' autoport='no' listen='0.0.0.0'/>",
            "<graphics type='vnc' port='-1' autoport='yes'/><video><model type='"
                + (kind == Kind.HVM ? "cirrus" : "xen")
                + "' vram='8192' heads='1'/></video>");
    return Combinators.combine(inputs, graphics).as(String::concat);
  }

  /** An emulator line as xend and libxl wrote them (HVM only), or none. */
  private static Arbitrary<String> emulator(Kind kind) {
    return kind == Kind.HVM
        ? Arbitraries.of(
            "",
            "<emulator>/usr/lib/xen/bin/qemu-dm</emulator>",
            "<emulator>/usr/lib64/xen/bin/qemu-dm</emulator>")
        : Arbitraries.of("");
  }

  /** Zero to {@code most} devices, the one at each index made by {@code device}. */
  private static <T> Arbitrary<List<T>> upTo(int most, IntFunction<Arbitrary<T>> device) {
    return Arbitraries.integers()
        .between(0, most)
        .flatMap(
            count -> {
              if (count == 0) {
                return Arbitraries.just(List.<T>of());
              }
              List<Arbitrary<T>> each = new ArrayList<>();
              for (int index = 0; index < count; index++) {
                each.add(device.apply(index));
              }
              return Combinators.combine(each).as(List::copyOf);
            });
  }

  static Arbitrary<Domain> domains() {
    return Arbitraries.of(Kind.values()).flatMap(XenDomains::domains);
  }

  private static Arbitrary<Domain> domains(Kind kind) {
    Arbitrary<List<Disk>> disks =
        upTo(
            4,
            index ->
                Arbitraries.integers()
                    .between(0, 5)
                    .flatMap(pick -> pick == 0 ? cdrom(kind, index) : disk(kind, index)));
    // the last digit of a MAC is the NIC's index, so that MACs differ as on any real guest
    Arbitrary<List<Nic>> nics =
        upTo(
            3,
            index ->
                hex(5)
                    .map(
                        tail ->
                            "00:16:3e:"
                                + tail.substring(0, 2)
                                + ":"
                                + tail.substring(2, 4)
                                + ":"
                                + tail.substring(4)
                                + index)
                    .map(mac -> index % 2 == 0 ? mac : mac.toUpperCase(Locale.ROOT))
                    .flatMap(mac -> nic(index, mac)));
    Arbitrary<long[]> memory =
        Arbitraries.longs()
            .between(64, 8192)
            .flatMap(
                mib ->
                    Arbitraries.longs()
                        .between(32, mib)
                        .map(current -> new long[] {mib * 1024, current * 1024}));
    Arbitrary<String> runtime = Arbitraries.of("", " id='7'", " id='0'");
    return Combinators.combine(
            names(),
            uuids(),
            memory,
            Arbitraries.integers().between(1, 8),
            os(kind),
            features(kind),
            disks,
            nics)
        .flatAs(
            (name, uuid, mem, vcpus, os, features, diskList, nicList) ->
                Combinators.combine(
                        consoles(kind),
                        inputsAndGraphics(kind),
                        emulator(kind),
                        runtime,
                        Arbitraries.of("destroy", "restart", "preserve"),
                        Arbitraries.of("", "<clock offset='utc'/>", "<clock offset='localtime'/>"))
                    .as(
                        (console, io, emulator, id, onCrash, clock) -> {
                          StringBuilder xml = new StringBuilder("<domain type='xen'" + id + ">\n");
                          xml.append("  <name>").append(name).append("</name>\n");
                          xml.append("  <uuid>").append(uuid).append("</uuid>\n");
                          xml.append("  <memory unit='KiB'>").append(mem[0]).append("</memory>\n");
                          xml.append("  <currentMemory unit='KiB'>")
                              .append(mem[1])
                              .append("</currentMemory>\n");
                          xml.append("  <vcpu placement='static'>")
                              .append(vcpus)
                              .append("</vcpu>\n");
                          xml.append("  ").append(os).append('\n');
                          xml.append("  ").append(features).append('\n');
                          xml.append("  ").append(clock).append('\n');
                          xml.append(
                                  "  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>")
                              .append(onCrash)
                              .append("</on_crash>\n");
                          xml.append("  <devices>\n    ").append(emulator).append('\n');
                          diskList.forEach(
                              disk -> xml.append("    ").append(disk.xml()).append('\n'));
                          nicList.forEach(nic -> xml.append("    ").append(nic.xml()).append('\n'));
                          xml.append("    ").append(console).append('\n');
                          xml.append("    ").append(io).append('\n');
                          xml.append("  </devices>\n</domain>\n");
                          return new Domain(
                              kind,
                              xml.toString(),
                              name,
                              uuid,
                              mem[0],
                              vcpus,
                              nicList.stream().map(Nic::mac).sorted().toList(),
                              diskList.stream()
                                  .map(Disk::source)
                                  .filter(source -> source != null)
                                  .sorted()
                                  .toList());
                        }));
  }
}
