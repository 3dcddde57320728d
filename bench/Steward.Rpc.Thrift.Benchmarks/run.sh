#!/usr/bin/env bash
# Thrift load comparison: the Greeter on Steward's Thrift server vs Apache Thrift 0.25's netstd
# TThreadPoolAsyncServer (framed; binary and compact), driven by one neutral load client that
# writes pre-encoded framed CALLs over N connections and checks every REPLY byte for byte; then
# Steward's client vs Apache's client against the same (Steward) server.
#   bench/Steward.Rpc.Thrift.Benchmarks/run.sh [rounds=3] [seconds=10]     (SKIP_BUILD=1 reuses the last build)
# Server on core 0, load on core 1 (taskset), A B A B, median of the rounds. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-3}; SECS=${2:-10}; WARM=${WARM:-5}; CONNS=${CONNS:-32}
# steward-linux: Steward's epoll transport (Steward.Hosting.Linux) with the handler on the I/O thread;
# steward: Kestrel's socket transport; apache: TThreadPoolAsyncServer as shipped; apache-inline: see below.
SERVER_IMPLS=${SERVER_IMPLS:-"steward-linux steward apache apache-inline"}
BIN=bin/Release/net10.0/Steward.Rpc.Thrift.Benchmarks.dll
# Both sides reach steady state without a 30 s warm-up (see BENCHMARKING.md).
export DOTNET_TC_CallCountingDelayMs=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ "${SKIP_BUILD:-0}" = 1 ] || dotnet build -c Release -nologo -v quiet -clp:ErrorsOnly
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

port=52000
start_server() { # impl protocol → sets $pid $port; fails when the server does not come up
  port=$((port + 1))
  # apache-inline: Apache's server with .NET's socket completions run inline on the epoll thread, the
  # runtime knob that removes the thread-pool hop for any .NET server — so the Linux transport's gain is
  # also measured against Apache given the same shortcut.
  local impl=$1 env=()
  [ "$impl" = apache-inline ] && { impl=apache; env=(DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1); }
  env "${env[@]}" taskset -c 0 dotnet "$BIN" server --impl="$impl" --protocol="$2" --port=$port > "$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "server $1 $2 did not start: $(tail -1 "$work/server.log")" >&2; pid=; return 1; }
    sleep 0.1
  done
  echo "server $1 $2 did not listen" >&2; stop_server; return 1
}
stop_server() { [ -n "$pid" ] && { kill "$pid"; wait "$pid" 2>/dev/null || true; }; pid=; }
field() { sed -E "s/.*[ ^]$1=([0-9.]+).*/\1/" <<<" $2"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }

# The load generator for the server side is a small C program (load/thrift-load.c): one thread, epoll,
# pre-encoded frames checked byte for byte. A .NET load client costs as much per call as the servers
# under test and saturated its core first (the `load` command keeps it for comparison).
gcc -O2 -Wall -Wextra -o "$work/thrift-load" load/thrift-load.c
for proto in binary compact; do
  mkdir -p "$work/$proto"
  dotnet "$BIN" frames --protocol=$proto --out="$work/$proto"
done

declare -A R
for proto in binary compact; do
  for round in $(seq "$ROUNDS"); do
    for impl in $SERVER_IMPLS; do
      start_server $impl $proto || continue
      line=$(taskset -c 1 "$work/thrift-load" $port "$CONNS" "$SECS" "$WARM" "$work/$proto/request.bin" "$work/$proto/reply.bin" $pid) \
        || { echo "load against $impl $proto failed" >&2; stop_server; exit 1; }
      echo "round $round server $impl $proto: $line" >&2
      for k in rps p50_ms p99_ms server_cpu cpu; do R[server,$proto,$impl,$k]+="$(field $k "$line") "; done
      # Calls per CPU-second the server spent: what a busy machine distorts least.
      R[server,$proto,$impl,per_cpu_s]+="$(awk -v r="$(field rps "$line")" -v c="$(field server_cpu "$line")" 'BEGIN {if (c > 0) printf "%.0f", r/c; else print "-"}') "
      stop_server
    done
  done
done

# Client side: both clients against the same server, Steward's when it runs, else Apache's.
client_server=steward
start_server steward binary && stop_server || client_server=apache
for proto in binary compact; do
  for round in $(seq "$ROUNDS"); do
    for impl in steward apache; do
      start_server $client_server $proto || continue
      if line=$(taskset -c 1 dotnet "$BIN" client --impl=$impl --port=$port --protocol=$proto --conns="$CONNS" --seconds="$SECS" --warmup="$WARM" 2>"$work/client.err"); then
        echo "round $round client $impl $proto: $line" >&2
        for k in rps p50_ms p99_ms cpu; do R[client,$proto,$impl,$k]+="$(field $k "$line") "; done
      else
        echo "client $impl $proto failed: $(tail -1 "$work/client.err")" >&2
      fi
      stop_server
    done
  done
done

m() { tr ' ' '\n' <<<"${R[$1]:-}" | { grep . || true; } | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a/b}'; }
echo "Server side ($CONNS connections, C load generator; Steward ÷ the ApacheThrift server as shipped):"
echo
echo "| protocol (framed) | metric | Steward, Linux transport | Steward, Kestrel sockets | ApacheThrift 0.25 | ApacheThrift 0.25, inline completions | Linux ÷ Apache | sockets ÷ Apache | Linux ÷ Apache inline |"
echo "|---|---|---|---|---|---|---|---|---|"
for proto in binary compact; do
  for k in rps p50_ms p99_ms server_cpu per_cpu_s cpu; do
    l=$(m "server,$proto,steward-linux,$k"); s=$(m "server,$proto,steward,$k"); a=$(m "server,$proto,apache,$k"); i=$(m "server,$proto,apache-inline,$k")
    label=$k; [ $k = cpu ] && label="load client cpu"; [ $k = per_cpu_s ] && label="calls per server CPU-second"
    echo "| $proto | $label | $l | $s | $a | $i | $(ratio "$l" "$a") | $(ratio "$s" "$a") | $(ratio "$l" "$i") |"
  done
done
echo
echo "Client side (both clients against the same $client_server server):"
echo
echo "| side | protocol (framed) | metric | Steward | ApacheThrift 0.25 | Steward ÷ ApacheThrift |"
echo "|---|---|---|---|---|---|"
for proto in binary compact; do
  for k in rps p50_ms p99_ms cpu; do
    s=$(m "client,$proto,steward,$k"); a=$(m "client,$proto,apache,$k")
    label=$k; [ $k = cpu ] && label="client cpu"
    echo "| client ($CONNS conns, $client_server server) | $proto | $label | $s | $a | $(ratio "$s" "$a") |"
  done
done
