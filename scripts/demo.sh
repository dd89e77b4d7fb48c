#!/usr/bin/env bash
# Sets everything up and runs the main job on a bundled demo repository:
# builds contract-lint, makes a git repository from fixtures/demo/ (a `main`
# branch, a `feature` branch with safe and breaking changes, and a later
# commit on main that the branch must not be blamed for), then runs
# `contract-lint --since main` inside it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/install-deps.sh
bash scripts/build.sh build Release

demo=${DEMO_DIR:-$root/build/demo-repo}
rm -rf "$demo"
mkdir -p "$demo"
export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.com
export GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.com
git() { command git -C "$demo" -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }
# Replaces the work tree with one of the bundled trees (each is a whole tree).
use_tree() {
  find "$demo" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  cp -R "fixtures/demo/$1/." "$demo/"
}

use_tree main
git init -q
git add -A
git commit -qm "main: orders v1 contracts"
git checkout -q -b feature
use_tree feature
git add -A
git commit -qm "feature: change the orders contracts"
git checkout -q main
use_tree main-later
git add -A
git commit -qm "main: an unrelated change that landed after the branch point"
git checkout -q feature

echo "\$ cd $demo && contract-lint --since main"
set +e
(cd "$demo" && "$root/build/contract-lint" --since main)
code=$?
set -e
echo "exit code: $code (0 = nothing breaking, 1 = breaking changes, 2 = input error)"
# The demo branch contains breaking changes: exit 1 is the expected result.
[ "$code" -eq 1 ]
