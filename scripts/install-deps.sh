#!/usr/bin/env bash
# Installs the Debian packages contract-lint builds with. Idempotent: does
# nothing when everything is already installed.
#   scripts/install-deps.sh           the build and test dependencies
#   scripts/install-deps.sh --fuzz    also clang 14 and its libFuzzer/sanitizer runtimes
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config git ca-certificates
  libprotobuf-dev libprotoc-dev protobuf-compiler
  libgit2-dev nlohmann-json3-dev libvalijson-dev libcli11-dev catch2 libyaml-cpp-dev libyaml-dev
  libmimalloc-dev libssl-dev
)
[ "${1:-}" = "--fuzz" ] && packages+=(clang-14 libclang-rt-14-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
