package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A domain from another host that names the KVM host's own resources (issue 29, item 1): each
 * attack, converted on standard input, leaves none of its host path or privilege in the output, and
 * the report names it as a required action; with --allow-host-resources it stays, still named. The
 * stylesheet's golden cases host-resources-* show whole domains; this test puts each attack alone
 * through the command line.
 */
class HostResourcesTest {
  /**
   * @param attack what the hostile host puts in the definition
   * @param where the element it goes into: os, devices or domain
   * @param trace what must not reach the output (a host path, a label)
   */
  record Attack(String name, String where, String attack, String trace) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> attacks() {
    return Stream.of(
            new Attack(
                "seclabel none runs QEMU unconfined",
                "domain",
                "<seclabel type='none'/>",
                "type='none'"),
            new Attack(
                "static DAC label runs QEMU as root",
                "domain",
                "<seclabel type='static' model='dac' relabel='no'><label>+0:+0</label></seclabel>",
                "+0:+0"),
            new Attack(
                "filesystem shares the host's root",
                "devices",
                "<filesystem type='mount'><source dir='/'/><target dir='hostroot'/></filesystem>",
                "hostroot"),
            new Attack(
                "serial file writes a cron job",
                "devices",
                "<serial type='file'><source path='/etc/cron.d/evil'/><target port='0'/></serial>",
                "/etc/cron.d/evil"),
            new Attack(
                "serial log appends to authorized_keys",
                "devices",
                "<serial type='pty'><target port='0'/>"
                    + "<log file='/root/.ssh/authorized_keys' append='on'/></serial>",
                "authorized_keys"),
            new Attack(
                "console unix connects to libvirt's socket",
                "devices",
                "<console type='unix'><source mode='connect' path='/run/libvirt/libvirt-sock'/>"
                    + "<target type='serial' port='0'/></console>",
                "libvirt-sock"),
            new Attack(
                "channel unix binds over /etc/passwd",
                "devices",
                "<channel type='unix'><source mode='bind' path='/etc/passwd'/>"
                    + "<target type='virtio' name='org.qemu.guest_agent.0'/></channel>",
                "/etc/passwd"),
            new Attack(
                "parallel dev opens a host device",
                "devices",
                "<parallel type='dev'><source path='/dev/sda'/><target port='0'/></parallel>",
                "/dev/sda"),
            new Attack(
                "nvram overwrites /etc/passwd", "os", "<nvram>/etc/passwd</nvram>", "/etc/passwd"),
            new Attack(
                "ACPI table reads /etc/shadow",
                "os",
                "<acpi><table type='slic'>/etc/shadow</table></acpi>",
                "/etc/shadow"),
            new Attack(
                "fw_cfg entry reads /etc/shadow",
                "domain",
                "<sysinfo type='fwcfg'><entry name='opt/x' file='/etc/shadow'/></sysinfo>",
                "/etc/shadow"),
            new Attack(
                "evdev input grabs the host's keyboard",
                "devices",
                "<input type='evdev'><source dev='/dev/input/event0'/></input>",
                "/dev/input/event0"),
            new Attack(
                "TPM passthrough takes the host's TPM",
                "devices",
                "<tpm model='tpm-tis'><backend type='passthrough'>"
                    + "<device path='/dev/tpm0'/></backend></tpm>",
                "/dev/tpm0"),
            new Attack(
                "random source reads a disk",
                "devices",
                "<rng model='virtio'><backend model='random'>/dev/sda</backend></rng>",
                "/dev/sda"),
            new Attack(
                "PCI host device takes the host's controller",
                "devices",
                "<hostdev mode='subsystem' type='pci' managed='yes'><source>"
                    + "<address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>"
                    + "</source></hostdev>",
                "slot='0x1f'"),
            new Attack(
                "vhost-user interface on a host socket",
                "devices",
                "<interface type='vhostuser'><mac address='00:16:3e:00:00:09'/>"
                    + "<source type='unix' path='/run/x2k-evil.sock' mode='client'/>"
                    + "<model type='virtio'/></interface>",
                "/run/x2k-evil.sock"),
            new Attack(
                "directory disk exposes /root",
                "devices",
                "<disk type='dir' device='disk'><source dir='/root'/>"
                    + "<target dev='hdd' bus='ide'/></disk>",
                "/root"),
            new Attack(
                "backing file reads /etc/shadow",
                "devices",
                "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                    + "<source file='/var/lib/xen/images/b.qcow2'/><backingStore type='file'>"
                    + "<format type='raw'/><source file='/etc/shadow'/></backingStore>"
                    + "<target dev='hdb' bus='ide'/></disk>",
                "/etc/shadow"),
            new Attack(
                "VNC socket replaces /etc/shadow",
                "devices",
                "<graphics type='vnc' socket='/etc/shadow'/>",
                "/etc/shadow"),
            new Attack(
                "option ROM reads /etc/shadow",
                "devices",
                "<interface type='bridge'><mac address='00:16:3e:00:00:08'/>"
                    + "<source bridge='xenbr0'/><rom file='/etc/shadow'/></interface>",
                "/etc/shadow"))
        .map(Arguments::of);
  }

  private static String domain(Attack attack) {
    return """
    <domain type='xen'>
      <name>hostile</name>
      <uuid>0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8</uuid>
      <memory unit='KiB'>262144</memory>
      <vcpu>1</vcpu>
      %s
      <os><type>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader>%s</os>
      <devices>
        <disk type='file' device='disk'><source file='/var/lib/xen/images/hostile.img'/>
          <target dev='hda' bus='ide'/></disk>
        %s
      </devices>
      %s
    </domain>
    """
        .formatted(
            attack.where().equals("domain") && attack.attack().startsWith("<sysinfo")
                ? attack.attack()
                : "",
            attack.where().equals("os") ? attack.attack() : "",
            attack.where().equals("devices") ? attack.attack() : "",
            attack.where().equals("domain") && !attack.attack().startsWith("<sysinfo")
                ? attack.attack()
                : "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void theHostResourceIsTakenOutAndReported(Attack attack) {
    Cli.Result result = Cli.run(domain(attack), "convert", "-");

    assertEquals(0, result.exitCode(), result.err());
    assertFalse(
        result.out().contains(attack.trace()),
        "the output still has " + attack.trace() + ":\n" + result.out());
    assertTrue(
        result.err().contains("[required] The definition gave the guest resources of the host"),
        "no required action names it:\n" + result.err());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void allowHostResourcesKeepsItAndSaysSo(Attack attack) {
    Cli.Result result = Cli.run(domain(attack), "convert", "--allow-host-resources", "-");

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(
        result.out().contains(attack.trace()),
        "--allow-host-resources lost " + attack.trace() + ":\n" + result.out());
    assertTrue(
        result.err().contains("Kept as asked (--allow-host-resources)"),
        "the report does not say it was kept:\n" + result.err());
  }
}
