#!/usr/bin/env bash
# gRPC load comparison: Steward vs Grpc.AspNetCore 2.85, same Greeter, same Kestrel, same load generator.
#   bench/Steward.Rpc.Grpc.Benchmarks/run.sh [rounds=3] [seconds=10]
# Server on core 0, load on core 1 (taskset), A B A B, median of the rounds. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-3}; SECS=${2:-10}; WARM=${WARM:-10}
CONNS=${CONNS:-4}; STREAMS=${STREAMS:-50}; CALLERS=${CALLERS:-32}
# steward-linux / steward-linux-io: the Steward server on Steward's epoll transport (thread-pool / I/O-thread scheduling).
IMPLS=${IMPLS:-"steward grpc-dotnet"}
BIN=bin/Release/net10.0/Steward.Rpc.Grpc.Benchmarks.dll
# Both sides reach steady state without a 30 s warm-up (see ../shared/BENCHMARKING.md).
export DOTNET_TC_CallCountingDelayMs=0 DOTNET_CLI_TELEMETRY_OPTOUT=1
[ -f "$BIN" ] || dotnet build -c Release -nologo -v quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One HelloRequest{name:"world"} as a length-prefixed gRPC message; the stream body carries 10 of them.
printf '\x00\x00\x00\x00\x07\x0a\x05world' > "$work/unary.bin"
for _ in $(seq 10); do cat "$work/unary.bin"; done > "$work/stream.bin"

port=51000
start_server() { # impl → sets $pid $port
  port=$((port + 1))
  taskset -c 0 dotnet "$BIN" server --impl="$1" --port=$port > "$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && return 0; sleep 0.1; done
  echo "server $1 did not start" >&2; cat "$work/server.log" >&2; exit 1
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

h2() { # path body seconds [logfile]
  local log=()
  [ -n "${4:-}" ] && log=(--log-file="$4")
  taskset -c 1 h2load -c "$CONNS" -m "$STREAMS" -D "$3" -d "$2" "${log[@]}" \
    -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$port$1"
}

pct() { # logfile fraction → ms (h2load's 3rd column is µs to end of response)
  awk '{print $3}' "$1" | sort -n | awk -v p="$2" '{a[NR]=$1} END {i=int(NR*p); if (i<1) i=1; printf "%.3f", a[i]/1000}'
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A R
for workload in unary stream; do
  if [ $workload = unary ]; then path=/helloworld.Greeter/SayHello; body="$work/unary.bin"; else path=/helloworld.Greeter/SayHelloStream; body="$work/stream.bin"; fi
  for round in $(seq "$ROUNDS"); do
    for impl in $IMPLS; do
      start_server $impl
      if [ "$round" = 1 ]; then
        # h2load only checks the HTTP status: confirm once that the reply is a real gRPC success.
        nghttp -n -d "$body" -H 'content-type: application/grpc' -H 'te: trailers' -v "http://127.0.0.1:$port$path" 2>&1 \
          | grep -q 'grpc-status: 0' || { echo "$impl $workload: no grpc-status 0" >&2; exit 1; }
      fi
      h2 "$path" "$body" "$WARM" > /dev/null
      h2 "$path" "$body" "$SECS" "$work/log" > "$work/out"
      rps=$(awk '/^finished in/ {print $4}' "$work/out")
      ok=$(awk '/^status codes:/ {print $3}' "$work/out")
      rss=$(awk '/VmRSS/ {print $2/1024}' /proc/$pid/status)
      R[$workload,$impl,rps]+="$rps "; R[$workload,$impl,p50]+="$(pct "$work/log" 0.50) "
      R[$workload,$impl,p99]+="$(pct "$work/log" 0.99) "; R[$workload,$impl,rss]+="$rss "
      echo "round $round $workload $impl: $rps req/s ($ok 2xx), p50 $(pct "$work/log" 0.50) ms, p99 $(pct "$work/log" 0.99) ms, rss ${rss} MB" >&2
      stop_server
    done
  done
done

# Client side: both clients against the same (Steward) server.
for round in $(seq "$ROUNDS"); do
  for impl in steward grpc-dotnet; do
    start_server steward
    line=$(taskset -c 1 dotnet "$BIN" client --impl=$impl --port=$port --callers="$CALLERS" --seconds="$SECS" --warmup="$WARM")
    echo "round $round client $impl: $line" >&2
    for k in rps p50_ms p99_ms; do R[client,$impl,$k]+="$(sed -E "s/.*$k=([0-9.]+).*/\1/" <<<"$line") "; done
    stop_server
  done
done

m() { tr ' ' '\n' <<<"${R[$1]}" | grep . | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
echo "| workload | metric | Steward | grpc-dotnet 2.85 | Steward ÷ grpc-dotnet |"
echo "|---|---|---|---|---|"
for w in unary stream; do
  for k in rps p50 p99 rss; do
    s=$(m "$w,steward,$k"); g=$(m "$w,grpc-dotnet,$k")
    echo "| server, $w (h2load -c $CONNS -m $STREAMS) | $k | $s | $g | $(ratio "$s" "$g") |"
  done
done
for k in rps p50_ms p99_ms; do
  s=$(m "client,steward,$k"); g=$(m "client,grpc-dotnet,$k")
  echo "| client, unary ($CALLERS callers, one channel) | $k | $s | $g | $(ratio "$s" "$g") |"
done
