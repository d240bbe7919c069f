"""Adds <log file=LOG> to the first console of domain XML DOMAIN, in place.

usage: console-log.py DOMAIN LOG
"""
import sys, xml.etree.ElementTree as ET
path, log = sys.argv[1], sys.argv[2]
tree = ET.parse(path)
console = tree.find("devices/console")
ET.SubElement(console, "log", {"file": log, "append": "off"})
tree.write(path)
