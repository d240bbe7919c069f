package org.x2k.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Native configs x2k cannot make a KVM guest of are refused in one line that says why and where:
 * guests of another architecture than x86, told by what their config holds, and files named by a
 * relative path, which the toolstack looked up in a directory the config does not name.
 */
class NativeConfigRefusalsTest {
  private static final String COMMON =
      """
      name = "refused"
      memory = 512
      vif = [ 'mac=00:16:3e:00:00:51,bridge=xenbr0' ]
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ia64 VT-i firmware  | builder = 'hvm'\\nkernel = '/usr/lib/xen/boot/guest_firmware.bin' | line 5: kernel guest_firmware.bin is the firmware of ia64 (VT-i) guests
          ia64 vhpt           | builder = 'hvm'\\nvhpt = 15                                      | line 5: vhpt is read only by Xen on ia64
          Arm GIC             | kernel = '/boot/vmlinuz'\\ngic_version = 'v3'                    | line 5: gic_version is read only by Xen on Arm
          Arm kernel image    | kernel = '/boot/Image'                                         | line 4: kernel Image is an Arm kernel image
          relative kernel     | kernel = 'mini-os.gz'                                          | line 4: kernel "mini-os.gz" is a relative path
          relative ramdisk    | kernel = '/boot/vmlinuz'\\nramdisk = 'initrd.img'               | line 5: ramdisk "initrd.img" is a relative path
          iSCSI without portal | disk = [ 'iscsi:iqn.2006-09.de.suse:d1,xvda,w' ]             | line 4: disk entry "iscsi:iqn.2006-09.de.suse:d1,xvda,w": names no iSCSI portal
          """)
  void isRefusedInOneLine(String what, String settings, String reason) {
    Cli.Result result = Cli.run(COMMON + settings.replace("\\n", "\n") + "\n", "convert");
    assertEquals(ExitCodes.FAILED, result.exitCode(), what + ": " + result.err());
    assertEquals("", result.out(), what);
    assertEquals(1, result.errLines().size(), what + ": " + result.err());
    assertTrue(result.err().startsWith("x2k: <stdin>: " + reason), what + ": " + result.err());
  }

  /** A config that names nothing of another architecture converts, and says what it assumed. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          PV          | kernel = '/boot/vmlinuz-6.1.0-13-amd64'
          HVM         | builder = 'hvm'\\nkernel = 'hvmloader'
          """)
  void anX86ConfigSaysWhatItAssumed(String what, String settings) {
    Cli.Result result = Cli.run(COMMON + settings.replace("\\n", "\n") + "\n", "convert");
    assertEquals(0, result.exitCode(), what + ": " + result.err());
    assertTrue(result.out().contains("<type arch='x86_64'"), result.out());
    assertTrue(
        result.err().contains("into a Xen domain of architecture x86_64 (configs name none"),
        result.err());
  }
}
