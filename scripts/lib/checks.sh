# shellcheck shell=bash
# Helpers shared by scripts/check-*: sourced, not run. Callers set passed=0 failed=0 first.

# check DESCRIPTION COMMAND...: runs COMMAND, prints "ok" or "FAIL" with DESCRIPTION, counts it
check() {
  local what=$1; shift
  if "$@"; then echo "ok   $what"; passed=$((passed + 1)); else echo "FAIL $what"; failed=$((failed + 1)); fi
}

# quiet COMMAND...: COMMAND without its standard output (for check)
quiet() { "$@" >/dev/null; }

# restart_libvirtd [OPTIONS...]: stops libvirtd and starts it again with OPTIONS, waiting (at
# most 30 s) until qemu:///system answers
restart_libvirtd() {
  pkill -x libvirtd || true
  for _ in $(seq 1 50); do pgrep -x libvirtd >/dev/null || break; sleep 0.2; done
  libvirtd --daemon "$@"
  for _ in $(seq 1 60); do virsh -q -c qemu:///system version >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "${0##*/}: libvirtd did not come back" >&2
  return 1
}

# kvm_runs: whether this machine's libvirt runs KVM guests: it offers type kvm, and QEMU starts
# a vCPU under KVM with the host's CPU model, as libguestfs's appliance asks. A nested host can
# have /dev/kvm and still fail there (seen on this machine class: "failed to set MSR 0x10a",
# QEMU aborts): the checks that boot guests treat it as a host without KVM.
kvm_runs() {
  virsh -q -c qemu:///system domcapabilities --virttype kvm >/dev/null 2>&1 || return 1
  # (in a subshell: an aborted QEMU's job message goes to /dev/null too)
  (echo quit | timeout 60 qemu-system-x86_64 -accel kvm -cpu host -display none -nodefaults \
    -no-user-config -m 64 -S -monitor stdio) >/dev/null 2>&1
}

# domain_type_here [URI]: the domain type the checks define on libvirt at URI (default
# qemu:///system): kvm where libvirt offers it, else qemu. A host without /dev/kvm runs only
# qemu (TCG) domains; libvirt's QEMU driver validates those the same way.
domain_type_here() {
  if virsh -q -c "${1:-qemu:///system}" domcapabilities --virttype kvm >/dev/null 2>&1; then
    echo kvm
  else
    echo qemu
  fi
}

# boot_type_here: the domain type the checks boot guests as on this machine's libvirt: kvm where
# KVM runs them (kvm_runs), else qemu. Checks that only define take domain_type_here.
boot_type_here() {
  if kvm_runs; then
    echo kvm
  else
    echo qemu
  fi
}

# The checks define domains on this host's libvirt. One killed between define and undefine
# (SIGKILL, a machine stopped mid-run) leaves its domain defined, and the next run's define of
# that name fails ("already exists with uuid ..."). Checks that define names they do not own
# (the corpus's, the examples') note each domain's name and uuid here before defining it;
# clear_leftovers, at the start of the next run, removes exactly those that are still there
# with the noted uuid, and touches no other domain.
defined_ledger=${X2K_CI_CACHE:-/var/cache/x2k-ci}/defined-domains  # the CI scripts' own

# note_defined URI NAME UUID: notes a domain about to be defined on libvirt at URI
note_defined() {
  mkdir -p "${defined_ledger%/*}"
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$defined_ledger"
}

# clear_leftovers: destroys and undefines every noted domain that its libvirt still has with
# its noted uuid, then forgets them all
clear_leftovers() {
  local uri name uuid
  local -A present=()
  [ -s "$defined_ledger" ] || return 0
  while IFS=$'\t' read -r uri name uuid; do
    [ -n "${present["$uri"]+set}" ] ||
      present["$uri"]=" $(virsh -q -c "$uri" list --all --uuid 2>/dev/null | tr '\n' ' ') "
    [[ -n "$uuid" && "${present["$uri"]}" == *" $uuid "* ]] || continue
    [ "$(virsh -q -c "$uri" domname "$uuid" 2>/dev/null)" = "$name" ] || continue
    echo "${0##*/}: undefining $name ($uuid) on $uri, left defined by an earlier run that was stopped" >&2
    virsh -q -c "$uri" destroy "$uuid" >/dev/null 2>&1 || true
    virsh -q -c "$uri" undefine --nvram "$uuid" >/dev/null 2>&1 ||
      virsh -q -c "$uri" undefine "$uuid" >/dev/null 2>&1 || true
  done <"$defined_ledger"
  rm -f "$defined_ledger"
}
