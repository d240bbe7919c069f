# shellcheck shell=bash
# Xen PV guests as xen-tools and pygrub leave them, built from scripts/guest-trees' cached root
# filesystems: sourced by scripts/check-guest and bench/guest, not run. The caller sets root (the
# checkout), trees (scripts/guest-trees' directory) and kernel_version (its kernel), and works in
# the directory the images are to be made in.
# shellcheck disable=SC2154 # root, trees and kernel_version: the caller's
here=$root/scripts/check-guest.d

# libguestfs's appliance needs a kernel; a host without one in /boot (a container, a VM booted
# from outside) gives supermin the guests' own (Debian's cloud kernel), so that the appliance
# and the guests run the kernel of the same day. The appliance is kept per kernel.
appliance_kernel_from_trees() {
  export LIBGUESTFS_BACKEND=direct
  # a host whose KVM cannot run the host's CPU model (kvm_runs) runs the appliance under TCG, as
  # a host without KVM does
  if ! kvm_runs; then export LIBGUESTFS_BACKEND_SETTINGS=force_tcg; fi
  if ! ls /boot/vmlinuz-* >/dev/null 2>&1 && [ -z "${SUPERMIN_KERNEL:-}" ]; then
    mkdir -p /lib/modules # supermin looks at it even when told where the modules are
    export SUPERMIN_KERNEL_VERSION=$kernel_version SUPERMIN_KERNEL=$trees/rootfs/boot/vmlinuz-$kernel_version \
      SUPERMIN_MODULES=$trees/rootfs/lib/modules/$kernel_version
    export LIBGUESTFS_CACHEDIR=${X2K_CI_CACHE:-/var/cache/x2k-ci}/guestfs-$kernel_version
    mkdir -p "$LIBGUESTFS_CACHEDIR"
    find "${LIBGUESTFS_CACHEDIR%/*}" -mindepth 1 -maxdepth 1 -name 'guestfs-*' \
      ! -name "guestfs-$kernel_version" -exec rm -rf {} +
  fi
}

# xen_guest DIR INIT ROOT SWAP [FSTYPE]: a Xen PV guest's configuration, as xen-tools' hooks
# write it, its root filesystem of type FSTYPE (ext4)
xen_guest() {
  local dir=$1 init=$2 root_device=$3 swap_device=$4 root_fs=${5:-ext4}
  echo xenguest >"$dir/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 xenguest\n' >"$dir/etc/hosts"
  printf 'proc /proc proc defaults 0 0\n%s / %s errors=remount-ro 0 1\n%s none swap sw 0 0\n' \
    "$root_device" "$root_fs" "$swap_device" >"$dir/etc/fstab"
  printf 'auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\n' >"$dir/etc/network/interfaces"
  sed -i 's/^root:[^:]*:/root::/' "$dir/etc/shadow"
  printf 'console\nhvc0\n' >"$dir/etc/securetty"
  install -m 755 "$here/report" "$dir/usr/local/sbin/x2k-check-report"
  if [ "$init" = systemd ]; then
    rm -f "$dir"/etc/systemd/system/getty.target.wants/getty@tty1.service
    ln -sf /lib/systemd/system/serial-getty@.service "$dir/etc/systemd/system/getty.target.wants/serial-getty@hvc0.service"
    cp "$here/report-service" "$dir/etc/systemd/system/x2k-check-report.service"
    ln -sf /etc/systemd/system/x2k-check-report.service "$dir/etc/systemd/system/multi-user.target.wants/"
  else
    # Debian's inittab with xen-tools' change: the first getty on hvc0, no others
    sed -i -e 's|^1:2345:respawn:/sbin/getty .*tty1$|1:2345:respawn:/sbin/getty 38400 hvc0|' \
      -e '/^[2-6]:23:respawn:\/sbin\/getty/d' "$dir/etc/inittab"
    grep -q '^1:2345:respawn:/sbin/getty 38400 hvc0$' "$dir/etc/inittab" \
      || { echo "check-guest: no getty line to move to hvc0 in $dir/etc/inittab" >&2; exit 1; }
    # rc.local runs before init starts the gettys: the report waits for them
    printf '#!/bin/sh\n(sleep 15; /usr/local/sbin/x2k-check-report) &\nexit 0\n' >"$dir/etc/rc.local"
    chmod 755 "$dir/etc/rc.local"
  fi
  # the drivers MODULES=dep takes on a Xen host: Xen's, and the root filesystem's where it is a
  # module (btrfs; ext4 is built in)
  echo 'MODULES=list' >"$dir/etc/initramfs-tools/conf.d/xen-pv-driver-policy"
  printf 'xen-blkfront\nxen-netfront\n' >"$dir/etc/initramfs-tools/modules"
  if [ "$root_fs" = btrfs ]; then echo btrfs >>"$dir/etc/initramfs-tools/modules"; fi
  chroot "$dir" update-initramfs -u -k all >/dev/null 2>&1
}

# sums_in_fish VARIANT: guestfish's commands (with ":" between) that write the sha256 of every file
# of /etc, /boot and /var/lib of the guest as mounted to VARIANT.sums-*, for before_sums
sums_in_fish() {
  local dir
  for dir in etc boot var/lib; do printf ': checksums-out sha256 /%s %s.sums-%s ' "$dir" "$PWD/$1" "${dir//\//-}"; done
}
# before_sums VARIANT IMAGE: VARIANT.before.sums from what sums_in_fish wrote and the first disk
# IMAGE's boot area, as check-guest's checksums makes them: the appliance-built guests' sums come
# from their build's appliance, without another launch
before_sums() {
  cat "$1".sums-etc "$1".sums-boot "$1".sums-var-lib >"$1.before.sums"
  rm -f "$1".sums-*
  echo "$(head -c $((2048 * 512)) "$2" | sha256sum | cut -d' ' -f1)  (boot area)" >>"$1.before.sums"
  sort -k2 -o "$1.before.sums" "$1.before.sums"
}

size_mib=1200
swap_mib=128
# the d-i guest's passphrase (a test key)
encrypted_key=x2k-check-passphrase
# build_guest GUEST: its images from the cached trees, and dom0-GUEST/ with the kernel and the
# Xen-only initramfs Xen booted it with (xen-tools: from dom0; the others: for step 1)
build_guest() {
  local variant=$1 source_tree=rootfs init=systemd kernel_version=$kernel_version
  case $variant in
    d-i) source_tree=rootfs-grub-pc ;;
    raid1-sysv) source_tree=rootfs-sysv init=sysvinit ;;
    bullseye) source_tree=rootfs-bullseye ;;
    btrfs) source_tree=rootfs-btrfs ;;
  esac
  rm -rf "tree-$variant" "$variant.before.sums" && cp -a "$trees/$source_tree" "tree-$variant"
  # the tree's own kernel (bullseye's is older than the one the appliance runs)
  kernel_version=$(find "tree-$variant/lib/modules" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)
  case $variant in
    pygrub | bullseye)
      # MBR disk, root from the directory at 1 MiB, swap after it. bullseye: as an older guest
      # of an administrator's, its root is ext3 by LABEL=, it has a second NIC (eth1, on another
      # bridge), and its command line keeps the kernel's names (net.ifnames=0)
      local root_spec=/dev/xvda1 fs=ext4 mkfs_label=() extra=
      if [ "$variant" = bullseye ]; then
        root_spec=LABEL=xenroot fs=ext3 mkfs_label=(-L xenroot) extra=' net.ifnames=0'
      fi
      xen_guest "tree-$variant" "$init" "$root_spec" /dev/xvda2 "$fs"
      if [ "$variant" = bullseye ]; then
        printf '\nauto eth1\niface eth1 inet dhcp\n' >>"tree-$variant/etc/network/interfaces"
      fi
      mkdir -p "tree-$variant/boot/grub"
      cat >"tree-$variant/boot/grub/menu.lst" <<MENU
default 0
timeout 2
title Debian GNU/Linux, kernel $kernel_version
root (hd0,0)
kernel /boot/vmlinuz-$kernel_version root=$root_spec ro console=hvc0 elevator=noop$extra
initrd /boot/initrd.img-$kernel_version
MENU
      rm -f "$variant.img"
      truncate -s $((1 + size_mib + swap_mib))M "$variant.img"
      printf 'label: dos\nstart=2048, size=%d, type=83, bootable\nstart=%d, size=%d, type=82\n' \
        $((size_mib * 2048)) $((2048 + size_mib * 2048)) $((swap_mib * 2048)) | sfdisk -q "$variant.img"
      mkfs.$fs -q -F "${mkfs_label[@]}" -E offset=$((1024 * 1024)) -d "tree-$variant" "$variant.img" $((size_mib * 1024))k
      truncate -s ${swap_mib}M "$variant.swap" && mkswap -q "$variant.swap" >/dev/null
      dd if="$variant.swap" of="$variant.img" bs=1M seek=$((1 + size_mib)) conv=notrunc,sparse status=none
      rm -f "$variant.swap"
      ;;
    d-i)
      # debian-installer's guided encrypted LVM layout: an MBR disk with GRUB 2 in its boot area,
      # an ext2 /boot (xvda1, by UUID) and LUKS (xvda2, in crypttab by its Xen name, as older
      # installers wrote it) holding LVM with root and swap_1; and a data disk an administrator
      # added later, named /dev/xvdb in fstab. Made in the appliance (LUKS, LVM and grub-install
      # there); GRUB reads Xen's console from GRUB_CMDLINE_LINUX, as pygrub boots it.
      xen_guest "tree-$variant" "$init" /dev/mapper/xenguest--vg-root /dev/mapper/xenguest--vg-swap_1
      local boot_uuid
      boot_uuid=$(cat /proc/sys/kernel/random/uuid)
      sed -i "s|^\(/dev/mapper/xenguest--vg-root / .*\)$|\1\nUUID=$boot_uuid /boot ext2 defaults 0 2|" \
        "tree-$variant/etc/fstab"
      printf '/dev/xvdb /srv ext4 defaults 0 2\n' >>"tree-$variant/etc/fstab"
      echo 'xvda2_crypt /dev/xvda2 none luks' >"tree-$variant/etc/crypttab"
      sed -i 's|^GRUB_CMDLINE_LINUX=.*|GRUB_CMDLINE_LINUX="console=hvc0"|' "tree-$variant/etc/default/grub"
      grep -q '^GRUB_CMDLINE_LINUX="console=hvc0"$' "tree-$variant/etc/default/grub" \
        || { echo "check-guest: no GRUB_CMDLINE_LINUX in $variant's /etc/default/grub" >&2; exit 1; }
      tar -C "tree-$variant/boot" -cf "$variant-boot.tar" .
      tar -C "tree-$variant" --exclude='./boot/*' -cf "$variant.tar" .
      rm -f "$variant.img" "$variant-data.img"
      truncate -s $((1 + 256 + size_mib + swap_mib + 40))M "$variant.img"
      # shellcheck disable=SC2016,SC2046 # the quoted commands are the appliance's to expand, in the
      # guest; sums_in_fish's commands split on purpose
      printf '%s\n%s\n' "$encrypted_key" "$encrypted_key" | guestfish --keys-from-stdin --format=raw \
        -a "$variant.img" run : part-init /dev/sda mbr : \
        part-add /dev/sda p 2048 $((2048 + 256 * 2048 - 1)) : \
        part-add /dev/sda p $((2048 + 256 * 2048)) $(((1 + 256 + size_mib + swap_mib + 40) * 2048 - 1)) : \
        part-set-bootable /dev/sda 1 true : \
        mkfs ext2 /dev/sda1 : set-uuid /dev/sda1 "$boot_uuid" : \
        luks-format /dev/sda2 0 : cryptsetup-open /dev/sda2 xvda2_crypt : \
        pvcreate /dev/mapper/xvda2_crypt : vgcreate xenguest-vg /dev/mapper/xvda2_crypt : \
        lvcreate root xenguest-vg "$size_mib" : \
        lvcreate-free swap_1 xenguest-vg 100 : mkfs ext4 /dev/xenguest-vg/root : \
        mkswap /dev/xenguest-vg/swap_1 : mount /dev/xenguest-vg/root / : tar-in "$variant.tar" / : \
        mount /dev/sda1 /boot : tar-in "$variant-boot.tar" /boot : \
        sh 'grub-install --target=i386-pc "$(grub-probe --target=disk /boot)" 2>&1' : \
        sh 'update-grub 2>&1' : cat /boot/grub/grub.cfg $(sums_in_fish "$variant") >"$variant.build.log"
      before_sums "$variant" "$variant.img"
      rm -f "$variant.tar" "$variant-boot.tar"
      grep -q 'root=/dev/mapper/xenguest--vg-root ro *console=hvc0' "$variant.build.log" \
        || { echo "check-guest: $variant's grub.cfg does not boot its LVM root on hvc0" >&2; cat "$variant.build.log" >&2; exit 1; }
      mkdir -p "tree-$variant-data"
      echo 'the data disk' >"tree-$variant-data/x2k-data"
      mkfs.ext4 -q -F -d "tree-$variant-data" "$variant-data.img" 64M
      rm -rf "tree-$variant-data"
      ;;
    raid1-sysv)
      # root on an mdadm RAID1 of two disks' first partitions (xvda1, xvdb1: /dev/md0 in fstab
      # and mdadm.conf), swap on each disk's second; sysvinit; booted by Xen with a kernel from
      # dom0. The array is made in the appliance (its mdadm), and its UUID goes into mdadm.conf
      # before the Xen-only initramfs is made, as an installer leaves it: one appliance, driven
      # by guestfish --remote, waits while the host builds the tree
      local disk_mib=$((1 + size_mib + swap_mib)) disk md_uuid md_device dir
      rm -f "$variant-a.img" "$variant-b.img"
      truncate -s ${disk_mib}M "$variant-a.img"
      truncate -s ${disk_mib}M "$variant-b.img"
      eval "$(guestfish --listen --format=raw -a "$variant-a.img" -a "$variant-b.img")"
      # a step that fails ends the (sub)shell: the appliance goes with it
      # shellcheck disable=SC2064 # this appliance's process, now
      trap "guestfish --remote=$GUESTFISH_PID exit >/dev/null 2>&1 || true" EXIT
      guestfish --remote run
      for disk in /dev/sda /dev/sdb; do
        guestfish --remote part-init "$disk" mbr
        guestfish --remote part-add "$disk" p 2048 $((2048 + size_mib * 2048 - 1))
        guestfish --remote part-add "$disk" p $((2048 + size_mib * 2048)) $((disk_mib * 2048 - 1))
        guestfish --remote part-set-mbr-id "$disk" 1 0xfd
        guestfish --remote mkswap "${disk}2"
      done
      guestfish --remote md-create md0 "/dev/sda1 /dev/sdb1" level:raid1 nrdevices:2
      md_device=$(guestfish --remote list-md-devices | head -1)
      md_uuid=$(guestfish --remote md-detail "$md_device" | sed -n 's/^uuid: *//p')
      [ -n "$md_uuid" ] || { echo "check-guest: no UUID for the array $md_device" >&2; exit 1; }
      guestfish --remote mkfs ext4 "$md_device"
      mkdir -p "tree-$variant/etc/mdadm"
      printf 'HOMEHOST <system>\nMAILADDR root\nARRAY /dev/md0 metadata=1.2 UUID=%s\n' "$md_uuid" \
        >"tree-$variant/etc/mdadm/mdadm.conf"
      xen_guest "tree-$variant" "$init" /dev/md0 /dev/xvda2
      printf '/dev/xvdb2 none swap sw 0 0\n' >>"tree-$variant/etc/fstab"
      tar -C "tree-$variant" -cf "$variant.tar" .
      guestfish --remote mount "$md_device" /
      guestfish --remote tar-in "$variant.tar" /
      for dir in etc boot var/lib; do
        guestfish --remote checksums-out sha256 "/$dir" "$PWD/$variant.sums-${dir//\//-}"
      done
      guestfish --remote umount-all
      guestfish --remote exit
      trap - EXIT
      rm -f "$variant.tar"
      before_sums "$variant" "$variant-a.img"
      ;;
    btrfs)
      # one disk: swap (xvda1) and btrfs (xvda2) with the root in subvolume @ and /boot in @boot
      xen_guest "tree-$variant" "$init" /dev/xvda2 /dev/xvda1 btrfs
      sed -i 's|^/dev/xvda2 / btrfs errors=remount-ro 0 1$|/dev/xvda2 / btrfs subvol=@ 0 0\n/dev/xvda2 /boot btrfs subvol=@boot 0 0|' \
        "tree-$variant/etc/fstab"
      grep -q ' /boot btrfs subvol=@boot ' "tree-$variant/etc/fstab" \
        || { echo "check-guest: no subvolumes in $variant's fstab" >&2; exit 1; }
      tar -C "tree-$variant/boot" -cf "$variant-boot.tar" .
      tar -C "tree-$variant" --exclude='./boot/*' -cf "$variant.tar" .
      rm -f "$variant.img"
      truncate -s $((1 + swap_mib + size_mib))M "$variant.img"
      # shellcheck disable=SC2046 # sums_in_fish's commands, split on purpose
      guestfish --format=raw -a "$variant.img" run : part-init /dev/sda mbr : \
        part-add /dev/sda p 2048 $((2048 + swap_mib * 2048 - 1)) : \
        part-add /dev/sda p $((2048 + swap_mib * 2048)) $(((1 + swap_mib + size_mib) * 2048 - 1)) : \
        mkswap /dev/sda1 : mkfs btrfs /dev/sda2 : mount /dev/sda2 / : \
        btrfs-subvolume-create /@ : btrfs-subvolume-create /@boot : umount / : \
        mount btrfsvol:/dev/sda2/@ / : tar-in "$variant.tar" / : mkdir-p /boot : \
        mount btrfsvol:/dev/sda2/@boot /boot : tar-in "$variant-boot.tar" /boot $(sums_in_fish "$variant")
      before_sums "$variant" "$variant.img"
      rm -f "$variant.tar" "$variant-boot.tar"
      ;;
    *)
      # xen-tools: one image per filesystem
      xen_guest "tree-$variant" "$init" /dev/xvda2 /dev/xvda1
      rm -f "$variant-root.img" "$variant-swap.img"
      mkfs.ext4 -q -F -d "tree-$variant" "$variant-root.img" $((size_mib * 1024))k
      truncate -s ${swap_mib}M "$variant-swap.img" && mkswap -q "$variant-swap.img" >/dev/null
      ;;
  esac
  mkdir -p "dom0-$variant"
  cp "tree-$variant/boot/vmlinuz-$kernel_version" "tree-$variant/boot/initrd.img-$kernel_version" "dom0-$variant/"
  echo "$kernel_version" >"dom0-$variant/kernel-version"
  rm -rf "tree-$variant"
}

# --- the Xen definitions, as virsh dumpxml --inactive gives them on the Xen host -------------
xen_domain() {  # xen_domain GUEST MAC BOOT_XML DISKS_XML [MAC2]: MAC2 for a second NIC on xenbr1
  cat <<XML
<domain type='xen'>
  <name>x2k-guest-$1</name>
  <uuid>$(cat /proc/sys/kernel/random/uuid)</uuid>
  <memory unit='KiB'>786432</memory>
  <currentMemory unit='KiB'>786432</currentMemory>
  <vcpu placement='static'>1</vcpu>
  $3
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>restart</on_crash>
  <devices>
$4
$(nic "$2" xenbr0; [ -z "${5:-}" ] || nic "$5" xenbr1)
    <console type='pty'>
      <target type='xen' port='0'/>
    </console>
  </devices>
</domain>
XML
}
nic() {  # nic MAC BRIDGE
  printf "    <interface type='bridge'>\n      <mac address='%s'/>\n      <source bridge='%s'/>\n      <script path='vif-bridge'/>\n    </interface>\n" "$1" "$2"
}
disk() {  # disk IMAGE TARGET (an image under $work)
  printf "    <disk type='file' device='disk'>\n      <driver name='qemu' type='raw'/>\n      <source file='%s'/>\n      <target dev='%s' bus='xen'/>\n    </disk>\n" "$work/$1" "$2"
}
# write_xen_domains: GUEST.xen.xml for each guest build_guest makes, its disks under $work
write_xen_domains() {
  xen_domain pygrub 00:16:3e:4b:00:01 \
    "<bootloader>/usr/lib/xen-4.17/bin/pygrub</bootloader><os><type arch='x86_64' machine='xenpv'>linux</type></os>" \
    "$(disk pygrub.img xvda)" >pygrub.xen.xml
  xen_domain bullseye 00:16:3e:4b:00:07 \
    "<bootloader>/usr/lib/xen-4.17/bin/pygrub</bootloader><os><type arch='x86_64' machine='xenpv'>linux</type></os>" \
    "$(disk bullseye.img xvda)" 00:16:3e:4b:01:07 >bullseye.xen.xml
  xen_domain d-i 00:16:3e:4b:00:04 \
    "<bootloader>/usr/lib/xen-4.17/bin/pygrub</bootloader><os><type arch='x86_64' machine='xenpv'>linux</type></os>" \
    "$(disk d-i.img xvda)$(disk d-i-data.img xvdb)" >d-i.xen.xml
  xen_domain btrfs 00:16:3e:4b:00:06 \
    "<bootloader>/usr/lib/xen-4.17/bin/pygrub</bootloader><os><type arch='x86_64' machine='xenpv'>linux</type></os>" \
    "$(disk btrfs.img xvda)" >btrfs.xen.xml
  xen_domain raid1-sysv 00:16:3e:4b:00:03 \
    "<os><type arch='x86_64' machine='xenpv'>linux</type><kernel>$work/dom0-raid1-sysv/vmlinuz-$kernel_version</kernel><initrd>$work/dom0-raid1-sysv/initrd.img-$kernel_version</initrd><cmdline>root=/dev/md0 ro</cmdline></os>" \
    "$(disk raid1-sysv-a.img xvda)$(disk raid1-sysv-b.img xvdb)" >raid1-sysv.xen.xml
  xen_domain xen-tools 00:16:3e:4b:00:02 \
    "<os><type arch='x86_64' machine='xenpv'>linux</type><kernel>$work/dom0-xen-tools/vmlinuz-$kernel_version</kernel><initrd>$work/dom0-xen-tools/initrd.img-$kernel_version</initrd><cmdline>root=/dev/xvda2 ro elevator=noop</cmdline></os>" \
    "$(disk xen-tools-swap.img xvda1)$(disk xen-tools-root.img xvda2)" >xen-tools.xen.xml
}

# images_of GUEST: the images GUEST.xen.xml names
images_of() { sed -n "s/.*<source file='\([^']*\)'.*/\1/p" "$1.xen.xml"; }
