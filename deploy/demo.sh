#!/usr/bin/env bash
# The spmis story on a fresh Debian 12 machine: install what is missing, build in Release, create
# a data directory with demo data, enroll a program, open a cycle, then run the server and two
# offline field tablets against it and show the reconciliation case that comes back.
# Usage: deploy/demo.sh [--no-serve]   (--no-serve: end after the story, for scripts and tests)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
serve=1
for arg in "$@"; do
    case "$arg" in
        --no-serve) serve=0 ;;
        *) echo "usage: deploy/demo.sh [--no-serve]" >&2; exit 2 ;;
    esac
done

step() { printf '\n=== %s\n' "$*"; }

# SPMIS_CLOCK=YYYY-MM-DD plays the story on another day. Every process of the demo shares one
# timeline: the day becomes an offset from the system clock, fixed now (a date alone would restart
# each command at 09:00 of that day, the tablets behind the server).
if [[ "${SPMIS_CLOCK:-}" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
    export SPMIS_CLOCK="offset:$(( $(date -u -d "$SPMIS_CLOCK 09:00" +%s) - $(date -u +%s) ))"
fi

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

# Steps 3-5: demo data, enrollment and this month's cycle (deploy/demo-data.sh).
data="$root/demo-data"
bash deploy/demo-data.sh "$server" "$data" 2000

# Steps 6-9: the server on loopback and two offline field tablets (deploy/demo-field.sh).
bash deploy/demo-field.sh "$server" "$field" "$data"
echo
echo "That is the story: registry -> eligibility (CEL) -> enrollment -> cycle -> entitlements ->"
echo "offline hand-overs on two tablets -> sync -> one reconciliation case for a person to decide."
[ "$serve" = 1 ] || exit 0

step "10. The web console: decide the case in a browser"
# Demo accounts with passwords made now (no password is ever stored in the repository).
manager_password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
admin_password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$manager_password" | "$server" user add --data "$data" --username manager --role program_manager > /dev/null
printf '%s\n' "$admin_password" | "$server" user add --data "$data" --username admin --role administrator > /dev/null
port=${SPMIS_DEMO_PORT:-8080}
: > "$root/demo-data/server.out"
"$server" serve --data "$data" --listen "127.0.0.1:$port" > "$root/demo-data/server.out" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$root/demo-data/server.out" 2>/dev/null && break; sleep 0.1; done
grep -q "listening on" "$root/demo-data/server.out" || { cat "$root/demo-data/server.out"; exit 1; }
echo "Console:  http://127.0.0.1:$port/console/"
echo "Log in as manager / $manager_password  (program manager: reconciliation, monitoring, registry, programs, cycles, payments, import)"
echo "      or  admin / $admin_password  (administrator: devices and enrollment codes)"
echo "The server runs until you press Ctrl-C."
wait "$server_pid"
