#!/usr/bin/env bash
# sqlmap (Debian's package) against the API: the app in Release on a free loopback port with a fresh,
# temporary SQLite database (the demo community seeded), bearer tokens from the API's own login (the demo
# HQ account with its demo two-step key), then `sqlmap --batch` on each query-string, path and JSON-body
# parameter that reaches the database (read from src/RunTalkRun/Features/*/*Api.cs). Exits non-zero when
# sqlmap finds anything injectable or cannot finish a target. The last line is the summary:
#   sqlmap: N clean, N injectable, N unfinished
# Level 3 and risk 2 by default: for SQLite, sqlmap's time-based and stacked-query tests start there (level 2 and
# risk 1 try boolean-based, inline and UNION tests only); level 3 also tries the User-Agent and Referer headers.
# Risk 3 (OR-based payloads, which can rewrite whole tables) is left out.
# Settings: SQLMAP_LEVEL (3), SQLMAP_RISK (2), SQLMAP_TARGET_SECONDS (240, the most one target may take),
# SQLMAP_KEEP=1 keeps the work folder (sqlmap's logs and the app's) for reading.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
LEVEL=${SQLMAP_LEVEL:-3}
RISK=${SQLMAP_RISK:-2}
TARGET_SECONDS=${SQLMAP_TARGET_SECONDS:-240}

if ! command -v sqlmap >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "sqlmap: installing the Debian package"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap >/dev/null \
    || { echo "sqlmap: could not install sqlmap"; echo "sqlmap: 0 clean, 0 injectable, 1 unfinished"; exit 1; }
fi

work=$(mktemp -d /tmp/rtr-sqlmap.XXXXXX)
app_pid=""
finish() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; fi
  if [ "${SQLMAP_KEEP:-}" = 1 ]; then echo "sqlmap: logs kept in $work"; else rm -rf "$work"; fi
}
trap finish EXIT

echo "sqlmap: building the app in Release"
if ! dotnet build src/RunTalkRun -c Release -v q -nologo >"$work/build.log" 2>&1; then
  tail -20 "$work/build.log"; echo "sqlmap: 0 clean, 0 injectable, 1 unfinished"; exit 1
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
# Production settings on a throw-away SQLite database; the limits on signing in and on chat messages are
# lifted so that sqlmap tests the code behind them, not the limiter in front.
(cd "$work" && exec env -u Database__Provider -u ConnectionStrings__Postgres -u ConnectionStrings__Sqlite -u Redis__Configuration \
  ASPNETCORE_ENVIRONMENT=Production Site__BaseUrl="$base" Data__Directory="$work/data" Demo__Seed=true Jobs__Enabled=false \
  RateLimits__SignIn__PermitLimit=1000000 Talk__MessagesPerMinute=1000000 Logging__LogLevel__Default=Warning \
  dotnet "$OLDPWD/src/RunTalkRun/bin/Release/net10.0/RunTalkRun.dll" --urls "$base") >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.5
done
if ! curl -fsS "$base/healthz" >/dev/null 2>&1; then
  tail -30 "$work/app.log"; echo "sqlmap: the app did not start"; echo "sqlmap: 0 clean, 0 injectable, 1 unfinished"; exit 1
fi
echo "sqlmap: the app is up at $base (Release, Production, SQLite in $work/data)"

# Bearer tokens from the API's login. HQ signs in with the demo two-step key (RFC 6238, worked out here).
token() {
  python3 - "$base" "$1" "${2:-}" <<'EOF'
import base64, hashlib, hmac, json, struct, sys, time, urllib.request
base, email, key = sys.argv[1], sys.argv[2], sys.argv[3]
body = {"email": email, "password": "RunTalkRun-demo-1"}
if key:
    digest = hmac.new(base64.b32decode(key), struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    body["twoFactorCode"] = "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)
request = urllib.request.Request(base + "/api/v1/auth/login", json.dumps(body).encode(), {"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["accessToken"])
EOF
}
demo_key=$(sed -n 's/.*HqAuthenticatorKey = "\([A-Z2-7]*\)".*/\1/p' src/RunTalkRun/Data/DemoCommunity.cs)
member=$(token member1@example.org) && leader=$(token leader.peterborough@example.org) && hq=$(token hq@example.org "$demo_key") || {
  echo "sqlmap: could not sign in through the API"; echo "sqlmap: 0 clean, 0 injectable, 1 unfinished"; exit 1; }
room=$(curl -fsS -H "Authorization: Bearer $member" "$base/api/v1/rooms" | python3 -c 'import json, sys; print(next(r["id"] for r in json.load(sys.stdin) if r["kind"] == "group"))')
# A private calendar feed's secret address, given to member1 straight in the database (the page that makes one is a form).
calendar=sqlmapcalendarfeedtoken0123456789
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE AspNetUsers SET CalendarToken = ? WHERE Email = ?", (sys.argv[2], "member1@example.org")); c.commit()' \
  "$work/data/runtalkrun.db" "$calendar"

clean=0; injectable=0; unfinished=0
# scan NAME AUTH URL [JSON-BODY [METHOD [MORE-SQLMAP-OPTIONS...]]]   (a * in the URL marks a path parameter to test)
scan() {
  local name=$1 auth=$2 url=$3 data=${4:-} method=${5:-}
  shift $(($# < 5 ? $# : 5))
  local args=(-u "$url" --batch --level "$LEVEL" --risk "$RISK" --dbms SQLite --threads 2 --timeout 15 --retries 1
    --flush-session --disable-coloring --output-dir "$work/sqlmap" --answers "follow=N")
  local headers=""
  [ -n "$auth" ] && headers="Authorization: Bearer $auth"
  [ -n "$data" ] && { args+=(--data "$data"); headers="${headers:+$headers\n}Content-Type: application/json"; }
  [ -n "$headers" ] && args+=(--headers "$headers")
  [ -n "$method" ] && args+=(--method "$method")
  args+=("$@")
  local log="$work/$name.log" started=$SECONDS
  timeout "$TARGET_SECONDS" sqlmap "${args[@]}" >"$log" 2>&1
  local code=$? took=$((SECONDS - started))
  if grep -qE "identified the following injection point|parameter '.*' is vulnerable" "$log"; then
    injectable=$((injectable + 1)); echo "sqlmap: INJECTABLE  $name ($took s)"; grep -E "Parameter:|Type:|Title:|Payload:" "$log" | sed 's/^/    /'
  elif grep -q "do not appear to be injectable" "$log"; then
    clean=$((clean + 1)); echo "sqlmap: clean        $name ($took s; $(grep -c "testing '" "$log") tests)"
  else
    unfinished=$((unfinished + 1)); echo "sqlmap: UNFINISHED   $name ($took s, exit $code)"; grep -E "CRITICAL|ERROR" "$log" | tail -3 | sed 's/^/    /'
  fi
}

scan groups-near       ""       "$base/api/v1/groups?near=52.57,-0.24&radiusKm=50"
scan places            ""       "$base/api/v1/places?q=Peterborough"
scan group-by-slug     ""       "$base/api/v1/groups/peterborough*"
scan group-runs        ""       "$base/api/v1/groups/peterborough*/runs"
scan runs-near         ""       "$base/api/v1/runs?near=52.57,-0.24&radiusKm=50&from=2030-01-01&to=2030-01-14&virtual=false"
scan calendar-feed     ""       "$base/calendar/$calendar*.ics"
# The email is what reaches the database (the password is only hashed): an unknown one, so no account is locked
# out by the wrong passwords, and its 401 is the page sqlmap compares with.
scan login             ""       "$base/api/v1/auth/login" '{"email":"nobody@example.org","password":"not the password"}' POST --ignore-code 401
scan room-messages     "$member" "$base/api/v1/rooms/$room/messages?before=1000000"
scan send-message      "$member" "$base/api/v1/rooms/$room/messages" '{"text":"Anyone for a slow one tonight?"}'
scan application       "$member" "$base/api/v1/applications" '{"kind":"new-group","town":"Truro","country":"GB","region":"","motivation":"To help","experience":"I run","availability":"Sundays","trainingDone":"","acceptGuidelines":true,"acceptLeadersCode":true}'
scan training          "$member" "$base/api/v1/me/training" '{"course":"other","otherName":"Trail first aid","takenOn":"2026-01-10","expiresOn":"2029-01-10"}'
scan group-people      "$leader" "$base/api/v1/groups/peterborough*/people"
scan group-profile     "$leader" "$base/api/v1/groups/peterborough/profile" '{"about":"Gentle loops along the river Nene.","websiteUrl":"https://www.runtalkrun.com/","instagramUrl":"","facebookUrl":""}' PUT
scan hq-applications   "$hq"     "$base/api/v1/hq/applications?status=submitted"

echo "sqlmap: level $LEVEL, risk $RISK, DBMS SQLite; $((clean + injectable + unfinished)) targets in $SECONDS s"
echo "sqlmap: $clean clean, $injectable injectable, $unfinished unfinished"
[ "$injectable" -eq 0 ] && [ "$unfinished" -eq 0 ]
