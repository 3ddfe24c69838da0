#!/usr/bin/env bash
# Runs every test of Alliance against real PostgreSQL, RabbitMQ and Redis started on loopback by the tests themselves.
# Ends with one line: "N passed, N failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

./scripts/prerequisites.sh || exit 1
dotnet build Alliance.sln -c Debug -nologo -clp:ErrorsOnly -p:UseSharedCompilation=false || { echo "0 passed, 1 failed"; exit 1; }

results=".alliance/test-results"
rm -rf "$results"; mkdir -p "$results"
# Every server and data folder the tests start lives under one temporary root of this run (TMPDIR), so whatever a
# test host could not stop in its exit handler is stopped and removed here, and nothing of another run is touched.
run_root=$(mktemp -d /tmp/alliance-test-run-XXXXXX)
chmod 755 "$run_root" # PostgreSQL runs as the postgres user and must reach its data folder
sweep() {
  # Everything the test hosts started inherited TMPDIR=$run_root, or works in a folder under it.
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [ "$pid" = "$$" ] && continue
    if { tr '\0' '\n' <"$dir/environ"; } 2>/dev/null | grep -qx "TMPDIR=$run_root" ||
       [[ "$(readlink "$dir/cwd" 2>/dev/null)" == "$run_root"/* ]]; then
      kill -9 "$pid" 2>/dev/null
    fi
  done
  rm -rf "$run_root"
}
trap sweep EXIT
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  TMPDIR="$run_root" dotnet test "$project" -c Debug --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1200000 \
    || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A test project that crashed before writing results counts as a failure.
expected=$(ls tests/*.Tests/*.Tests.csproj | wc -l); written=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$written" -lt "$expected" ]; then failed=$((failed + expected - written)); status=1; fi
[ "$failed" -eq 0 ] || status=1

echo "$passed passed, $failed failed"
exit $status
