#!/usr/bin/env bash
# Real-collection benchmark for JSON Schema: contract-lint on a repository of real public schemas,
# no network (see bench/README.md, "Real JSON Schemas").
#
#   bash bench/schemastore.sh [DIR_OR_BUNDLE]
#
# DIR_OR_BUNDLE: a git repository of schemas, or a git bundle (cloned into a temporary directory);
# default ../shared/corpora/schemastore.bundle beside the project root (branch corpus-schemastore).
# Environment (all optional):
#   CONTRACT_LINT   the binary to measure (default build/contract-lint, then bench/.build/contract-lint)
#   BENCH_REPEAT    runs per measurement, the median is reported (default 3)
#   BENCH_INCLUDE   the schema glob (default "*.json": SchemaStore keeps its schemas at the root)
#   BENCH_RANGES    the baselines, space separated (default: the first commit, HEAD~10, HEAD~1)
# Prints a Markdown table (wall seconds, CPU seconds (user + sys: what a busy shared machine still
# measures fairly), peak RSS from /usr/bin/time, exit code, files changed, findings by severity). Exit status 1 when a run exits 2 or more (an input error or a crash), else 0.
set -uo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
src=${1:-$root/../shared/corpora/schemastore.bundle}
repeat=${BENCH_REPEAT:-3}
include=${BENCH_INCLUDE:-*.json}
cl=${CONTRACT_LINT:-}
if [ -z "$cl" ]; then
  for candidate in "$root/build/contract-lint" "$bench_dir/.build/contract-lint"; do
    [ -x "$candidate" ] && { cl=$candidate; break; }
  done
fi
[ -x "${cl:-}" ] || { echo "no contract-lint binary: build it or set CONTRACT_LINT" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is required (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -f "$src" ]; then
  git clone -q "$src" "$work/repo" -b corpus-schemastore 2>/dev/null || git clone -q "$src" "$work/repo" \
    || { echo "cannot clone $src" >&2; exit 2; }
  repo=$work/repo
else
  repo=$(cd "$src" && pwd)
fi
printf 'version: 1\njsonschema:\n  include: ["%s"]\nbreaking:\n  jsonschema: BACKWARD\n' "$include" > "$work/config.yaml"

first=$(git -C "$repo" rev-list --max-parents=0 HEAD | tail -1)
ranges=${BENCH_RANGES:-"$first HEAD~10 HEAD~1"}

echo "| baseline | files changed | exit | wall s (median of $repeat) | CPU s (median) | peak RSS MB | errors / warnings / info |"
echo "|---|---:|---:|---:|---:|---:|---|"
status=0
for against in $ranges; do
  changed=$(git -C "$repo" diff --name-only "$against" HEAD -- "$include" | wc -l)
  walls=() rss=() cpus=()
  for ((i = 0; i < repeat; i++)); do
    (cd "$repo" && /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$cl" --head HEAD --against "$against" \
      --config "$work/config.yaml" --format json >"$work/out" 2>"$work/err")
    rc=$?
    read -r w m u s < <(tail -n 1 "$work/time")
    walls+=("$w"); rss+=("$m"); cpus+=("$(echo "$u + $s" | bc -l)")
  done
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((repeat + 1) / 2))p")
  mem=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(((repeat + 1) / 2))p")
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(((repeat + 1) / 2))p")
  counts=$(python3 - "$work/out" <<'PY' 2>/dev/null || echo "no report"
import json, sys
d = json.load(open(sys.argv[1]))
c = {"error": 0, "warning": 0, "info": 0}
for f in d.get("findings", []):
    c[f.get("severity", "?")] = c.get(f.get("severity", "?"), 0) + 1
print("%d / %d / %d" % (c["error"], c["warning"], c["info"]))
PY
)
  label=$against
  [ "$against" = "$first" ] && label="first commit (every change)"
  printf '| %s | %s | %s | %s | %.2f | %.1f | %s |\n' "$label" "$changed" "$rc" "$wall" "$cpu" \
    "$(echo "$mem / 1024" | bc -l)" "$counts"
  if [ "$rc" -ge 2 ]; then
    status=1
    echo "exit $rc against $against:" >&2
    head -n 5 "$work/err" >&2
  fi
done
exit $status
