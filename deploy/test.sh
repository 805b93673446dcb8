#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every test: installs dependencies, builds with
# AddressSanitizer and UndefinedBehaviorSanitizer and warnings as errors, runs the style gate,
# runs the whole CTest suite, then runs every benchmark at smoke size (from the same build, so CI
# pays for one build; real figures come from a Release build: bench/run.sh BUILD full).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash deploy/install-deps.sh

build="$root/build-test"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSPMIS_SANITIZE=ON -DSPMIS_WERROR=ON \
    -DSPMIS_BUILD_FUZZ=ON -DSPMIS_BUILD_BENCH=ON
cmake --build "$build" -j "$(nproc)"

bash deploy/lint.sh "$build"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$build" && ctest --output-on-failure -j "$(nproc)")

# Benchmarks run at smoke size so they cannot rot; their figures here are not meaningful.
bash bench/run.sh "$build" smoke
echo "test.sh: all tests passed"
