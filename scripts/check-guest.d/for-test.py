"""Test-only edits of a domain x2k converted, before it boots here (nothing else is changed):
its console is logged to LOG, its NICs use QEMU's user-mode network (a DHCP server of QEMU's
own, so the guest's NIC gets an address without a bridge; MAC and model are kept), and a
reboot stops it. With KERNEL INITRD CMDLINE, the domain boots that kernel directly (the
unconverted guest's own kernel, to show that it fails).

usage: for-test.py DOMAIN LOG [KERNEL INITRD CMDLINE]
"""
import sys
import xml.etree.ElementTree as ET

path, log = sys.argv[1], sys.argv[2]
tree = ET.parse(path)
domain = tree.getroot()
console = domain.find("devices/console")
ET.SubElement(console, "log", {"file": log, "append": "off"})
for interface in domain.findall("devices/interface"):
    interface.set("type", "user")
    for child in list(interface):
        if child.tag not in ("mac", "model"):
            interface.remove(child)
domain.find("on_reboot").text = "destroy"
if len(sys.argv) == 6:
    os_element = domain.find("os")
    for child in list(os_element):
        if child.tag != "type":
            os_element.remove(child)
    for tag, text in zip(("kernel", "initrd", "cmdline"), sys.argv[3:6]):
        ET.SubElement(os_element, tag).text = text
tree.write(path)
