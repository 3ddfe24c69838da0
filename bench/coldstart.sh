#!/usr/bin/env bash
# Cold start of the built stack and idle memory per process (docs/BENCHMARKS.md).
# Usage: bench/coldstart.sh   (build first: dotnet build Alliance.sln)
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d /tmp/alliance-coldstart-XXXX); chmod 755 "$data" # PostgreSQL runs as postgres and must reach it
log="$data/apphost.log"
measure() { # label
  : >"$log"
  local start=$(date +%s.%N)
  dotnet AppHost/bin/${CONF:-Debug}/net10.0/Alliance.AppHost.dll --data-dir "$data" >"$log" 2>&1 &
  local pid=$!
  until grep -aq "Alliance is running" "$log" && grep -aq "Console (gateway)" "$log"; do
    kill -0 $pid 2>/dev/null || { echo "AppHost exited:"; tail -20 "$log"; exit 1; }
    if grep -aq "Not everything started" "$log"; then grep -v '^\[' "$log" | head -20; kill -TERM $pid; exit 1; fi
    sleep 0.1
  done
  local end=$(date +%s.%N)
  printf '%s: %.1f s to console ready\n' "$1" "$(echo "$end - $start" | bc)"
  sleep 10 # idle
  rss "idle"
  use_console
  sleep 10 # idle again
  rss "idle after use"
  kill -TERM $pid; wait $pid || true
  # Aspire's DCP goes on stopping the processes after the AppHost exits: the next run needs the data folder free.
  while pgrep -f -- "--monitor $pid( |$)" >/dev/null; do sleep 0.2; done
}
rss() { # label: resident memory of every process the AppHost started
  python3 - "$data/resources.json" "$1" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
for r in state["resources"]:
    for pid in r.get("pids") or []:
        try:
            rss = next(l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")).split()[1]
            print(f"  {r['name']:<14} pid {pid:<8} {sys.argv[2]} RSS {int(rss)/1024:.0f} MB")
        except (FileNotFoundError, StopIteration):
            pass
PY
}
use_console() { # one round of the console's main reads as a group admin, through the gateway
  local gw token sub
  gw=$(grep -ao 'Console (gateway): http://[0-9.:]*' "$log" | awk '{print $3}'); gw=${gw%/}
  token=$(curl -sf -X POST "$gw/api/dev/token" -H 'content-type: application/json' -d '{"role":"group-admin"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  sub=$(curl -sf -H "Authorization: Bearer $token" "$gw/api/v1/subsidiaries?pageSize=1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  for path in /api/v1/dashboard /api/v1/subsidiaries "/api/v1/subsidiaries/$sub/organizations" \
      "/api/v1/subsidiaries/$sub/people?search=zhang" "/api/v1/dashboard/subsidiaries/$sub" /api/v1/alliances \
      "/api/v1/dashboard/subsidiaries/$sub/members"; do
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "$gw$path" || echo "  (GET $path failed)"
  done
}
measure "first run (new data folder, demo data)"
measure "second run (data kept)"
rm -rf "$data"
