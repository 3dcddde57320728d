#!/usr/bin/env bash
# CORBA load comparison. Server side: servers of the interop contract (testassets/corba/StewardTest.idl) driven by one
# neutral C load generator (load/giop-load.c: CONNS connections, DEPTH pipelined GIOP 1.2 opString calls each, every
# reply checked). Client side: clients calling opString in a loop on THREADS threads against one server.
#
#   bench/Steward.Rpc.Corba.Benchmarks/run.sh [--server NAME[=COMMAND]]... [--client NAME[=COMMAND]]... [--client-server NAME]
#
# Built in: server "omniorb" (omniORB 4.2, testassets/corba/cpp/server.cpp at -O2, thread-per-connection) and client
# "omniorb" (client/client-bench.cpp); --server steward adds Steward's CorbaTest.Server (Release build; steward-linux:
# on Steward's Linux transport), --client steward Steward's client (this folder's Steward.Rpc.Corba.Benchmarks,
# Release build: ClientBench.cs, with client-bench's flags and output line). Others are given
# as NAME=COMMAND:
#   a server COMMAND contains {port} and {ior}, listens on 127.0.0.1:{port}, writes its IOR to the file {ior} and
#   prints "ready";
#   a client COMMAND gets --ior-file=F --threads=T --seconds=S --warmup=W appended and prints
#   "calls=N rps=X p50_ms=X p99_ms=X cpu=X" like client-bench.
# e.g. --server steward="dotnet testassets/CorbaTest.Server/bin/Release/net10.0/CorbaTest.Server.dll --port={port} --ior-file={ior}"
#
# Environment: ROUNDS=5 SECS=10 WARM=5 CONNS=4 DEPTH=16 THREADS=8 (client threads), SKIP_BUILD=1.
# Server on core 0, load or client on core 1 (taskset); the servers (clients) take turns within each round and the
# first one rotates from round to round; medians and min–max spread over the rounds; ratios are to the omniorb side.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
ROUNDS=${ROUNDS:-5}; SECS=${SECS:-10}; WARM=${WARM:-5}; CONNS=${CONNS:-4}; DEPTH=${DEPTH:-16}; THREADS=${THREADS:-8}
BIN="$here/bin"
# .NET servers and clients reach steady state without a 30 s warm-up (see BENCHMARKING.md).
export DOTNET_TC_CallCountingDelayMs=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

declare -A SERVER_CMD=([omniorb]="$BIN/server --port={port} --ior-file={ior}") CLIENT_CMD=([omniorb]="$BIN/client-bench")
servers=(omniorb); clients=(omniorb); client_server=omniorb
steward_server=$root/testassets/CorbaTest.Server/bin/Release/net10.0/CorbaTest.Server.dll
steward_client=$root/bench/Steward.Rpc.Corba.Benchmarks/bin/Release/net10.0/Steward.Rpc.Corba.Benchmarks.dll
while [ $# -gt 0 ]; do
  case "$1" in
    --server|--client)
      kind=${1#--}; spec=$2; shift 2
      name=${spec%%=*}
      if [ "$spec" = omniorb ]; then
        continue # always there
      elif [ "$spec" = steward ] && [ $kind = server ]; then
        [ -f "$steward_server" ] || { echo "--server steward: build it first (dotnet build -c Release testassets/CorbaTest.Server)" >&2; exit 2; }
        SERVER_CMD[steward]="dotnet $steward_server --port={port} --ior-file={ior}"
      elif [ "$spec" = steward-linux ] && [ $kind = server ]; then
        [ -f "$steward_server" ] || { echo "--server steward-linux: build it first (dotnet build -c Release testassets/CorbaTest.Server)" >&2; exit 2; }
        SERVER_CMD[steward-linux]="dotnet $steward_server --port={port} --ior-file={ior} --linux-transport"
      elif [ "$spec" = steward ] && [ $kind = client ]; then
        [ -f "$steward_client" ] || { echo "--client steward: build it first (dotnet build -c Release bench/Steward.Rpc.Corba.Benchmarks)" >&2; exit 2; }
        CLIENT_CMD[steward]="dotnet $steward_client"
      elif [ "$name" = "$spec" ]; then
        echo "expected omniorb, steward, steward-linux or NAME=COMMAND after --$kind, got: $spec" >&2; exit 2
      elif [ $kind = server ]; then
        SERVER_CMD[$name]=${spec#*=}
      else
        CLIENT_CMD[$name]=${spec#*=}
      fi
      if [ $kind = server ]; then servers+=("$name"); else clients+=("$name"); fi ;;
    --client-server) client_server=$2; shift 2 ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -n "${SERVER_CMD[$client_server]:-}" ] || { echo "--client-server $client_server: no such server" >&2; exit 2; }

[ "${SKIP_BUILD:-0}" = 1 ] || make -s -C "$here" -j2 all
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

port=54000
ior=$work/server.ior
start_server() { # name → sets $pid $port and writes $ior; fails when the server does not print "ready"
  port=$((port + 1))
  rm -f "$ior"
  local cmd=${SERVER_CMD[$1]//\{port\}/$port}
  cmd=${cmd//\{ior\}/$ior}
  # exec: $pid is the server itself, so its CPU time can be read from /proc/$pid/stat.
  bash -c "exec taskset -c 0 $cmd" > "$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    grep -qx ready "$work/server.log" 2>/dev/null && [ -s "$ior" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "server $1 did not start: $(tail -3 "$work/server.log")" >&2; pid=; return 1; }
    sleep 0.1
  done
  echo "server $1 printed no \"ready\" (or wrote no IOR) within 60 s" >&2; stop_server; return 1
}
stop_server() { [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }; pid=; }
field() { sed -E "s/.*[ ^]$1=([0-9.]+).*/\1/" <<<" $2"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
spread() { sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {if (NR) printf "%s–%s", lo, hi; else print "-"}'; }
rotated() { # round list… → the list starting at index round % length
  local r=$1; shift; local n=$#; local items=("$@")
  for ((i = 0; i < n; i++)); do echo "${items[$(((r + i) % n))]}"; done
}

declare -A R
for round in $(seq "$ROUNDS"); do
  for name in $(rotated "$round" "${servers[@]}"); do
    start_server "$name" || exit 1
    line=$(taskset -c 1 "$BIN/giop-load" "$ior" "$CONNS" "$DEPTH" "$SECS" "$WARM" $pid) \
      || { echo "load against $name failed" >&2; stop_server; exit 1; }
    echo "round $round server $name: $line" >&2
    for k in rps p50_ms p99_ms server_cpu cpu; do R[server,$name,$k]+="$(field $k "$line") "; done
    # Calls per CPU-second the server spent: what a busy machine distorts least.
    R[server,$name,per_cpu_s]+="$(awk -v r="$(field rps "$line")" -v c="$(field server_cpu "$line")" 'BEGIN {if (c > 0) printf "%.0f", r/c; else print "-"}') "
    stop_server
  done
done

for round in $(seq "$ROUNDS"); do
  for name in $(rotated "$round" "${clients[@]}"); do
    start_server "$client_server" || exit 1
    if line=$(taskset -c 1 bash -c "exec ${CLIENT_CMD[$name]} --ior-file=$ior --threads=$THREADS --seconds=$SECS --warmup=$WARM" 2>"$work/client.err"); then
      echo "round $round client $name: $line" >&2
      for k in rps p50_ms p99_ms cpu; do R[client,$name,$k]+="$(field $k "$line") "; done
      R[client,$name,per_cpu_s]+="$(awk -v r="$(field rps "$line")" -v c="$(field cpu "$line")" 'BEGIN {if (c > 0) printf "%.0f", r/c; else print "-"}') "
    else
      echo "client $name failed: $(tail -3 "$work/client.err")" >&2
    fi
    stop_server
  done
done

m() { tr ' ' '\n' <<<"${R[$1]:-}" | { grep . || true; } | median; }
s() { tr ' ' '\n' <<<"${R[$1]:-}" | { grep . || true; } | spread; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a/b}'; }
# The ratio within each round (both sides measured minutes apart, under the same neighbours): median and spread.
paired() { # key-of-side key-of-anchor → "median (min–max)"
  local ratios
  ratios=$(paste -d' ' <(tr ' ' '\n' <<<"${R[$1]:-}" | grep .) <(tr ' ' '\n' <<<"${R[$2]:-}" | grep .) 2>/dev/null \
    | awk 'NF == 2 && $2 > 0 {printf "%.2f\n", $1 / $2}')
  [ -n "$ratios" ] || { echo "-"; return; }
  echo "$(median <<<"$ratios") ($(spread <<<"$ratios"))"
}
echo "Server side: giop-load, $CONNS connections × $DEPTH outstanding GIOP 1.2 opString calls, server on core 0, load on core 1;"
echo "$ROUNDS interleaved rounds of ${SECS} s after ${WARM} s warm-up; ratio = median ÷ the omniorb server's median."
echo
echo "| server | calls/s median | calls/s spread | ratio | ratio per round | p50 ms | p99 ms | server CPU | calls per server CPU-s | ratio | load CPU |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for name in "${servers[@]}"; do
  rps=$(m "server,$name,rps"); pcs=$(m "server,$name,per_cpu_s")
  echo "| $name | $rps | $(s "server,$name,rps") | $(ratio "$rps" "$(m server,omniorb,rps)") | $(paired "server,$name,rps" server,omniorb,rps) | $(m "server,$name,p50_ms") | $(m "server,$name,p99_ms") | $(m "server,$name,server_cpu") | $pcs | $(ratio "$pcs" "$(m server,omniorb,per_cpu_s)") | $(m "server,$name,cpu") |"
done
echo
echo "Client side: $THREADS threads calling opString in a loop against the $client_server server (server core 0, client core 1)."
echo
echo "| client | calls/s median | calls/s spread | ratio | ratio per round | p50 ms | p99 ms | client CPU | calls per client CPU-s | ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for name in "${clients[@]}"; do
  rps=$(m "client,$name,rps"); pcs=$(m "client,$name,per_cpu_s")
  echo "| $name | $rps | $(s "client,$name,rps") | $(ratio "$rps" "$(m client,omniorb,rps)") | $(paired "client,$name,rps" client,omniorb,rps) | $(m "client,$name,p50_ms") | $(m "client,$name,p99_ms") | $(m "client,$name,cpu") | $pcs | $(ratio "$pcs" "$(m client,omniorb,per_cpu_s)") |"
done
