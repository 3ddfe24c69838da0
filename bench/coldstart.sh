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
  until grep -q "Alliance is running" "$log"; do
    kill -0 $pid 2>/dev/null || { echo "AppHost exited:"; tail -20 "$log"; exit 1; }
    if grep -q "Not everything started" "$log"; then grep -v '^\[' "$log" | head -20; kill -TERM $pid; exit 1; fi
    sleep 0.1
  done
  local end=$(date +%s.%N)
  printf '%s: %.1f s to console ready\n' "$1" "$(echo "$end - $start" | bc)"
  sleep 10 # idle
  python3 - "$data/resources.json" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
for r in state["resources"]:
    for pid in r.get("pids") or []:
        try:
            rss = next(l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")).split()[1]
            print(f"  {r['name']:<14} pid {pid:<8} idle RSS {int(rss)/1024:.0f} MB")
        except (FileNotFoundError, StopIteration):
            pass
PY
  kill -TERM $pid; wait $pid || true
}
measure "first run (new data folder, demo data)"
measure "second run (data kept)"
rm -rf "$data"
