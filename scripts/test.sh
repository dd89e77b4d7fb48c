#!/usr/bin/env bash
# Sets everything up and runs every test (what CI runs):
#   1. install the Debian packages (with clang 14 for the fuzz targets),
#   2. build Release and run the Catch2 suite through ctest,
#   3. build the asan preset (AddressSanitizer + UBSan, build-asan/) and run
#      the whole suite again under it (any report fails the test that hit it),
#   4. build the libFuzzer targets and run each for FUZZ_SECONDS (default 20)
#      on its committed seed corpus (scripts/fuzz.sh).
# SKIP_ASAN=1 / SKIP_FUZZ=1 leave out steps 3 / 4 (local iteration only).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
step() { echo "== test.sh: $1 ($((SECONDS - start))s)"; }
bash scripts/install-deps.sh --fuzz
step "Release build"
bash scripts/build.sh build Release
step "Release tests"
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 300 -LE slow
if [ "${SKIP_ASAN:-0}" != 1 ]; then
  step "ASan+UBSan build (build-asan)"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$(nproc)"
  step "ASan+UBSan tests"
  # halt_on_error: the first UBSan report aborts the process, so the test fails.
  # lsan.supp: a leak inside libgit2 itself (see the file).
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0 \
  LSAN_OPTIONS=suppressions="$PWD/scripts/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 900 -LE slow
fi
if [ "${SKIP_FUZZ:-0}" != 1 ]; then
  step "fuzz targets, ${FUZZ_SECONDS:-20}s each"
  bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi
step "done"
