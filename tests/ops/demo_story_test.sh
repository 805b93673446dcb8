#!/usr/bin/env bash
# The demo's story on several days: deploy/demo-data.sh and deploy/demo-field.sh with the binaries
# under test, the clock of every process moved to today, the last day of a month and 29 February
# (SPMIS_CLOCK=offset:N, one timeline). demo-field.sh checks its own ending (one over-redemption
# case linking both tablets) and exits non-zero when it does not happen.
# Usage: demo_story_test.sh SPMIS_SERVER SPMIS_FIELD
set -euo pipefail
server=$1 field=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for day in "$(date -u +%Y-%m-%d)" 2027-01-31 2028-02-29; do
    export SPMIS_CLOCK="offset:$(( $(date -u -d "$day 09:00" +%s) - $(date -u +%s) ))"
    [ "$("$server" today)" = "$day" ] || { echo "the server's clock is not on $day"; exit 1; }
    if ! { bash "$root/deploy/demo-data.sh" "$server" "$work/data" 150 &&
           bash "$root/deploy/demo-field.sh" "$server" "$field" "$work/data"; } > "$work/log" 2>&1; then
        cat "$work/log"
        echo "demo story failed on $day"
        exit 1
    fi
    grep -q "the story held" "$work/log"
    echo "demo story holds on $day"
done
