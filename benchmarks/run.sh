#!/usr/bin/env bash
# The benchmarks for "Find a run near you" (docs/performance.md):
#  1. a world-sized community from the data generator (20,000 groups, a year of weekly runs each),
#     on SQLite and on PostgreSQL;
#  2. "runs near me" (50 km, next 14 days) in process: percentiles, and cost against results;
#  3. the app under wrk: the find-a-run page against /livez (a minimal endpoint of the same app),
#     and the app's memory while serving the page.
# Usage: benchmarks/run.sh   (SKIP_GENERATE=1 reuses the data, SKIP_NEAR=1 only loads the app;
#                             GROUP_COUNT=2000 for a quick try)
set -euo pipefail
cd "$(dirname "$0")/.."
GROUP_COUNT=${GROUP_COUNT:-20000}
WEEKS=${WEEKS:-52}
PORT=${PORT:-5300}
DURATION=${DURATION:-15s}
export RTR_BENCH_SQLITE=${RTR_BENCH_SQLITE:-$PWD/benchmarks/data/world.db}
export RTR_BENCH_POSTGRES=${RTR_BENCH_POSTGRES:-Host=127.0.0.1;Username=postgres;Password=x;Database=rtr_bench}

bash scripts/setup.sh >/dev/null
if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
dotnet build -c Release benchmarks/RunTalkRun.Benchmarks -v q -nologo >/dev/null
bench() { dotnet run -c Release --no-build --project benchmarks/RunTalkRun.Benchmarks -- "$@"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r)"
if [ -z "${SKIP_GENERATE:-}" ]; then
  bench generate sqlite "$GROUP_COUNT" "$WEEKS"
  bench generate postgres "$GROUP_COUNT" "$WEEKS"
fi
if [ -z "${SKIP_NEAR:-}" ]; then
  bench near sqlite
  bench near postgres
fi

PAGE="/groups?near=51.51,-0.13&place=London"
load() {
  local label=$1; shift
  local dir; dir=$(mktemp -d)
  env ASPNETCORE_ENVIRONMENT=Production Site__BaseUrl="http://127.0.0.1:$PORT" Demo__Seed=false Data__Directory="$dir" Logging__LogLevel__Default=Warning "$@" \
    dotnet src/RunTalkRun/bin/Release/net10.0/RunTalkRun.dll --urls "http://127.0.0.1:$PORT" >"$dir/app.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/livez" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$PORT$PAGE" >/dev/null
  local ping page fresh
  wrk -t2 -c20 -d5s "http://127.0.0.1:$PORT/livez" >/dev/null               # warm up
  wrk -t2 -c20 -d5s "http://127.0.0.1:$PORT$PAGE" >/dev/null
  ping=$(wrk -t2 -c20 -d"$DURATION" "http://127.0.0.1:$PORT/livez" | awk '/Requests\/sec/ {print $2}')
  sample() { ( while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid"; sleep 0.5; done ) >"$dir/$1" & echo $!; }
  local sampler
  sampler=$(sample rss-page)
  page=$(wrk -t2 -c20 -d"$DURATION" --latency "http://127.0.0.1:$PORT$PAGE" | tee "$dir/page.txt" | awk '/Requests\/sec/ {print $2}')
  kill "$sampler" 2>/dev/null || true
  sampler=$(sample rss-fresh)
  fresh=$(wrk -t2 -c20 -d"$DURATION" --latency -s benchmarks/vary-near.lua "http://127.0.0.1:$PORT" | tee "$dir/fresh.txt" | awk '/Requests\/sec/ {print $2}')
  kill "$sampler" 2>/dev/null || true
  local rss_page rss_fresh
  rss_page=$(sort -n "$dir/rss-page" | tail -n1)
  rss_fresh=$(sort -n "$dir/rss-fresh" | tail -n1)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f%%", 100*a/b}'; }
  echo "$label: /livez $ping req/s"
  echo "$label: find-a-run page, one place (served from the output cache after the first): $page req/s = $(ratio "$page" "$ping") of /livez; $(grep -E '^\s+99%' "$dir/page.txt" | awk '{print "p99 " $2}')"
  echo "$label: find-a-run page, 10,000 different places (nearly all uncached): $fresh req/s = $(ratio "$fresh" "$ping") of /livez; $(grep -E '^\s+50%' "$dir/fresh.txt" | awk '{print "p50 " $2}'), $(grep -E '^\s+99%' "$dir/fresh.txt" | awk '{print "p99 " $2}')"
  echo "$label: peak memory (RSS) while serving the page for one place: $((rss_page / 1024)) MB; for 10,000 places: $((rss_fresh / 1024)) MB"
  rm -rf "$dir"
}
dotnet build -c Release src/RunTalkRun -v q -nologo >/dev/null
load sqlite ConnectionStrings__Sqlite="Data Source=$RTR_BENCH_SQLITE"
# The same page without the in-memory group directory (a database query per search), for comparison.
load "sqlite, directory off" ConnectionStrings__Sqlite="Data Source=$RTR_BENCH_SQLITE" FindPage__InMemoryDirectory=false
load postgres Database__Provider=Postgres ConnectionStrings__Postgres="$RTR_BENCH_POSTGRES"
