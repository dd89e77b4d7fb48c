#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 (ASan + UBSan) and runs each for
# SECONDS (default 60) on its committed seed corpus (tests/fuzz/corpus/<target>/).
# New inputs go to build-fuzz/corpus/<target>/, crashes, leaks and timeouts to
# build-fuzz/crashes/. Exits non-zero on the first target that fails.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Targets: fuzz_proto_loader fuzz_jsonschema_loader fuzz_jsonschema_compare fuzz_config fuzz_api_loader
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_proto_loader fuzz_jsonschema_loader fuzz_jsonschema_compare fuzz_config fuzz_api_loader)
build=${FUZZ_BUILD_DIR:-build-fuzz}
bash scripts/install-deps.sh --fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCONTRACT_LINT_FUZZ=ON -DCONTRACT_LINT_TESTS=OFF >/dev/null
cmake --build "$build" --target "${targets[@]}"
mkdir -p "$build/crashes"
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t"
  echo "== $t for ${seconds}s"
  log="$build/$t.log"
  status=0
  # halt_on_error: a UBSan report fails the run (the fuzz build recovers by default).
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -max_len=65536 -artifact_prefix="$build/crashes/$t-" -print_final_stats=1 \
    "$build/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1 || status=$?
  grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -60 "$log" >&2
    echo "fuzz: $t failed (exit $status); the input is in $build/crashes/" >&2
    exit 1
  fi
done
