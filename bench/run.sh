#!/usr/bin/env bash
# Runs every benchmark. Usage: bench/run.sh BUILD_DIR [smoke|full]
# smoke: the smallest sizes, for CI; full: the sizes the issues ask for.
set -euo pipefail
build_dir=${1:?build dir}
size=${2:-smoke}
export SPMIS_BENCH_SIZE=$size
shopt -s nullglob
for b in $(find "$build_dir/bench" -maxdepth 2 -type f -name "bench_*" | sort); do
    [ -x "$b" ] || continue
    echo "== $(basename "$b") ($size)"
    "$b" --benchmark_min_time=0.01
done
