#!/usr/bin/env bash
# Cold start of the built stack and memory per process (docs/BENCHMARKS.md).
# Usage: bench/coldstart.sh   (build first: dotnet build Alliance.sln)
#   LOAD_SECONDS=N  after the round of console reads, also drive each of them with wrk for N seconds and read the memory
#                   again ("after load"); 0 (the default) leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d /tmp/alliance-coldstart-XXXX); chmod 755 "$data" # PostgreSQL runs as postgres and must reach it
log="$data/apphost.log"
load_seconds=${LOAD_SECONDS:-0}
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
  memory "idle" $pid
  use_console 1
  sleep 10 # idle again
  memory "idle after use" $pid
  if ((load_seconds > 0)); then
    use_console "$load_seconds"
    sleep 10
    memory "idle after load" $pid
  fi
  kill -TERM $pid; wait $pid || true
  # Aspire's DCP goes on stopping the processes after the AppHost exits: the next run needs the data folder free.
  while pgrep -f -- "--monitor $pid( |$)" >/dev/null; do sleep 0.2; done
}
memory() { # label apphost-pid: resident (RSS) and proportional (PSS) memory of every process the AppHost started, and of
  # Aspire's own: the AppHost, DCP (its API server, its controllers, one monitor per process it started) and the dashboard
  python3 - "$data/resources.json" "$1" "$2" <<'PY'
import json, os, sys
state, label, apphost = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
def rollup(pid):
    try:
        values = dict(l.split(":", 1) for l in open(f"/proc/{pid}/smaps_rollup") if l[0].isupper())
        return int(values["Rss"].split()[0]) / 1024, int(values["Pss"].split()[0]) / 1024
    except (FileNotFoundError, ProcessLookupError, KeyError, ValueError):
        return None
for r in state["resources"]:
    for pid in r.get("pids") or []:
        m = rollup(pid)
        if m: print(f"  {r['name']:<14} pid {pid:<8} {label} RSS {m[0]:.0f} MB PSS {m[1]:.0f} MB")
children, cmdline = {}, {}
for p in filter(str.isdigit, os.listdir("/proc")):
    try:
        ppid = int(open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1])
        cmdline[int(p)] = open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        children.setdefault(ppid, []).append(int(p))
    except (FileNotFoundError, ProcessLookupError, IndexError):
        pass
roots = [apphost] + [p for p, c in cmdline.items() if f"start-apiserver --monitor {apphost} " in c + " "]
seen, todo = set(), list(roots)
while todo:
    p = todo.pop()
    if p in seen: continue
    seen.add(p); todo.extend(children.get(p, []))
groups = {}
for p in seen:
    c = cmdline.get(p, "")
    name = ("AppHost" if p == apphost else "dcp monitor-process" if "/dcp monitor-process" in c
            else "dcp (api server, controllers)" if "/dcp " in c else "dashboard" if "Aspire.Dashboard" in c else None)
    m = name and rollup(p)
    if m:
        n, rss, pss = groups.get(name, (0, 0, 0))
        groups[name] = (n + 1, rss + m[0], pss + m[1])
for name, (n, rss, pss) in sorted(groups.items()):
    print(f"  aspire: {name:<30} x{n:<3} {label} RSS {rss:.0f} MB PSS {pss:.0f} MB")
total = [sum(v[i] for v in groups.values()) for i in (1, 2)]
print(f"  aspire: {'all of its own':<30}      {label} RSS {total[0]:.0f} MB PSS {total[1]:.0f} MB")
PY
}
use_console() { # seconds: one round of the console's main reads as a group admin, through the gateway; with N > 1, each
  # read driven by wrk for N seconds instead
  local gw token sub
  gw=$(grep -ao 'Console (gateway): http://[0-9.:]*' "$log" | awk '{print $3}'); gw=${gw%/}
  token=$(curl -sf -X POST "$gw/api/dev/token" -H 'content-type: application/json' -d '{"role":"group-admin"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  sub=$(curl -sf -H "Authorization: Bearer $token" "$gw/api/v1/subsidiaries?pageSize=1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  for path in /api/v1/dashboard /api/v1/subsidiaries "/api/v1/subsidiaries/$sub/organizations" \
      "/api/v1/subsidiaries/$sub/people?search=zhang" "/api/v1/dashboard/subsidiaries/$sub" /api/v1/alliances \
      "/api/v1/dashboard/subsidiaries/$sub/members"; do
    if (($1 > 1)); then
      wrk -t2 -c8 -d"$1"s --timeout 10s -H "Authorization: Bearer $token" "$gw$path" |
        awk -v p="$path" '/requests in/{n=$1} /Non-2xx|Socket errors/{e=e" "$0} END{printf "  load %s: %s requests%s\n", p, n, e}'
    else
      curl -sf -o /dev/null -H "Authorization: Bearer $token" "$gw$path" || echo "  (GET $path failed)"
    fi
  done
}
measure "first run (new data folder, demo data)"
measure "second run (data kept)"
rm -rf "$data"
