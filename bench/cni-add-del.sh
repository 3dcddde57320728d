#!/usr/bin/env bash
# CNI ADD+DEL cycle, Steward's NativeAOT plugins vs the reference Go plugins (Debian's
# containernetworking-plugins in /usr/lib/cni), timed with hyperfine in one session.
#
#   bridge+host-local: each run gets a fresh network namespace (made in --prepare, untimed), then
#     execs bridge ADD (which execs host-local ADD) and bridge DEL (→ host-local DEL), as a runtime does.
#   host-local: the IPAM plugin alone, ADD then DEL.
#
# Same config for both implementations apart from the bridge name and subnet. Needs root.
# Usage: bench/cni-add-del.sh [runs]   (default 300). Writes bench/results/cni-add-del.{md,json}.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}
[ "$(id -u)" = 0 ] || { echo "cni-add-del: needs root (network namespaces, bridges)"; exit 1; }
command -v hyperfine >/dev/null || { echo "cni-add-del: hyperfine missing (scripts/setup installs it)"; exit 1; }
[ -x /usr/lib/cni/bridge ] || { echo "cni-add-del: /usr/lib/cni/bridge missing (containernetworking-plugins)"; exit 1; }
build_log=$(scripts/build-cni-plugins 2>&1) || { echo "$build_log"; echo "cni-add-del: building the plugins failed"; exit 1; }

work=$(mktemp -d /tmp/steward-bench-cni.XXXXXX)
mkdir -p bench/results
cleanup() {
  for impl in steward reference; do ip netns del "stwbench-$impl" 2>/dev/null || true; done
  ip link del stwbench-s0 2>/dev/null || true
  ip link del stwbench-r0 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

conf() { # impl bridge subnet
  cat > "$work/$1.json" <<CONF
{"cniVersion":"1.0.0","name":"bench-$1","type":"bridge","bridge":"$2","isGateway":true,
 "ipam":{"type":"host-local","subnet":"$3","dataDir":"$work/ipam","routes":[{"dst":"0.0.0.0/0"}]}}
CONF
}
conf steward stwbench-s0 10.201.0.0/24
conf reference stwbench-r0 10.202.0.0/24
declare -A dir=([steward]=$PWD/artifacts/cni/bin [reference]=/usr/lib/cni)

cycle() { # impl plugin
  local env="CNI_PATH=${dir[$1]} CNI_CONTAINERID=bench-$1 CNI_NETNS=/var/run/netns/stwbench-$1 CNI_IFNAME=eth0"
  echo "$env CNI_COMMAND=ADD ${dir[$1]}/$2 < $work/$1.json > /dev/null && $env CNI_COMMAND=DEL ${dir[$1]}/$2 < $work/$1.json"
}

args=()
for impl in steward reference; do
  args+=(--prepare "ip netns del stwbench-$impl 2>/dev/null; ip netns add stwbench-$impl" -n "$impl bridge+host-local" "$(cycle "$impl" bridge)")
done
for impl in steward reference; do
  args+=(--prepare "true" -n "$impl host-local" "$(cycle "$impl" host-local)")
done

hyperfine --warmup 10 --runs "$runs" --export-markdown bench/results/cni-add-del.md --export-json bench/results/cni-add-del.json "${args[@]}"

/usr/bin/python3 - bench/results/cni-add-del.json <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
for what in ("bridge+host-local", "host-local"):
    s, ref = r[f"steward {what}"], r[f"reference {what}"]
    cpu = lambda x: (x["user"] + x["system"]) * 1e3
    print(f"{what}: steward {s['mean']*1e3:.2f} ± {s['stddev']*1e3:.2f} ms (median {s['median']*1e3:.2f}), "
          f"reference {ref['mean']*1e3:.2f} ± {ref['stddev']*1e3:.2f} ms (median {ref['median']*1e3:.2f}), "
          f"ratio steward/reference = {s['mean']/ref['mean']:.2f} (medians {s['median']/ref['median']:.2f}); "
          f"CPU user+sys {cpu(s):.1f} vs {cpu(ref):.1f} ms, ratio {cpu(s)/cpu(ref):.2f}")
PY
