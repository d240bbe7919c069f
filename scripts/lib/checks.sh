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

# domain_type_here [URI]: the domain type the checks define on libvirt at URI (default
# qemu:///system): kvm where it runs KVM domains, else qemu. A host without /dev/kvm runs only
# qemu (TCG) domains; libvirt's QEMU driver validates those the same way.
domain_type_here() {
  if virsh -q -c "${1:-qemu:///system}" domcapabilities --virttype kvm >/dev/null 2>&1; then
    echo kvm
  else
    echo qemu
  fi
}
