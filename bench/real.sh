#!/usr/bin/env bash
# Benchmark on a real git repository: contract-lint next to `buf breaking` (Protobuf repositories), in
# one run, on the same machine, with its load recorded. Called by `bench/run.sh REPO` (see bench/README.md).
#
#   bash bench/run.sh ../shared/corpora/googleapis.bundle
#   bash bench/run.sh ../shared/corpora/schemastore.bundle
#
# REPO is a git bundle (cloned once into bench/real/NAME, gitignored) or a git repository (used in place,
# read-only: nothing is checked out or written in it except an untracked buf.yaml when it has none and
# buf is measured). Two checks, both at the repository's HEAD, from its working tree:
#   pr    --against HEAD~${BENCH_PR_DEPTH:-10}             a PR-sized change
#   range --against <first commit of the history>         every change of the range
# Environment (all optional): BENCH_REPEAT (contract-lint runs per check, median; default 3),
# BENCH_BUF_REPEAT (buf runs per check; default 1: buf takes about a minute and GBs per run),
# BENCH_BUF=0 (do not run buf), CONTRACT_LINT (binary; default bench/.build/contract-lint, built as
# bench/run.sh builds it), BENCH_RESULTS (default bench/results/NAME.md).
set -uo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
source_repo=${1:?usage: bench/run.sh REPO (a git bundle or repository)}
repeat=${BENCH_REPEAT:-3}
buf_repeat=${BENCH_BUF_REPEAT:-1}
cl=${CONTRACT_LINT:-$bench_dir/.build/contract-lint}
buf=$bench_dir/.buf/node_modules/.bin/buf

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 2; }

[ -x /usr/bin/time ] || die "GNU time is required (apt-get install time; bench/run.sh installs it)"
[ -x "$cl" ] || die "contract-lint binary missing: $cl"

name=$(basename "$source_repo"); name=${name%.bundle}
if [ -f "$source_repo" ]; then  # a bundle: clone it once, on its first branch
  repo=$bench_dir/real/$name
  if [ ! -d "$repo/.git" ]; then
    branch=$(git bundle list-heads "$source_repo" | awk '{print $2}' | grep -m1 '^refs/heads/' | sed 's|refs/heads/||')
    log "cloning $source_repo ($branch) into bench/real/$name"
    git clone -q "$source_repo" "$repo" -b "$branch" || die "cannot clone $source_repo"
  fi
else
  repo=$(cd "$source_repo" && pwd) || die "no such repository: $source_repo"
fi
git -C "$repo" rev-parse --verify -q HEAD >/dev/null || die "$repo is not a git repository with a HEAD"
results=${BENCH_RESULTS:-$bench_dir/results/$name.md}

n_proto=$(git -C "$repo" ls-files '*.proto' | wc -l)
n_json=$(git -C "$repo" ls-files '*.json' | wc -l)
config_args=()
if [ "$n_proto" = 0 ] && [ ! -f "$repo/contract-lint.yaml" ]; then
  # A schema collection without a config: every *.json at the root is a schema (corpora/README.md).
  cfg=$bench_dir/real/$name.contract-lint.yaml
  mkdir -p "$(dirname "$cfg")"
  printf 'version: 1\njsonschema:\n  include: ["*.json"]\nbreaking:\n  jsonschema: BACKWARD\n' > "$cfg"
  config_args=(--config "$cfg")
fi
run_buf=${BENCH_BUF:-1}
[ "$n_proto" = 0 ] && run_buf=0
if [ "$run_buf" = 1 ]; then
  if [ ! -x "$buf" ]; then
    log "installing buf: npm install --prefix bench/.buf @bufbuild/buf"
    npm install --silent --prefix "$bench_dir/.buf" @bufbuild/buf >&2 || die "npm install @bufbuild/buf failed"
  fi
  if [ ! -f "$repo/buf.yaml" ]; then  # what buf users have; untracked, and both tools read it
    printf 'version: v2\nbreaking:\n  use: [FILE]\n' > "$repo/buf.yaml"
  fi
fi

first=$(git -C "$repo" rev-list --max-parents=0 HEAD | tail -1)
pr_depth=${BENCH_PR_DEPTH:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tsv=$work/m.tsv
: > "$tsv"

# measure CHECK TOOL RUNS CMD...: median wall, CPU (user + sys) and peak RSS over RUNS runs.
measure() {
  local check=$1 tool=$2 runs=$3; shift 3
  local i rc walls=() cpus=() rsss=() rcs=()
  for ((i = 0; i < runs; i++)); do
    (cd "$repo" && /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err")
    rc=$?
    read -r w u s m < <(tail -n 1 "$work/time")
    walls+=("$w"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')"); rsss+=("$m"); rcs+=("$rc")
  done
  local lines
  lines=$(grep -c . "$work/out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$check" "$tool" "${rcs[*]}" "${walls[*]}" "${cpus[*]}" "${rsss[*]}" "$lines" >> "$tsv"
  log "$(printf '%-6s %-14s exit %-8s wall %-20s cpu %-20s rss(KB) %s' "$check" "$tool" "${rcs[*]}" "${walls[*]}" "${cpus[*]}" "${rsss[*]}")"
  case "${rcs[-1]}" in 0 | 1 | 100) ;; *) log "FAILED: $tool $check exited ${rcs[-1]}: $(head -c 300 "$work/err")" ;; esac
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for check in pr range; do
  against=$([ "$check" = pr ] && echo "HEAD~$pr_depth" || echo "$first")
  measure "$check" contract-lint "$repeat" "$cl" --against "$against" "${config_args[@]}"
  if [ "$run_buf" = 1 ]; then
    measure "$check" buf "$buf_repeat" "$buf" breaking . --against ".git#ref=$against"
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

pr_files=$(git -C "$repo" diff --name-only "HEAD~$pr_depth" HEAD | wc -l)
range_files=$(git -C "$repo" diff --name-only "$first" HEAD | wc -l)
mkdir -p "$(dirname "$results")"
export BENCH_META="name=$name
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
machine=$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr)
contract_lint=$("$cl" --version 2>&1 | head -1) (source $(git -C "$root" rev-parse --short HEAD))
buf=$([ "$run_buf" = 1 ] && "$buf" --version 2>&1 | head -1 || echo "not run")
repo=$n_proto .proto, $n_json .json tracked files at HEAD $(git -C "$repo" rev-parse --short HEAD)
pr=--against HEAD~$pr_depth: $pr_files files changed
range=--against $first (first commit): $range_files files changed
repeat=$repeat
buf_repeat=$buf_repeat
load=$load_before before, $load_after after"
python3 - "$tsv" "$results" <<'EOF'
import os, statistics, sys
tsv, results = sys.argv[1], sys.argv[2]
meta = dict(l.split("=", 1) for l in os.environ["BENCH_META"].splitlines())
rows = {}
for line in open(tsv):
    check, tool, rcs, walls, cpus, rsss, lines = line.rstrip("\n").split("\t")
    med = lambda s, t=float: statistics.median(t(x) for x in s.split())
    rows[(check, tool)] = dict(rc=rcs.split()[-1], wall=med(walls), cpu=med(cpus), rss=med(rsss, int) / 1024)
out = ["# contract-lint on %s" % meta["name"], ""]
for key in ("date", "machine", "contract_lint", "buf", "repo", "pr", "range", "load"):
    out.append("- %s: %s" % (key.replace("_", "-"), meta[key]))
out.append("- medians of %s contract-lint runs and %s buf runs (`/usr/bin/time`: wall, user + sys, peak RSS)"
           % (meta["repeat"], meta["buf_repeat"]))
out += ["", "| check | tool | exit | wall s | CPU s | peak RSS MB | buf wall / contract-lint wall |",
        "|---|---|---|---:|---:|---:|---:|"]
for check in ("pr", "range"):
    c, b = rows.get((check, "contract-lint")), rows.get((check, "buf"))
    for tool, r in (("contract-lint", c), ("buf", b)):
        if r is None:
            continue
        ratio = "%.0f×" % (b["wall"] / max(c["wall"], 0.001)) if (tool == "buf" and c) else ""
        out.append("| %s | %s | %s | %.2f | %.2f | %.0f | %s |" % (check, tool, r["rc"], r["wall"], r["cpu"], r["rss"], ratio))
text = "\n".join(out) + "\n"
print(text)
open(results, "w").write(text)
bad = [k for k, r in rows.items() if r["rc"] not in ("0", "1", "100")]
sys.exit(1 if bad else 0)
EOF
