#!/usr/bin/env bash
# Starts the whole of Alliance with demo data: PostgreSQL, RabbitMQ and Redis on loopback, the four services and the
# gateway, through the Aspire AppHost. Prints where to open the console and the dashboard. Ctrl+C stops everything.
# Options (passed to the AppHost): --gateway-port N  --dashboard-port N  --no-demo-data  --data-dir PATH  --environment NAME
set -euo pipefail
cd "$(dirname "$0")"

./scripts/prerequisites.sh
dotnet build Alliance.sln -c Debug -nologo -clp:ErrorsOnly
# Not exec: after the AppHost exits, Aspire's DCP goes on stopping every process for some seconds (it watches the
# AppHost's pid). This script returns only once DCP is done, so nothing of this run is left and a next start finds its
# data folder free.
dotnet AppHost/bin/Debug/net10.0/Alliance.AppHost.dll "$@" &
apphost=$!
# A background job of a script ignores SIGINT, so Ctrl+C (and SIGTERM) are handed on as SIGTERM.
trap 'kill -TERM "$apphost" 2>/dev/null || true' INT TERM
dcp=""
status=0
while kill -0 "$apphost" 2>/dev/null; do
  [ -n "$dcp" ] || dcp=$(pgrep -f -- "start-apiserver --monitor $apphost( |$)" | head -1 || true)
  wait "$apphost" || status=$?
done
# DCP's API server watches the AppHost; its controllers (which stop the processes) watch the API server.
for _ in $(seq 1 120); do
  pgrep -f -- "--monitor (${apphost}${dcp:+|$dcp})( |$)" >/dev/null || break
  sleep 0.5
done
exit "$status"
