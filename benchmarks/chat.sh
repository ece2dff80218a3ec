#!/usr/bin/env bash
# The chat benchmark (docs/performance.md, "Chat: 2,000 members in 100 rooms"):
#  a throw-away copy of the generated world (benchmarks/data/world.db, or the rtr_bench PostgreSQL
#  database) with 100 group rooms, 20 members each and 1,000 messages of history a room; the app in
#  Release as its own process on loopback; 2,000 SignalR clients over WebSockets in the benchmark
#  process. Prints the server's memory per connection, then for each rate the delivery latency
#  (p50/p95/p99/max) of messages sent at that steady rate. Bounded: about 4 minutes a database on
#  2 cores, half of it the 2,000 sign-ins (Identity's password hashing).
# Usage: benchmarks/chat.sh [sqlite|postgres|both]   (default sqlite)
#   CHAT_RATES=1,3 messages/s per room, one measured phase each; CHAT_SECONDS=20 a phase; CHAT_MEMBERS,
#   CHAT_ROOMS, CHAT_HISTORY, CHAT_PORT, CHAT_KEEP=1: see benchmarks/RunTalkRun.Benchmarks/ChatBenchmark.cs
set -euo pipefail
cd "$(dirname "$0")/.."
WHICH=${1:-sqlite}
case "$WHICH" in sqlite) dbs=(sqlite) ;; postgres) dbs=(postgres) ;; both) dbs=(sqlite postgres) ;; *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;; esac
export RTR_BENCH_SQLITE=${RTR_BENCH_SQLITE:-$PWD/benchmarks/data/world.db}
export RTR_BENCH_POSTGRES=${RTR_BENCH_POSTGRES:-Host=127.0.0.1;Username=postgres;Password=x;Database=rtr_bench}

[ "$WHICH" != sqlite ] && bash scripts/setup.sh >/dev/null   # PostgreSQL, started
dotnet build -c Release benchmarks/RunTalkRun.Benchmarks -v q -nologo >/dev/null   # builds the app in Release too
bench() { dotnet run -c Release --no-build --project benchmarks/RunTalkRun.Benchmarks -- "$@"; }
# Without the world-sized data the benchmark generates a 2,000-group world instead; this makes the real one (about 2 min).
if [ "$WHICH" != postgres ] && [ ! -f "$RTR_BENCH_SQLITE" ] && [ -z "${CHAT_SMALL_WORLD:-}" ]; then bench generate sqlite 20000 52; fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); the clients and the server share these cores"
for db in "${dbs[@]}"; do bench chat "$db"; done
