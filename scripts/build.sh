#!/usr/bin/env bash
# Configures and builds contract-lint. Usage: scripts/build.sh [BUILD_DIR] [BUILD_TYPE] [extra cmake args]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
build_type=${2:-Release}
shift $(( $# > 2 ? 2 : $# ))
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
