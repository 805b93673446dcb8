#!/usr/bin/env bash
# The web console in Chromium beside the API alone (bench_console.mjs). Takes only the environment:
#   SPMIS_BENCH_SIZE  smoke | full (as bench/run.sh sets it)
#   SPMIS_SERVER      spmis-server to measure (default: BUILD/server/spmis-server when this script
#                     runs as BUILD/bench/console/bench_console, else build/server/spmis-server)
#   SPMIS_ROOT        the repository (default: two folders up from this script's real path)
# Arguments (bench/run.sh passes --benchmark_min_time=...) are ignored. Without node, Chromium or
# tests/console/node_modules (npm ci there, as deploy/test.sh does) it says so and skips.
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")
here=$(dirname "$self")
root=${SPMIS_ROOT:-$(cd "$here/../.." && pwd)}
if [ -z "${SPMIS_SERVER:-}" ]; then
    # Called through a copy or link in BUILD/bench/console: the server of that build.
    invoked=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    for candidate in "$invoked/../../server/spmis-server" "$root/build/server/spmis-server"; do
        if [ -x "$candidate" ]; then SPMIS_SERVER=$candidate; break; fi
    done
fi
skip() { echo "bench_console: skipped ($*)"; exit 0; }
[ -n "${SPMIS_SERVER:-}" ] || { echo "bench_console: set SPMIS_SERVER to spmis-server" >&2; exit 2; }
command -v node >/dev/null || skip "no node"
command -v sqlite3 >/dev/null || skip "no sqlite3"
[ -x "${SPMIS_CHROMIUM:-/usr/bin/chromium}" ] || skip "no ${SPMIS_CHROMIUM:-/usr/bin/chromium}"
[ -d "$root/tests/console/node_modules/playwright-core" ] || skip "no playwright-core: npm ci in tests/console"
exec node "$root/bench/console/bench_console.mjs" --server "$SPMIS_SERVER"
