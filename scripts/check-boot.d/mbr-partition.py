"""Writes an MBR with one bootable Linux partition from 1 MiB to the end of IMAGE.

usage: mbr-partition.py IMAGE SIZE_MIB
"""
import struct, sys
path, size_mib = sys.argv[1], int(sys.argv[2])
start, sectors = 2048, size_mib * 2048 - 2048
entry = struct.pack("<B3sB3sII", 0x80, b"\xfe\xff\xff", 0x83, b"\xfe\xff\xff", start, sectors)
with open(path, "r+b") as disk:
    disk.seek(446); disk.write(entry + bytes(48)); disk.write(b"\x55\xaa")
