#!/usr/bin/env bash
# Starts the whole of Alliance with demo data: PostgreSQL, RabbitMQ and Redis on loopback, the four services and the
# gateway, through the AppHost. Prints where to open the console and the dashboard. Ctrl+C stops everything.
# Options (passed to the AppHost): --gateway-port N  --dashboard-port N  --no-demo-data  --data-dir PATH
set -euo pipefail
cd "$(dirname "$0")"

./scripts/prerequisites.sh
dotnet build Alliance.sln -c Debug -nologo -clp:ErrorsOnly
exec dotnet AppHost/bin/Debug/net10.0/Alliance.AppHost.dll "$@"
