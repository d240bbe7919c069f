"""Prints the new name of disk OLD in x2k's JSON report REPORT (its devices map), if renamed.

usage: renamed-target.py REPORT OLD
"""
import json
import sys

report, old = json.load(open(sys.argv[1])), sys.argv[2]
for domain in report["domains"]:
    for device in domain.get("devices", []):
        if device["from"] == old:
            print(device["to"])
