#!/usr/bin/env bash
# Runs every benchmark. Usage: bench/run.sh BUILD_DIR [smoke|full]
# smoke: the smallest sizes, for CI; full: the sizes the issues ask for.
set -euo pipefail
build_dir=${1:?build dir}
size=${2:-smoke}
export SPMIS_BENCH_SIZE=$size
# PostgreSQL figures (issue 20) on a throwaway cluster when PostgreSQL is installed; stopped at exit.
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${SPMIS_BENCH_POSTGRES:-}" ] && ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
    pg_state="$build_dir/bench-pg-cluster"
    trap 'bash "$here/../tests/support/pg_cluster.sh" stop "$pg_state"' EXIT
    bash "$here/../tests/support/pg_cluster.sh" start "$pg_state"
    SPMIS_BENCH_POSTGRES=$(cat "$pg_state/url")
    export SPMIS_BENCH_POSTGRES
fi
shopt -s nullglob
for b in $(find "$build_dir/bench" -maxdepth 2 -type f -name "bench_*" | sort); do
    [ -x "$b" ] || continue
    echo "== $(basename "$b") ($size)"
    "$b" --benchmark_min_time=0.01
done
