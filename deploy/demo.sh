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
