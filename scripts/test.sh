#!/usr/bin/env bash
# Sets everything up and runs every test: install the Debian packages, build
# (Release), and run the Catch2 suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build Release
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 300
