#!/bin/sh
# Runs the PostgreSQL postmaster as the postgres user when we are root (it refuses root), and turns DCP's SIGTERM into
# SIGINT: SIGTERM is PostgreSQL's "smart" shutdown (it waits for every client to leave), SIGINT its "fast" one.
# --pdeathsig INT: if this script is killed (kill -9), the postmaster is stopped too instead of living on unseen with
# the port and the inherited stdout (DCP would go on showing it as running).
# Usage: pg-run.sh <postgres arguments...>
if [ "$(id -u)" = 0 ]; then
  setpriv --reuid=postgres --regid=postgres --init-groups --pdeathsig INT /usr/lib/postgresql/15/bin/postgres "$@" &
else
  setpriv --pdeathsig INT /usr/lib/postgresql/15/bin/postgres "$@" &
fi
pid=$!
trap 'kill -INT "$pid" 2>/dev/null' TERM INT
status=0
while kill -0 "$pid" 2>/dev/null; do
  wait "$pid"
  status=$?
done
exit "$status"
