#!/usr/bin/env bash
# Installs and starts what the tests need on a fresh Debian machine: Chromium (browser tests),
# PostgreSQL (the production database), Redis (the chat shared by two app instances), aiosmtpd (a real SMTP server for mail tests),
# ical.js from npm (a real iCalendar parser for the calendar tests).
# Safe to run again: it skips what is already there. Needs root or sudo for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || need+=(python3-aiosmtpd)
command -v node >/dev/null || need+=(nodejs npm)
command -v redis-server >/dev/null || need+=(redis-server)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: start the cluster by hand (no systemd here) and give the postgres user the test password.
if command -v pg_lsclusters >/dev/null; then
  read -r pg_version pg_cluster pg_status < <(pg_lsclusters -h | awk '{print $1, $2, $4}' | head -n1) || true
  if [ -z "${pg_version:-}" ]; then
    pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
    $SUDO pg_createcluster "$pg_version" main >/dev/null
    pg_cluster=main; pg_status=down
  fi
  if [ "$pg_status" != "online" ]; then
    $SUDO pg_ctlcluster "$pg_version" "$pg_cluster" start
  fi
  for _ in $(seq 1 30); do
    if $SUDO su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
  done
  $SUDO su postgres -c "psql -qc \"ALTER USER postgres PASSWORD '${RTR_PG_PASSWORD:-x}'\"" >/dev/null
fi

# Redis: started by hand on 127.0.0.1:6379 (no systemd here), kept in memory only.
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --pidfile /tmp/rtr-redis.pid --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && break; sleep 0.5; done
fi

# ical.js, the real iCalendar parser the calendar tests read the feeds with.
if [ ! -d tests/ical/node_modules/ical.js ]; then
  npm ci --prefix tests/ical --no-audit --no-fund --loglevel=error
fi

dotnet tool restore >/dev/null
echo "setup: ready (chromium, postgresql $(pg_lsclusters -h 2>/dev/null | awk '{print $1, $4}' | head -n1), redis, aiosmtpd, ical.js)"
