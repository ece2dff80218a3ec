#!/usr/bin/env bash
# The chat benchmark (docs/performance.md, "Chat: 2,000 members in 100 rooms"):
#  a copy of the generated world (benchmarks/data/world.db) with 100 group rooms, 20 members each and
#  1,000 messages of history a room; the app in Release as its own process on loopback; 2,000 SignalR
#  clients over WebSockets in this process. Prints the server's memory per connection and the delivery
#  latency (p50/p95/p99/max) of messages sent at a steady rate. Bounded: about 3-4 minutes on 2 cores.
# Usage: benchmarks/chat.sh   (CHAT_RATE=3 for 3 messages/s per room; CHAT_SECONDS, CHAT_MEMBERS,
#        CHAT_ROOMS, CHAT_HISTORY, CHAT_PORT, CHAT_KEEP=1: see ChatBenchmark.cs)
set -euo pipefail
cd "$(dirname "$0")/.."
export RTR_BENCH_SQLITE=${RTR_BENCH_SQLITE:-$PWD/benchmarks/data/world.db}

dotnet build -c Release benchmarks/RunTalkRun.Benchmarks -v q -nologo >/dev/null   # builds the app in Release too
if [ ! -f "$RTR_BENCH_SQLITE" ] && [ -z "${CHAT_SMALL_WORLD:-}" ]; then
  # The world-sized data (about 2 minutes); CHAT_SMALL_WORLD=1 lets the benchmark make a 2,000-group one instead.
  dotnet run -c Release --no-build --project benchmarks/RunTalkRun.Benchmarks -- generate sqlite 20000 52
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); client and server share these cores"
dotnet run -c Release --no-build --project benchmarks/RunTalkRun.Benchmarks -- chat
