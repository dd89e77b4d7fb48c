#!/usr/bin/env bash
# Performance benchmark: contract-lint vs `buf breaking` on a synthetic monorepo (see bench/README.md).
#
#   bash bench/run.sh                 the synthetic corpus (below)
#   bash bench/run.sh REPO            a real repository or git bundle (bench/real.sh)
#
# Environment (all optional):
#   BENCH_PROTOS / BENCH_PACKAGES / BENCH_SCHEMAS   corpus size (default 5000 / 300 / 1000)
#   BENCH_REPEAT      runs per measurement, the median is reported (default 3)
#   BENCH_BUF_REPEAT  runs per buf measurement (default BENCH_REPEAT; buf takes minutes on the full corpus)
#   BENCH_CORPUS      where the corpus repository lives (default bench/corpus)
#   BENCH_BUILD=0     do not (re)build bench/.build/contract-lint (Release, incremental) before measuring
#   CONTRACT_LINT     binary to measure instead (default bench/.build/contract-lint, never built then)
#   BENCH_RESULTS     Markdown output (default bench/results/latest.md)
# Exit status: 0 when every measurement ran and the exit codes are the expected ones (contract-lint 1,
# buf 100 on every branch: all three have breaking edits), 1 otherwise. The table is printed either way.
set -uo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
protos=${BENCH_PROTOS:-5000}
packages=${BENCH_PACKAGES:-300}
schemas=${BENCH_SCHEMAS:-1000}
repeat=${BENCH_REPEAT:-3}
buf_repeat=${BENCH_BUF_REPEAT:-$repeat}
corpus=${BENCH_CORPUS:-$bench_dir/corpus}
results=${BENCH_RESULTS:-$bench_dir/results/latest.md}
cl=${CONTRACT_LINT:-$bench_dir/.build/contract-lint}
buf=$bench_dir/.buf/node_modules/.bin/buf
branches=(change-10 change-200 change-all)

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- tools ----------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time (Debian package time)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends time >/dev/null \
    || die "could not install GNU time"
fi
command -v git >/dev/null || die "git is required"
command -v python3 >/dev/null || die "python3 is required"

if [ ! -x "$buf" ]; then
  command -v npm >/dev/null || die "npm is required to install buf (apt-get install npm)"
  log "installing buf: npm install --prefix bench/.buf @bufbuild/buf"
  npm install --silent --prefix "$bench_dir/.buf" @bufbuild/buf >&2 || die "npm install @bufbuild/buf failed"
  [ -x "$buf" ] || die "buf is not at $buf after npm install"
fi

# contract-lint: a Release build of its own in bench/.build (the developers' build/ may be Debug).
# Built when missing; rebuilt incrementally on every run so the binary matches the source (a no-op
# when nothing changed). A failed build is reported, and an older binary, if any, is still measured.
# -Wno-error=restrict: GCC 12 at -O3 reports a false -Wrestrict inside valijson's json_pointer.hpp
# (src/config/config_schema.cc), which -Werror turns into a failed Release build.
build_note=""
if [ -z "${CONTRACT_LINT:-}" ] && [ "${BENCH_BUILD:-1}" != 0 ]; then
  log "building contract-lint (Release): scripts/build.sh bench/.build Release"
  if ! bash "$root/scripts/build.sh" bench/.build Release -DCONTRACT_LINT_TESTS=OFF "-DCMAKE_CXX_FLAGS=-Wno-error=restrict" >"$bench_dir/.build.log" 2>&1; then
    tail -n 20 "$bench_dir/.build.log" >&2
    log "BUILD FAILED (full log: bench/.build.log)"
    build_note="the Release build FAILED; an older binary was measured"
    [ -x "$cl" ] || build_note="the Release build FAILED; contract-lint not measured"
  fi
fi
# A real repository (a git bundle or a clone) instead of the synthetic corpus: bench/real.sh.
if [ $# -gt 0 ]; then
  CONTRACT_LINT=$cl exec bash "$bench_dir/real.sh" "$@"
fi
cl_ok=1
[ -x "$cl" ] || { cl_ok=0; log "contract-lint binary missing ($cl): only buf is measured"; }

# --- corpus ---------------------------------------------------------------------------------------
params="protos=$protos packages=$packages schemas=$schemas gen=$(sha1sum "$bench_dir/gen_corpus.py" | cut -c1-12)"
if [ ! -d "$corpus/.git" ] || [ "$(cat "$corpus/.git/bench-params" 2>/dev/null)" != "$params" ]; then
  log "generating corpus in $corpus ($params)"
  start=$SECONDS
  python3 "$bench_dir/gen_corpus.py" --out "$corpus" --force \
    --protos "$protos" --packages "$packages" --schemas "$schemas" >&2 || die "corpus generation failed"
  echo "$params" > "$corpus/.git/bench-params"
  log "corpus generated in $((SECONDS - start)) s"
fi

# --- measurements ---------------------------------------------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"; git -C "$corpus" checkout -q -f main 2>/dev/null' EXIT
tsv=$work/measurements.tsv   # label  tool  branch  rc  wall...  rss...  findings  first-error-line
: > "$tsv"

# measure LABEL TOOL BRANCH COUNTER CMD...: runs CMD $repeat times in the corpus, records exit code,
# wall seconds and peak RSS (KB) of each run; COUNTER summarises the last run's stdout.
measure() {
  local label=$1 tool=$2 branch=$3 counter=$4; shift 4
  local walls=() rsss=() rcs=() i rc runs=$repeat
  [ "$tool" = buf ] && runs=$buf_repeat
  for ((i = 0; i < runs; i++)); do
    (cd "$corpus" && /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err")
    rc=$?
    read -r w m < <(tail -n 1 "$work/time")
    # /usr/bin/time prefixes "Command exited with non-zero status N" before the format line
    walls+=("$w"); rsss+=("$m"); rcs+=("$rc")
  done
  local findings err
  findings=$($counter "$work/out")
  err=$(grep -m 3 -v '^\s*$' "$work/err" | tr '\t\n' '  ' | cut -c1-300)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$tool" "$branch" "${rcs[*]}" "${walls[*]}" "${rsss[*]}" \
    "$findings" "$err" >> "$tsv"
  log "$(printf '%-12s %-26s exit %-8s wall %-18s rss(KB) %-24s %s' "$branch" "$tool" "${rcs[*]}" "${walls[*]}" "${rsss[*]}" "$findings")"
  if [ "${rcs[-1]}" != 0 ] && [ "${rcs[-1]}" != 1 ] && [ "${rcs[-1]}" != 100 ]; then
    log "FAILED: $tool on $branch exited ${rcs[-1]}: $err"
  fi
}

count_cl() {  # contract-lint JSON report -> "proto=N jsonschema=M" (errors only)
  python3 - "$1" <<'EOF' 2>/dev/null || echo "no-report"
import json, sys
d = json.load(open(sys.argv[1]))
c = {"proto": 0, "jsonschema": 0}
for f in d.get("findings", []):
    if f.get("severity") == "error":
        c[f.get("kind", "?")] = c.get(f.get("kind", "?"), 0) + 1
print(" ".join("%s=%d" % kv for kv in sorted(c.items())))
EOF
}
count_buf() { echo "proto=$(grep -c . "$1")"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for b in "${branches[@]}"; do
  git -C "$corpus" checkout -q -f "$b" || die "cannot check out $b in $corpus"
  git -C "$corpus" clean -q -fdx
  if [ "$cl_ok" = 1 ]; then
    measure full "contract-lint" "$b" count_cl "$cl" --against base --format json
    measure schemas "contract-lint schemas-only" "$b" count_cl "$cl" --against base --format json \
      --config contract-lint.schemas-only.yaml
  fi
  measure full "buf" "$b" count_buf "$buf" breaking --against '.git#tag=base'
done
git -C "$corpus" checkout -q -f main
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ---------------------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}')
cl_version=$([ "$cl_ok" = 1 ] && "$cl" --version 2>&1 | head -1 || echo "not built")
cl_commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null)$( [ -n "$(git -C "$root" status --porcelain -- src include CMakeLists.txt 2>/dev/null)" ] && echo "+dirty")
cl_type=$(grep -m1 '^CMAKE_BUILD_TYPE' "$(dirname "$cl")/CMakeCache.txt" 2>/dev/null | cut -d= -f2)
cl_alloc=$( (readelf -d "$cl" 2>/dev/null || true) | grep -q 'libmimalloc' && echo mimalloc || echo "glibc malloc")
n_proto=$(git -C "$corpus" ls-tree -r --name-only base -- proto | grep -c '\.proto$')
n_pkg=$(git -C "$corpus" ls-tree -r --name-only base -- proto | grep '\.proto$' | xargs -n1 dirname | sort -u | wc -l)
n_schema=$(git -C "$corpus" ls-tree -r --name-only base -- schemas | grep -c '\.schema\.json$')
changed=""
for b in "${branches[@]}"; do
  changed+="$b: $(git -C "$corpus" diff --name-only base "$b" | grep -c '\.proto$') .proto + $(git -C "$corpus" diff --name-only base "$b" | grep -c '\.schema\.json$') schemas; "
done

mkdir -p "$(dirname "$results")"
BENCH_META=$(cat <<EOF
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
machine=$(nproc) cores, ${cpu:-unknown CPU}, ${mem:-? GiB} RAM, $(uname -sr)
contract_lint=$cl_version (source $cl_commit, ${cl_type:-unknown} build, $cl_alloc)
buf=$("$buf" --version 2>&1 | head -1)
git=$(git --version)
corpus=$n_proto .proto files in $n_pkg packages, $n_schema JSON Schemas (draft 2020-12)
changes=${changed%; }
repeat=$repeat
buf_repeat=$buf_repeat
load=load average (1, 5, 15 min) $load_before before the runs, $load_after after
build_note=$build_note
EOF
)
export BENCH_META
python3 - "$tsv" "$results" <<'EOF'
import os, statistics, sys

tsv, results = sys.argv[1], sys.argv[2]
meta = dict(l.split("=", 1) for l in os.environ["BENCH_META"].splitlines() if "=" in l)
rows = {}
for line in open(tsv):
    label, tool, branch, rcs, walls, rsss, findings, err = (line.rstrip("\n").split("\t") + [""] * 8)[:8]
    rcs = [int(x) for x in rcs.split()]
    walls = [float(x) for x in walls.split()]
    rsss = [int(x) for x in rsss.split()]
    rows[(label, tool.split()[0], branch)] = dict(
        rc=rcs[-1], rcs=rcs, wall=statistics.median(walls), rss=statistics.median(rsss) / 1024.0,
        findings=findings, err=err)

branches = ["change-10", "change-200", "change-all"]
ok_cl = lambda r: r is not None and r["rc"] in (0, 1)
ok_buf = lambda r: r is not None and r["rc"] in (0, 100)
def cell(r, ok, key, fmt):
    if r is None:
        return "not run"
    if not ok(r):
        return "FAILED (exit %d)" % r["rc"]
    return fmt % r[key]

out = []
w = out.append
w("# contract-lint benchmark")
w("")
w("- Date: %s" % meta["date"])
w("- Machine: %s" % meta["machine"])
w("- Versions: contract-lint %s; %s; buf %s" % (meta["contract_lint"], meta["git"], meta["buf"]))
if meta.get("build_note"):
    w("- **Build: %s**" % meta["build_note"])
w("- Corpus: %s" % meta["corpus"])
w("- Changes against tag `base`: %s" % meta["changes"])
w("- Each number is the median of %s runs (buf: %s) (`/usr/bin/time -f '%%e %%M'`: wall seconds, peak RSS)." % (meta["repeat"], meta["buf_repeat"]))
w("- Machine load: %s." % meta["load"])
w("- contract-lint: `contract-lint --against base --format json` (Protobuf + JSON Schema, `contract-lint.yaml`);"
  " buf: `buf breaking --against '.git#tag=base'` (Protobuf only, `buf.yaml` v2), both from the corpus root"
  " with the branch checked out.")
w("")
w("| comparison | contract-lint wall s | contract-lint peak RSS MB | buf wall s | buf peak RSS MB | speed ratio | RSS ratio |")
w("|---|---:|---:|---:|---:|---:|---:|")
for b in branches:
    c, f = rows.get(("full", "contract-lint", b)), rows.get(("full", "buf", b))
    speed = rss = "—"
    if ok_cl(c) and ok_buf(f):
        speed = "%.1f×" % (f["wall"] / max(c["wall"], 0.005))
        rss = "%.2f" % (c["rss"] / f["rss"]) if f["rss"] else "—"
    w("| %s (proto + schemas vs buf proto) | %s | %s | %s | %s | %s | %s |" % (
        b, cell(c, ok_cl, "wall", "%.3f"), cell(c, ok_cl, "rss", "%.1f"),
        cell(f, ok_buf, "wall", "%.3f"), cell(f, ok_buf, "rss", "%.1f"), speed, rss))
for b in branches:
    c = rows.get(("schemas", "contract-lint", b))
    w("| %s (JSON Schema only) | %s | %s | — | — | — | — |" % (
        b, cell(c, ok_cl, "wall", "%.3f"), cell(c, ok_cl, "rss", "%.1f")))
w("")
w("Speed ratio = buf wall / contract-lint wall (higher is better); RSS ratio = contract-lint RSS / buf RSS (lower is better).")
w("")
w("## Exit codes and findings")
w("")
w("Every branch has breaking edits: expected contract-lint exit 1 and buf exit 100 (buf's code for"
  " breaking changes found; it never exits 1 for them).")
w("")
w("| branch | contract-lint exit | contract-lint errors | schemas-only exit | schemas-only errors | buf exit | buf findings | verdict |")
w("|---|---|---|---|---|---|---|---|")
problems = ["build: " + meta["build_note"]] if meta.get("build_note") else []
for b in branches:
    c = rows.get(("full", "contract-lint", b))
    s = rows.get(("schemas", "contract-lint", b))
    f = rows.get(("full", "buf", b))
    verdict = []
    fmt_rc = lambda r: "not run" if r is None else " ".join(str(x) for x in sorted(set(r["rcs"])))
    if c is None or c["rc"] != 1:
        verdict.append("contract-lint exit %s, expected 1" % (fmt_rc(c)))
    if s is None or s["rc"] != 1:
        verdict.append("schemas-only exit %s, expected 1" % (fmt_rc(s)))
    if f is None or f["rc"] != 100:
        verdict.append("buf exit %s, expected 100" % (fmt_rc(f)))
    if c and f and ok_cl(c) and ok_buf(f):
        cp = dict(kv.split("=") for kv in c["findings"].split() if "=" in kv).get("proto")
        fp = f["findings"].split("=")[-1]
        if cp is not None and cp != fp:
            verdict.append("proto findings differ: contract-lint %s, buf %s" % (cp, fp))
    for r, name in ((c, "contract-lint"), (s, "contract-lint schemas-only"), (f, "buf")):
        if r is not None and len(set(r["rcs"])) > 1:
            verdict.append("%s exit codes vary between runs: %s" % (name, r["rcs"]))
        if r is not None and r["err"] and not (ok_cl(r) if name != "buf" else ok_buf(r)):
            problems.append("%s on %s (exit %d): %s" % (name, b, r["rc"], r["err"]))
    w("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
        b, fmt_rc(c), c["findings"] if c else "—", fmt_rc(s), s["findings"] if s else "—",
        fmt_rc(f), f["findings"] if f else "—", "; ".join(verdict) or "OK"))
    problems.extend("%s: %s" % (b, v) for v in verdict)
w("")

def target(name, ok):
    return "| %s | %s |" % (name, "n/a" if ok is None else ("PASS" if ok else "FAIL"))
def get(label, tool, b):
    r = rows.get((label, tool, b))
    return r if r is not None and (ok_cl(r) if tool == "contract-lint" else ok_buf(r)) else None
c10, f10 = get("full", "contract-lint", "change-10"), get("full", "buf", "change-10")
ca, fa = get("full", "contract-lint", "change-all"), get("full", "buf", "change-all")
sa = get("schemas", "contract-lint", "change-all")
both = lambda a, b: (a is not None and b is not None) or None
w("## Targets")
w("")
w("| target | result |")
w("|---|---|")
w(target("10-file change: contract-lint ≤ 0.3 s", c10 and c10["wall"] <= 0.3))
w(target("10-file change: ≥ 50× faster than buf", both(c10, f10) and f10["wall"] / max(c10["wall"], 0.005) >= 50))
w(target("10-file change: contract-lint ≤ 100 MB", c10 and c10["rss"] <= 100))
w(target("every file changed: ≥ 5× faster than buf", both(ca, fa) and fa["wall"] / max(ca["wall"], 0.005) >= 5))
w(target("every file changed: ≤ ¼ of buf's RSS", both(ca, fa) and ca["rss"] <= fa["rss"] / 4))
w(target("1,000 JSON Schemas all changed: ≤ 1 s", sa and sa["wall"] <= 1.0))
w("")
if problems:
    w("## Problems")
    w("")
    for p in problems:
        w("- " + p)
    w("")

text = "\n".join(out)
print(text)
with open(results, "w") as fh:
    fh.write(text)
sys.exit(1 if problems else 0)
EOF
status=$?
log "written to ${results#$root/}"
exit $status
