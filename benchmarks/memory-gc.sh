#!/usr/bin/env bash
# RSS of the app under the uncached find-a-run load (benchmarks/vary-near.lua) with different GC settings.
# Needs the generated SQLite world (benchmarks/run.sh) and a Release build. Usage: benchmarks/memory-gc.sh
set -u
cd "$(dirname "$0")/.."
PORT=5310
for setting in "none" "DOTNET_GCHeapHardLimit=0xC800000" "DOTNET_GCHeapHardLimit=0xC800000 DOTNET_gcConcurrent=0" "DOTNET_GCConserveMemory=7 DOTNET_gcConcurrent=0"; do
  dir=$(mktemp -d)
  envs=""; [ "$setting" != "none" ] && envs="$setting"
  env $envs ASPNETCORE_ENVIRONMENT=Production Site__BaseUrl="http://127.0.0.1:$PORT" Demo__Seed=false Data__Directory="$dir" Logging__LogLevel__Default=Warning ConnectionStrings__Sqlite="Data Source=$PWD/benchmarks/data/world.db" \
    dotnet src/RunTalkRun/bin/Release/net10.0/RunTalkRun.dll --urls "http://127.0.0.1:$PORT" >"$dir/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/livez" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$PORT/groups?near=51.51,-0.13&place=London" >/dev/null
  wrk -t2 -c20 -d5s -s benchmarks/vary-near.lua "http://127.0.0.1:$PORT" >/dev/null
  idle=$(ps -o rss= -p $pid)
  ( while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid"; sleep 0.5; done ) >"$dir/rss" &
  sampler=$!
  rps=$(wrk -t2 -c20 -d15s -s benchmarks/vary-near.lua "http://127.0.0.1:$PORT" | awk '/Requests\/sec/ {print $2}')
  kill $sampler; peak=$(sort -n "$dir/rss" | tail -n1)
  kill $pid; wait $pid 2>/dev/null
  echo "$setting: idle $((idle/1024)) MB, peak $((peak/1024)) MB, $rps req/s"
  rm -rf "$dir"
done
