#!/usr/bin/env bash
# Installs every Debian 12 package that the build, the tests, the benchmarks and the demo need.
# Idempotent: packages already present are skipped by apt; run as root (or through sudo).
set -euo pipefail

packages=(
    build-essential cmake pkg-config git ca-certificates
    clang clang-format clang-tidy libclang-rt-14-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    libsqlite3-dev sqlite3 zlib1g-dev libssl-dev libsodium-dev
    nlohmann-json3-dev libcli11-dev libre2-dev
    libcpprest-dev libboost-system-dev libcurl4-openssl-dev
    libqrencode-dev libpng-dev libzbar-dev zbar-tools
    libtomlplusplus-dev libutf8proc-dev
    libpq-dev postgresql            # the PostgreSQL layer (shared/postgres) and its tests' throwaway cluster
    curl wrk python3 procps faketime
    libjs-chart.js                  # Chart.js, built into the console (server/console)
    chromium fonts-dejavu-core      # the console's browser tests (tests/console, playwright-core)
)
# Node.js runs the browser tests; a machine that has its own node keeps it.
command -v node > /dev/null && command -v npm > /dev/null || packages+=(nodejs npm)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update
as_root apt-get install -y --no-install-recommends "${missing[@]}"
