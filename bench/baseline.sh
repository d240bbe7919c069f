# shellcheck shell=bash
# shellcheck disable=SC2154 # root, work, files, runs, jdk17 ... are bench/run's, which sources this file
# bench/run --baseline REF (issue 22), sourced by bench/run once its inputs (in/, one.xml,
# hook.conf) and this checkout's start-up caches are ready, in its scratch directory.
# REF's jar is built in a git worktree here and measured beside this checkout's, each through
# its own launcher with its own start-up cache; every figure is a ratio against REF's.

echo "bench: building $baseline_ref in a scratch worktree ..." >&2
baseline_dir=$work/baseline
git -C "$root" worktree add -q --detach "$baseline_dir" "$baseline_ref"
# the worktree goes with the scratch directory, and git forgets it
if [ -z "${X2K_BENCH_KEEP:-}" ]; then
  trap 'git -C "$root" worktree remove --force "$baseline_dir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
fi
(cd "$baseline_dir" && ./mvnw -q -B -DskipTests package) >&2
baseline_commit=$(git -C "$baseline_dir" rev-parse --short HEAD)
head_commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src xslt pom.xml x2k || echo +changes)
head=$root/x2k base=$baseline_dir/x2k
prime "$base" "$work/cache-baseline" "$jdk17" "$(cache_kind "$jdk17")"
if [ -n "$jdk25" ]; then prime "$base" "$work/cache-baseline" "$jdk25" aot; fi

# three times the files, as hard links to the same inputs under other names
rm -rf in3 && mkdir in3
python3 - <<'PY'
import os
for copy in ("a", "b", "c"):
    for name in os.listdir("in"):
        os.link(os.path.join("in", name), os.path.join("in3", copy + name))
PY

run() { # LAUNCHER CACHE JDK ARGS...: the command line hyperfine runs
  local launcher=$1 cache=$2 jdk=$3
  shift 3
  echo "X2K_NO_BUILD=1 X2K_CACHE_DIR=$cache X2K_JAVA=$jdk $launcher $*"
}
single=()
for jdk in A B; do
  java=$jdk17
  if [ "$jdk" = B ]; then java=$jdk25; [ -n "$java" ] || continue; fi
  single+=(-n "x2k, JDK $jdk" "$(run "$head" "$work/cache" "$java" convert one.xml) > out.xml"
    -n "baseline x2k, JDK $jdk" "$(run "$base" "$work/cache-baseline" "$java" convert one.xml) > out.xml"
    -n "x2k hook, JDK $jdk" "$(run "$head" "$work/cache" "$java" hook vm migrate begin - --config hook.conf) < one.xml > out.xml"
    -n "baseline x2k hook, JDK $jdk" "$(run "$base" "$work/cache-baseline" "$java" hook vm migrate begin - --config hook.conf) < one.xml > out.xml")
done
hyperfine --style basic --warmup 2 --runs "$runs" --export-json single.json "${single[@]}" >&2

batch=()
for size in in in3; do
  batch+=(-n "x2k batch $size" "$(run "$head" "$work/cache" "$jdk17" convert --quiet $size -o out)"
    -n "baseline batch $size" "$(run "$base" "$work/cache-baseline" "$jdk17" convert --quiet $size -o out)")
done
hyperfine --style basic --runs "$batch_runs" --prepare "rm -rf out" --export-json batch.json "${batch[@]}" >&2

peak() { # LAUNCHER CACHE DIR: KiB
  rm -rf out
  X2K_NO_BUILD=1 X2K_CACHE_DIR=$2 X2K_JAVA=$jdk17 /usr/bin/env time -f %M -o peak.txt "$1" convert --quiet "$3" -o out >/dev/null 2>&1
  cat peak.txt
}
{
  echo "head-tenth $(peak "$head" "$work/cache" in-tenth)"
  echo "head-all $(peak "$head" "$work/cache" in)"
  echo "base-all $(peak "$base" "$work/cache-baseline" in)"
} >memory.txt

FILES=$files BASE=$baseline_commit HEAD_COMMIT=$head_commit \
  python3 - "$(java_major "$jdk17")" "$([ -n "$jdk25" ] && java_major "$jdk25")" <<'PY'
import json, os, statistics, sys

files = int(os.environ["FILES"])
major = {"A": sys.argv[1], "B": sys.argv[2]}
times = {}
for name in ("single.json", "batch.json"):
    for result in json.load(open(name))["results"]:
        times[result["command"]] = statistics.median(result["times"])
memory = {key: int(value) / 1024 for key, value in (line.split() for line in open("memory.txt"))}
rows = []
def check(label, ok):
    rows.append(("PASS" if ok else "MISS") + "  " + label)

print(f"x2k benchmark against a baseline: medians, this machine ({os.cpu_count()} cores), one run of bench/run")
print(f"  this checkout {os.environ['HEAD_COMMIT']}; baseline {os.environ['BASE']}; JDK A = Java {major['A']}"
      + (f", JDK B = Java {major['B']}" if major["B"] else ""))
print()
print("one domain through the launcher (start-up caches in place)")
for jdk in ("A", "B"):
    if not major[jdk]:
        continue
    head, base = times[f"x2k, JDK {jdk}"], times[f"baseline x2k, JDK {jdk}"]
    hook, base_hook = times[f"x2k hook, JDK {jdk}"], times[f"baseline x2k hook, JDK {jdk}"]
    print(f"  JDK {jdk}: convert {head:.3f} s, baseline {base:.3f} s: {base / head:.2f}x;"
          f" hook {hook:.3f} s, baseline {base_hook:.3f} s: {base_hook / hook:.2f}x")
    check(f"JDK {jdk} (Java {major[jdk]}): one domain >= 1.5x faster than the baseline ({base / head:.2f}x)",
          base / head >= 1.5)
    check(f"JDK {jdk}: hook at least as fast as a conversion ({hook:.3f} s vs {head:.3f} s)", hook <= head * 1.05)
print()
print(f"batches, JDK A ({files} and {3 * files} files)")
rate = {}
for who, prefix in (("x2k", "x2k batch"), ("baseline", "baseline batch")):
    small, large = times[f"{prefix} in"], times[f"{prefix} in3"]
    marginal = 2 * files / (large - small) if large > small else float("inf")
    rate[who] = (files / small, marginal)
    print(f"  {who:9} {files} files {small:6.2f} s = {files / small:6.0f}/s; {3 * files} files {large:6.2f} s;"
          f" steady state {marginal:6.0f}/s")
end_to_end = rate["x2k"][0] / rate["baseline"][0]
steady = rate["x2k"][1] / rate["baseline"][1]
print(f"  ratios: end to end {end_to_end:.2f}x, steady state {steady:.2f}x")
check(f"batch of {files} end to end >= 3x the baseline's rate ({end_to_end:.2f}x)", end_to_end >= 3)
check(f"steady state >= 4x the baseline's ({steady:.2f}x)", steady >= 4)
print()
print("memory: peak resident set of the batch, JDK A")
print(f"  x2k {files // 10} files {memory['head-tenth']:.0f} MiB, {files} files {memory['head-all']:.0f} MiB;"
      f" baseline {files} files {memory['base-all']:.0f} MiB")
check(f"peak <= 256 MiB for {files} files ({memory['head-all']:.0f} MiB)", memory["head-all"] <= 256)
check(f"flat in the number of files ({memory['head-all'] / memory['head-tenth']:.2f}x for 10x the files)",
      memory["head-all"] <= memory["head-tenth"] * 1.25)
print()
print("targets (issue 22)")
for row in rows:
    print("  " + row)
PY
