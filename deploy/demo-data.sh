#!/usr/bin/env bash
# The centre's half of the demo: fresh demo data, the food basket enrolled, and a cycle of the month
# the demo runs in (the month of SPMIS_CLOCK when set) generated and approved.
# Usage: deploy/demo-data.sh SPMIS_SERVER DATA_DIR [HOUSEHOLDS]
set -euo pipefail
server=$1 data=$2 households=${3:-2000}
step() { printf '\n=== %s\n' "$*"; }

step "3. Creating a fresh data directory with demo data"
# Random households plus the named personas of docs/personas.md, whose ages are computed against the
# demo reference date 2026-11-01; the same seed always gives the same data.
rm -rf "$data"
"$server" demo --data "$data" --households "$households" --seed 42
echo
echo "Demo data is in $data (SQLite: spmis.db)."
echo "Import your own registry with: $server import registry --data $data FILE.csv (docs/registry-csv.md)"

step "4. Enrolling the in-kind food basket program: who qualifies under its CEL rule"
"$server" program list --data "$data"
"$server" program enroll --data "$data" --program FOOD_BASKET --reference-date 2026-11-01

step "5. A distribution cycle: one basket entitlement per enrolled household, at its service point"
# The cycle is the month the demo runs in: the story holds on any day, the last day of a month and
# 29 February included.
today=$("$server" today)
month_start="${today:0:8}01"
month_end=$(date -u -d "$month_start +1 month -1 day" +%Y-%m-%d)
cycle=$("$server" cycle create --data "$data" --program FOOD_BASKET --name "$(date -u -d "$month_start" '+%B %Y')" \
    --start "$month_start" --end "$month_end")
"$server" cycle generate --data "$data" --cycle "$cycle"
"$server" cycle approve --data "$data" --cycle "$cycle"
