#!/usr/bin/env bash
# Installs what Alliance needs on a fresh machine of this kind, and nothing that is already there:
# RabbitMQ and Redis servers, Chromium and CJK fonts (browser tests), nghttp2's h2load and wrk (benchmarks), the Unihan readings
# (pinyin search) and bzip2 to read them, aiosmtpd (the SMTP server the e-mail tests send to), and poppler-utils (pdftotext and pdffonts,
# which the bulletin tests read printed PDFs with), from Debian's packages. PostgreSQL 15 and the .NET SDK come with the machine image.
set -euo pipefail

packages=(rabbitmq-server redis-server chromium fonts-noto-cjk nghttp2-client wrk unicode-data bzip2 python3-aiosmtpd poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in dotnet node; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not on PATH; this machine kind should have it." >&2; exit 1; }
done
[ -x /usr/lib/postgresql/15/bin/postgres ] || { echo "error: PostgreSQL 15 binaries not found under /usr/lib/postgresql/15/bin." >&2; exit 1; }
