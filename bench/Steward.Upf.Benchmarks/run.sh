#!/usr/bin/env bash
# User-plane benchmark of issue 15: Steward's UPF against the kernel forwarding plain IP, on the same namespaces and veths.
#
#   bench/Steward.Upf.Benchmarks/run.sh [--only kernel|steward] [--no-pfcp]
#
# Paths (each round builds a fresh topology: N4Topology, tests/Interop/N4.Shared/Topology):
#   kernel   the UE address on the gNB namespace's loopback, routed over the N3 veth to the UPF namespace, whose kernel
#            forwards plain IP over the N6 veth to the DN host (route MTU 1400, the UE MTU of the other path): the limit.
#   steward  `steward upf run` in the UPF namespace (N3 10.100.0.2, N6 its TUN upf-n6), a session established by
#            `steward smf session` from the gNB namespace, and `steward upf gnb-sim` holding the UE address on its TUN
#            ue0 and tunnelling the UE's packets in GTP-U over N3 (uplink PDU Session Container, QFI 9).
# Measured per path and round: iperf3 TCP throughput (UE → DN host), small-UDP packets per second delivered to the DN
# host (iperf3 -u -b 0 -l UDP_LEN, received = sent - lost), whole-machine CPU (/proc/stat) per Gbit/s for both paths,
# and the UPF's and gNB simulator's own CPU (/proc/PID/stat) per Gbit/s for Steward's.
# Then PFCP session establishments per second through the SMF API (this folder's program, `pfcp-rate`).
#
# Cores: everything on the gNB side (iperf3 client, gNB simulator) on core 0, the UPF and the DN host's iperf3 server on
# core 1 (taskset). Rounds alternate the paths, rotating which goes first; medians with min–max spread; ratios are
# Steward / kernel. Environment: ROUNDS=5 SECS=10 WARM=2 UDP_LEN=64 SESSIONS=2000 SKIP_BUILD=1.
# DOTNET_TC_CallCountingDelayMs=0 for the .NET processes (see /work/shared BENCHMARKING: no 30 s warm-up needed then).
# Needs root, iperf3, and /usr/bin/python3 for the summary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
ROUNDS=${ROUNDS:-5}; SECS=${SECS:-10}; WARM=${WARM:-2}; UDP_LEN=${UDP_LEN:-64}; SESSIONS=${SESSIONS:-2000}
export DOTNET_TC_CallCountingDelayMs=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
paths=(kernel steward); pfcp=1
while [ $# -gt 0 ]; do
  case "$1" in
    --only) paths=("$2"); shift 2 ;;
    --no-pfcp) pfcp=0; shift ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run.sh: needs root (network namespaces)" >&2; exit 1; }
command -v iperf3 >/dev/null || { echo "run.sh: iperf3 missing (Debian package iperf3; scripts/setup installs it)" >&2; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build -c Release -nologo -v quiet -clp:ErrorsOnly bench/Steward.Upf.Benchmarks
  dotnet build -c Release -nologo -v quiet -clp:ErrorsOnly src/Steward.Cli
fi
tool=(dotnet "$here/bin/Release/net10.0/Steward.Upf.Benchmarks.dll")
steward=(dotnet "$root/src/Steward.Cli/bin/Release/net10.0/steward.dll")

work=$(mktemp -d /tmp/steward-bench-upf.XXXXXX)
suffix=
pids=()
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
  [ -n "$suffix" ] && "${tool[@]}" topology down "$suffix" >/dev/null 2>&1 || true
  suffix=
}
trap 'stop_all; rm -rf "$work"' EXIT

UE=10.45.0.2 DN=10.200.0.2 GNB_N3=10.100.0.1 UPF_N3=10.100.0.2 DL_TEID=4096 QFI=9
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }          # utime + stime of one process, in ticks
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; } # user nice system irq softirq, all cores
tck=$(getconf CLK_TCK)

wait_for() { # file pattern seconds → 0 when the pattern shows up in the file
  for _ in $(seq $(($3 * 10))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

up() { # path → builds the topology and, for steward, the UPF, the session and the gNB simulator; sets $gnb $upf $dn
  suffix=$(printf 'b%05d' $((RANDOM % 100000)))
  read -r gnb upf dn < <("${tool[@]}" topology up "$suffix" $([ "$1" = kernel ] && echo --kernel))
  [ "$1" = kernel ] && return 0
  # `ip netns exec` execs: $! is the program itself, so /proc/$!/stat is its CPU time.
  ip netns exec "$upf" taskset -c 1 "${steward[@]}" upf run --pfcp "$UPF_N3:8805" --n3 "$UPF_N3" --n6 upf-n6 \
    --ue-pool 10.45.0.0/16 --quiet > "$work/upf.log" 2>&1 < /dev/null &
  upf_pid=$!; pids+=("$upf_pid")
  wait_for "$work/upf.log" '^upf: PFCP on' 60 || { echo "the UPF did not start: $(tail -3 "$work/upf.log")" >&2; return 1; }
  # The SMF stays up until the round ends (SIGTERM); heartbeats are off so they do not count against the UPF.
  ip netns exec "$gnb" "${steward[@]}" smf session --upf "$UPF_N3:8805" --local "$GNB_N3:8805" --ue-ip "$UE" \
    --gnb "$GNB_N3" --gnb-teid "$DL_TEID" --qfi "$QFI" --heartbeat 0 --no-stdin > "$work/smf.log" 2> "$work/smf.err" < /dev/null &
  pids+=("$!")
  wait_for "$work/smf.log" '"established"' 60 || { echo "no session: $(tail -3 "$work/smf.err") $(tail -3 "$work/upf.log")" >&2; return 1; }
  ul_teid=$(grep '"established"' "$work/smf.log" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["uplinkTeid"])')
  ip netns exec "$gnb" taskset -c 0 "${steward[@]}" upf gnb-sim --n3 "$GNB_N3" --upf "$UPF_N3" --ue-ip "$UE" \
    --uplink-teid "$ul_teid" --downlink-teid "$DL_TEID" --qfi "$QFI" --route 10.200.0.0/24 > "$work/gnb.log" 2>&1 < /dev/null &
  gnb_pid=$!; pids+=("$gnb_pid")
  wait_for "$work/gnb.log" '"started"' 60 || { echo "the gNB simulator did not start: $(tail -3 "$work/gnb.log")" >&2; return 1; }
  ip netns exec "$gnb" ping -c 3 -i 0.2 -W 2 -I "$UE" "$DN" > /dev/null 2>&1 \
    || { echo "the UE cannot reach the DN host through Steward's UPF" >&2; return 1; }
}

iperf() { # path kind(tcp|udp) → one JSON line of results on stdout
  local args=(-c "$DN" -B "$UE" -t "$SECS" -O "$WARM" -J)
  # Large socket buffers for the small-packet flood, so the DN host's socket is not where packets are lost.
  [ "$2" = udp ] && args+=(-u -b 0 -l "$UDP_LEN" -w 4M)
  ip netns exec "$dn" taskset -c 1 iperf3 -s -1 -J > "$work/server.json" 2>&1 &
  local server=$!
  sleep 0.3
  local b0 u0=0 g0=0 b1 u1=0 g1=0
  b0=$(busy); [ "$1" = steward ] && { u0=$(cpu_of "$upf_pid"); g0=$(cpu_of "$gnb_pid"); }
  ip netns exec "$gnb" taskset -c 0 iperf3 "${args[@]}" > "$work/client.json"
  b1=$(busy); [ "$1" = steward ] && { u1=$(cpu_of "$upf_pid"); g1=$(cpu_of "$gnb_pid"); }
  wait "$server" || true
  /usr/bin/python3 - "$work/client.json" "$2" $((b1 - b0)) $((u1 - u0)) $((g1 - g0)) "$tck" "$SECS" "$WARM" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
kind, busy, upf, gnb, tck, secs, warm = sys.argv[2], *map(int, sys.argv[3:])
# The CPU counters span warm-up and measurement; scale them to the measured seconds.
share = secs / (secs + warm)
if kind == "tcp":
    s = r["end"]["sum_received"]
    gbit = s["bits_per_second"] * s["seconds"] / 1e9
    out = {"gbps": s["bits_per_second"] / 1e9}
else:
    s = r["end"]["sum"]
    got = s["packets"] - s["lost_packets"]
    gbit = got * s["bytes"] / max(s["packets"], 1) * 8 / 1e9
    out = {"pps": got / s["seconds"], "sent_pps": s["packets"] / s["seconds"]}
out["machine_cpu_s_per_gbit"] = busy / tck * share / gbit if gbit else None
out["upf_gnb_cpu_s_per_gbit"] = (upf + gnb) / tck * share / gbit if gbit and upf + gnb else None
print(json.dumps(out))
PY
}

results=$work/results.jsonl
for round in $(seq "$ROUNDS"); do
  order=("${paths[@]}")
  if [ ${#paths[@]} = 2 ] && [ $((round % 2)) = 0 ]; then order=("${paths[1]}" "${paths[0]}"); fi
  for path in "${order[@]}"; do
    up "$path" || { stop_all; exit 1; }
    for kind in tcp udp; do
      line=$(iperf "$path" "$kind")
      echo "round $round $path $kind: $line" >&2
      echo "{\"round\": $round, \"path\": \"$path\", \"kind\": \"$kind\", \"r\": $line}" >> "$results"
    done
    stop_all
  done
done

if [ "$pfcp" = 1 ] && [[ " ${paths[*]} " == *" steward "* ]]; then
  for round in $(seq "$ROUNDS"); do
    suffix=$(printf 'p%05d' $((RANDOM % 100000)))
    read -r gnb upf dn < <("${tool[@]}" topology up "$suffix")
    ip netns exec "$upf" taskset -c 1 "${steward[@]}" upf run --pfcp "$UPF_N3:8805" --n3 "$UPF_N3" --n6 upf-n6 \
      --ue-pool 10.45.0.0/16 --quiet > "$work/upf.log" 2>&1 < /dev/null &
    pids+=("$!")
    wait_for "$work/upf.log" '^upf: PFCP on' 60 || { echo "the UPF did not start: $(tail -3 "$work/upf.log")" >&2; exit 1; }
    line=$(ip netns exec "$gnb" taskset -c 0 "${tool[@]}" pfcp-rate --upf "$UPF_N3:8805" --local "$GNB_N3:8805" --sessions "$SESSIONS")
    echo "round $round pfcp: $line" >&2
    echo "{\"round\": $round, \"path\": \"steward\", \"kind\": \"pfcp\", \"r\": $line}" >> "$results"
    stop_all
  done
fi

/usr/bin/python3 - "$results" <<'PY'
import json, sys, statistics
rows = [json.loads(l) for l in open(sys.argv[1])]
def vals(path, kind, key):
    return [r["r"][key] for r in rows if r["path"] == path and r["kind"] == kind and r["r"].get(key) is not None]
def cell(v, fmt):
    return f"{fmt(statistics.median(v))} ({fmt(min(v))}–{fmt(max(v))})" if v else "-"
g = lambda x: f"{x:.2f}"
k = lambda x: f"{x/1e3:.0f}k"
c = lambda x: f"{x:.2f}"
print("| measure | kernel path (limit) | Steward UPF | ratio (medians) |")
print("|---|---|---|---|")
for label, kind, key, fmt in [("TCP throughput, Gbit/s", "tcp", "gbps", g),
                              ("UDP packets/s delivered", "udp", "pps", k),
                              ("machine CPU-s per Gbit (TCP)", "tcp", "machine_cpu_s_per_gbit", c),
                              ("UPF + gNB sim CPU-s per Gbit (TCP)", "tcp", "upf_gnb_cpu_s_per_gbit", c)]:
    a, b = vals("kernel", kind, key), vals("steward", kind, key)
    ratio = f"{statistics.median(b) / statistics.median(a):.2f}" if a and b else "-"
    print(f"| {label} | {cell(a, fmt)} | {cell(b, fmt)} | {ratio} |")
for label, key in [("PFCP session establishments/s (SMF API, 16 in flight)", "per_second"),
                   ("PFCP session deletions/s (SMF API, 16 in flight)", "deletions_per_second")]:
    p = vals("steward", "pfcp", key)
    if p:
        print(f"| {label} | - | {cell(p, lambda x: f'{x:.0f}')} | - |")
PY
