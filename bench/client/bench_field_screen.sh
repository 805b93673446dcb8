#!/usr/bin/env bash
# The officer's screen in Chromium beside its local API alone, over a big tablet
# (bench_field_screen.mjs). Takes only the environment:
#   SPMIS_BENCH_SIZE           smoke | full (as bench/run.sh sets it)
#   SPMIS_FIELD                spmis-field to measure
#   SPMIS_FIELD_SCREEN_STORE   field_screen_store of the same build (fills the tablet)
#   SPMIS_ROOT                 the repository (default: two folders up from this script's real path)
# Arguments (bench/run.sh passes --benchmark_min_time=...) are ignored. Without node, Chromium or
# tests/console/node_modules (npm ci there, as deploy/test.sh does) it says so and skips.
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")
root=${SPMIS_ROOT:-$(cd "$(dirname "$self")/../.." && pwd)}
skip() { echo "bench_field_screen: skipped ($*)"; exit 0; }
[ -n "${SPMIS_FIELD:-}" ] || { echo "bench_field_screen: set SPMIS_FIELD to spmis-field" >&2; exit 2; }
[ -n "${SPMIS_FIELD_SCREEN_STORE:-}" ] || { echo "bench_field_screen: set SPMIS_FIELD_SCREEN_STORE" >&2; exit 2; }
command -v node >/dev/null || skip "no node"
[ -x "${SPMIS_CHROMIUM:-/usr/bin/chromium}" ] || skip "no ${SPMIS_CHROMIUM:-/usr/bin/chromium}"
[ -d "$root/tests/console/node_modules/playwright-core" ] || skip "no playwright-core: npm ci in tests/console"
exec node "$root/bench/client/bench_field_screen.mjs"
