#!/usr/bin/env bash
# The spmis story on a fresh Debian 12 machine: install what is missing, build in Release, create
# a data directory with demo data, enroll a program, open a cycle, then run the server and two
# offline field tablets against it and show the reconciliation case that comes back.
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

step "4. Enrolling the in-kind food basket program: who qualifies under its CEL rule"
data="$root/demo-data"
"$server" program list --data "$data"
"$server" program enroll --data "$data" --program FOOD_BASKET --reference-date 2026-11-01

step "5. A distribution cycle: one basket entitlement per enrolled household, at its service point"
cycle=$("$server" cycle create --data "$data" --program FOOD_BASKET --name "November 2026" \
    --start 2026-11-01 --end 2026-11-30)
"$server" cycle generate --data "$data" --cycle "$cycle"
"$server" cycle approve --data "$data" --cycle "$cycle"

# Steps 6-9: the server on loopback and two offline field tablets (deploy/demo-field.sh).
bash deploy/demo-field.sh "$server" "$field" "$data"
echo
echo "That is the story: registry -> eligibility (CEL) -> enrollment -> cycle -> entitlements ->"
echo "offline hand-overs on two tablets -> sync -> one reconciliation case for a person to decide."
