#!/usr/bin/env bash
# Runs every test (fast in-process tests and real-Chromium browser tests).
#   scripts/test.sh                              # on SQLite
#   RTR_TEST_DATABASE=Postgres scripts/test.sh   # on PostgreSQL (127.0.0.1:5432, user postgres)
# Installs and starts what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# One test project at a time (-m:1): the browser tests time real page loads, and sharing the machine
# with the in-process tests (which hash passwords and run hundreds of requests) made them flaky.
exec dotnet test RunTalkRun.slnx -m:1 "$@"
