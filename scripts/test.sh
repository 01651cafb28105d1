#!/bin/sh
# SPDX-License-Identifier: MIT
# The README's second command: install what is missing, build, and run
# every test suite: unit tests, the end-to-end tests (CLI and taio serve,
# with a 30 s load test), the browser tests (screenshots are left in
# build-test-results/browser/), the sanitizer build (unit + e2e) and the
# libFuzzer harnesses for a bounded time. Ends with one line
# "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
sh scripts/setup.sh --browser || exit 1

RESULTS=$ROOT/build-test-results
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
status=0

echo "== build (release, -Werror)"
sh scripts/build.sh build || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== unit tests"
meson test -C build --print-errorlogs >/dev/null 2>&1 || status=1
cp build/meson-logs/testlog.junit.xml "$RESULTS/unit.xml" 2>/dev/null

echo "== sanitizer build (ASan + UBSan)"
sh scripts/build.sh build-asan -Db_sanitize=address,undefined \
    -Dbuildtype=debug -Db_lundef=false || { echo "asan build failed"; status=1; }
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
meson test -C build-asan --print-errorlogs >/dev/null 2>&1 || status=1
cp build-asan/meson-logs/testlog.junit.xml "$RESULTS/unit-asan.xml" 2>/dev/null

echo "== end-to-end tests (with the 30 s load test)"
TAIO_LOAD=1 TAIO_BIN=$ROOT/build/src/taio /usr/bin/python3 -m pytest -q -p no:cacheprovider \
    --junitxml="$RESULTS/e2e.xml" tests/e2e || status=1

echo "== browser tests (playwright-core driving Debian's chromium)"
(cd tests/browser && TAIO_BIN=$ROOT/build/src/taio TAIO_ARTIFACTS=$RESULTS/browser \
    node --test --test-concurrency=1 \
    --test-reporter=junit --test-reporter-destination="$RESULTS/browser.xml" \
    --test-reporter=dot --test-reporter-destination=stdout) || status=1

echo "== end-to-end tests under ASan + UBSan"
TAIO_BIN=$ROOT/build-asan/src/taio TAIO_SANITIZED=1 /usr/bin/python3 -m pytest -q \
    -p no:cacheprovider --junitxml="$RESULTS/e2e-asan.xml" tests/e2e || status=1

echo "== fuzzers (libFuzzer + ASan + UBSan, bounded time each)"
if [ ! -f build-fuzz/build.ninja ]; then
    CC=clang-14 meson setup build-fuzz -Dfuzz=true -Dtests=false \
        -Db_sanitize=address,undefined -Db_lundef=false >/dev/null ||
        { echo "fuzz build setup failed"; status=1; }
fi
ninja -C build-fuzz >/dev/null || { echo "fuzz build failed"; status=1; }
meson test -C build-fuzz --suite fuzz --print-errorlogs >/dev/null 2>&1 || status=1
cp build-fuzz/meson-logs/testlog.junit.xml "$RESULTS/fuzz.xml" 2>/dev/null

/usr/bin/python3 tools/junit_summary.py "$RESULTS"/*.xml
summary=$?
if [ $status -ne 0 ] || [ $summary -ne 0 ]; then
    exit 1
fi
exit 0
