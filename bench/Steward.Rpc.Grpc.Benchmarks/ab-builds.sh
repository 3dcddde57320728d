#!/usr/bin/env bash
# Steward's gRPC server, one build against another (e.g. before and after a change), in interleaved rounds.
#   bench/Steward.Rpc.Grpc.Benchmarks/ab-builds.sh OLD_TREE NEW_TREE [unary|stream] [rounds=3] [seconds=8]
# Each tree must have built bench/Steward.Rpc.Grpc.Benchmarks in Release (a `git worktree` of the older commit
# serves as OLD_TREE). Server on core 0, h2load on core 1, as run.sh; prints one line per round and build.
set -euo pipefail
OLD=$1; NEW=$2; W=${3:-unary}; ROUNDS=${4:-3}; SECS=${5:-8}; WARM=${WARM:-5}
export DOTNET_TC_CallCountingDelayMs=0 DOTNET_CLI_TELEMETRY_OPTOUT=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '\x00\x00\x00\x00\x07\x0a\x05world' > "$work/unary.bin"
for _ in $(seq 10); do cat "$work/unary.bin"; done > "$work/stream.bin"
if [ "$W" = unary ]; then path=/helloworld.Greeter/SayHello; body=$work/unary.bin; else path=/helloworld.Greeter/SayHelloStream; body=$work/stream.bin; fi
h2() { taskset -c 1 h2load -c 4 -m 50 -D "$1" -d "$body" -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$port$path"; }
port=52000
for r in $(seq "$ROUNDS"); do
  for tree in "$OLD" "$NEW"; do
    port=$((port + 1))
    taskset -c 0 dotnet "$tree/bench/Steward.Rpc.Grpc.Benchmarks/bin/Release/net10.0/Steward.Rpc.Grpc.Benchmarks.dll" \
      server --impl=steward --port=$port > "$work/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
    h2 "$WARM" > /dev/null
    out=$(h2 "$SECS")
    echo "round $r $W $tree: $(awk '/finished in/ {print $4}' <<<"$out") req/s, $(awk '/^status codes:/ {print $3}' <<<"$out") 2xx"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
