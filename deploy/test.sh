#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every test: installs dependencies, builds with
# AddressSanitizer and UndefinedBehaviorSanitizer and warnings as errors, runs the format gate,
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

bash deploy/lint.sh "$build" --format-only

# The console's browser tests drive Debian's chromium through playwright-core, pinned by the lockfile.
(cd tests/console && npm ci --no-audit --no-fund)

# The suite includes route_fuzz_test (label fuzz): generated requests on every route for
# SPMIS_ROUTE_FUZZ_SECONDS (60 by default) from a random seed it prints; a failure names the seed and the
# request, and SPMIS_ROUTE_FUZZ_SEED=N replays it.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$build" && ctest --output-on-failure -j "$(nproc)")

# The calendar is an input, so a calendar bug fails CI the day it is written: the integration and
# sync tests again with the clock of every process they start (and of the tests themselves) on the
# last day of a month and on a leap day. SPMIS_TEST_CLOCK is read by tests/support/test_clock.hpp and
# handed to every spmis-server and spmis-field as SPMIS_CLOCK. Left out, to keep CI within its time:
# the slow tests whose outcome no date can change (registrant CRUD, HTTP plumbing and load, the
# command-line parsers), and the PostgreSQL runs of the API and sync-server suites (their SQLite runs
# are here, and the code that reads dates is the same on both); the demo's story runs on three dates
# by itself (ops_demo_story_test).
for day in 2027-01-31 2028-02-29; do
    echo "test.sh: integration and sync tests with the clock on $day"
    (cd "$build" && SPMIS_TEST_CLOCK=$day ctest --output-on-failure -j "$(nproc)" -L 'integration|sync' \
        -E 'server_registry_api_test|server_http_test|client_cli_test|rule_check_cli_test|server_.*_on_postgres|payment_api_test_on_postgres|sync_server_test_on_postgres')
done

# CEL fuzzing (shared/cel): a separate small clang build of only spmis::base, spmis::cel, the push
# codec sources (sync) and the libFuzzer targets; cel_fuzz is seeded with every conformance
# expression and runs for a bounded 60 s. Any crash, sanitizer report or per-input timeout fails the
# script.
fuzz_build="$root/build-fuzz"
cmake -S tests/fuzz -B "$fuzz_build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
cmake --build "$fuzz_build" -j "$(nproc)"
rm -rf "$fuzz_build/corpus" "$fuzz_build/seeds" && mkdir -p "$fuzz_build/corpus"
"$fuzz_build/cel_fuzz_seed" "$root/tests/data/vendor/cel-conformance" "$fuzz_build/seeds"
(cd "$fuzz_build" && ./cel_fuzz -max_total_time=60 -max_len=2048 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 corpus seeds)

# Push reader fuzzing (sync): differential, the fast push reader against the full parser, seeded with
# signed push bodies of every operation kind (keys made at run time) and edge cases, with a
# dictionary of JSON escapes, edge numbers and member names, run 30 s. A crash on either path, or
# the fast reader accepting a body differently from the full parser, fails the script.
rm -rf "$fuzz_build/push_corpus" "$fuzz_build/push_seeds" && mkdir -p "$fuzz_build/push_corpus"
"$fuzz_build/push_fuzz_seed" "$fuzz_build/push_seeds"
(cd "$fuzz_build" && ./push_fuzz -max_total_time=30 -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict="$root/tests/fuzz/push_fuzz.dict" -print_final_stats=1 push_corpus push_seeds)

# The canonical encoder (the bytes every operation hash covers) against nlohmann's dump, 15 s on the
# same seeds.
rm -rf "$fuzz_build/canonical_corpus" && mkdir -p "$fuzz_build/canonical_corpus"
(cd "$fuzz_build" && ./canonical_fuzz -max_total_time=15 -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict="$root/tests/fuzz/push_fuzz.dict" -print_final_stats=1 canonical_corpus push_seeds)

# Benchmarks run at smoke size so they cannot rot; their figures here are not meaningful.
bash bench/run.sh "$build" smoke
echo "test.sh: all tests passed"
