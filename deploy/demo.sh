#!/usr/bin/env bash
# The spmis story on a fresh Debian 12 machine: install what is missing, build in Release, create
# a data directory with demo data and show what is in it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n=== %s\n' "$*"; }

step "1. Installing build dependencies (skipped when present)"
bash deploy/install-deps.sh

step "2. Building spmis in Release"
cmake -S . -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release -DSPMIS_BUILD_TESTS=OFF \
    -DSPMIS_BUILD_BENCH=OFF > /dev/null
cmake --build "$root/build-release" -j "$(nproc)" > /dev/null
server="$root/build-release/server/spmis-server"
field="$root/build-release/client/spmis-field"
"$server" --version
"$field" --version

step "3. Creating a fresh data directory with demo data"
# 2,000 random households plus the named personas of docs/personas.md, all computed against the
# demo reference date 2026-11-01; the same seed always gives the same data.
rm -rf "$root/demo-data"
"$server" demo --data "$root/demo-data" --households 2000 --seed 42
echo
echo "Demo data is in $root/demo-data (SQLite: spmis.db)."
echo "Import your own registry with: $server import registry --data $root/demo-data FILE.csv (docs/registry-csv.md)"
