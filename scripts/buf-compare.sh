#!/usr/bin/env bash
# Developer check (not CI): runs `buf breaking` on every fixtures/proto case and
# compares buf's (rule, path, line, column) with the case's expected.txt.
#   scripts/buf-compare.sh            compare every case, print agreement
#   scripts/buf-compare.sh CASE...    only these case names
#   scripts/buf-compare.sh --write CASE...  (re)write expected.txt from buf
#   scripts/buf-compare.sh --categories     every case (without its own buf.yaml) under each of
#       FILE, PACKAGE, WIRE_JSON, WIRE, CSR: buf against the built binary
#       (${CONTRACT_LINT:-build/contract-lint}), not against expected.txt
# buf is installed with npm under ${BUF_PREFIX:-$HOME/.cache/contract-lint-buf}.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/fixtures/proto"
prefix="${BUF_PREFIX:-$HOME/.cache/contract-lint-buf}"
buf="${BUF:-$prefix/node_modules/.bin/buf}"
if [[ ! -x "$buf" ]]; then
  echo "installing buf into $prefix" >&2
  npm install --silent --prefix "$prefix" @bufbuild/buf >&2
fi

write=0
if [[ "${1:-}" == "--categories" ]]; then
  bin="${CONTRACT_LINT:-$root/build/contract-lint}"
  [[ -x "$bin" ]] || { echo "no $bin: build first or set CONTRACT_LINT" >&2; exit 2; }
  keyed() { awk -F '\t' '{ if ($1 == "") print $4 " <none>"; else print $4 " " $1 " " $2 " " $3 }'; }
  total=0 agree=0 cfg="$(mktemp)"
  for dir in "$fixtures"/*/; do
    [[ -f "$dir/current/buf.yaml" ]] && continue
    mkdir -p "$dir/current" "$dir/previous"
    for category in FILE PACKAGE WIRE_JSON WIRE CSR; do
      total=$((total + 1))
      theirs="$( (cd "$dir/current" && "$buf" breaking . --against ../previous --error-format json \
        --config "{\"version\":\"v2\",\"breaking\":{\"use\":[\"$category\"]}}" 2>/dev/null || true) |
        jq -r '[(.path // ""), .start_line, .start_column, .type] | @tsv' | keyed | LC_ALL=C sort)"
      printf 'version: 1\nbreaking:\n  use: [%s]\n' "$category" >"$cfg"
      ours="$( (cd "$dir" && "$bin" current --against previous --config "$cfg" --color never 2>/dev/null || true) |
        sed -nE 's/^([^ ]*):([0-9]+):([0-9]+): error: ([A-Z0-9_]+): .*/\1\t\2\t\3\t\4/p; s/^error: ([A-Z0-9_]+): .*/\t\t\t\1/p' |
        keyed | LC_ALL=C sort)"
      if [[ "$theirs" == "$ours" ]]; then
        agree=$((agree + 1))
      else
        echo "DISAGREE $(basename "$dir") $category"
        diff <(printf '%s\n' "$theirs") <(printf '%s\n' "$ours") | sed 's/^/    /'
      fi
    done
  done
  rm -f "$cfg"
  echo "buf agreement by category: $agree/$total"
  [[ $agree -eq $total ]]
  exit
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
lists_agree=1
if [[ "${1:-}" == "--write" ]]; then write=1; shift; fi

# A YAML flow list (`  use: [A, B]`) of the case's `breaking` section as JSON.
yaml_list() {
  local file="$1" key="$2"
  [[ -f "$file" ]] || return 0
  sed -n "s/^[[:space:]]*$key:[[:space:]]*\[\(.*\)\][[:space:]]*$/\1/p" "$file" |
    tr ',' '\n' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' |
    jq -R . | jq -sc .
}

# buf's findings as expected.txt lines, in the order of the text report
# (path, line, column, rule, message). A case with current/buf.yaml (and no
# contract-lint.yaml) is configured by it, for buf as for us; otherwise the
# case's contract-lint.yaml `use`/`except` become a v2 buf config. A buf
# failure (exit other than 0 or 100) is printed and fails the case.
buf_lines() {
  local dir="$1" use except config rc=0
  local args=(breaking . --against ../previous --error-format json)
  if [[ ! -f "$dir/current/buf.yaml" || -f "$dir/contract-lint.yaml" ]]; then
    use="$(yaml_list "$dir/contract-lint.yaml" use)"
    except="$(yaml_list "$dir/contract-lint.yaml" except)"
    [[ -n "$use" ]] || use='["FILE"]'
    [[ -n "$except" ]] || except='[]'
    config="{\"version\":\"v2\",\"breaking\":{\"use\":$use,\"except\":$except}}"
    args+=(--config "$config")
  fi
  mkdir -p "$dir/current" "$dir/previous"
  (cd "$dir/current" && "$buf" "${args[@]}" 2>"$tmp/err") >"$tmp/out" || rc=$?
  if [[ $rc -ne 0 && $rc -ne 100 ]]; then
    echo "BUF-FAILED (exit $rc): $(grep -v WARN "$tmp/err" | head -3 | tr '\n' ' ')"
    [[ $write -eq 0 ]] || { echo "buf failed on $dir" >&2; exit 2; }
    return
  fi
  jq -r '[(.path // ""), .start_line, .start_column, .type, .message] | @tsv' <"$tmp/out" |
    LC_ALL=C sort -t $'\t' -k1,1 -k2,2n -k3,3n -k4,4 -k5,5 |
    awk -F '\t' '{
      gsub(/\\\\/, "\\"); gsub(/\\t/, "\t");
      if ($1 == "") print "error: " $4 ": " $5;
      else print $1 ":" $2 ":" $3 ": error: " $4 ": " $5 }'
}

# rule, path, line, column of each line of findings.
keys() {
  sed -E 's/^([^ ]*):([0-9]+):([0-9]+): error: ([A-Z0-9_]+): .*/\4 \1 \2 \3/; s/^error: ([A-Z0-9_]+): .*/\1 <none>/'
}

# buf's rule lists per buf.yaml version, which tests/proto/buf_versions_test.cc
# holds our rule table to.
if [[ $write -eq 0 && $# -eq 0 ]]; then
  for version in v1beta1 v1 v2; do
    list="$root/tests/proto/buf_rules_$version.txt"
    if diff <(grep -v '^#' "$list") <("$buf" config ls-breaking-rules --version "$version" \
        --include-deprecated --format json | jq -r '"\(.id) \(.categories | sort | join(",") |
        if . == "" then "-" else . end)\(if .deprecated then " deprecated" + (if .replacements then
        " " + (.replacements | join(",")) else "" end) else "" end)"' | LC_ALL=C sort) >"$tmp/diff"; then
      echo "agree    rule list $version"
    else
      echo "DISAGREE rule list $version (tests/proto/buf_rules_$version.txt)"
      lists_agree=0
      sed 's/^/    /' "$tmp/diff"
    fi
  done
fi

cases=("$@")
if [[ ${#cases[@]} -eq 0 ]]; then
  for d in "$fixtures"/*/; do cases+=("$(basename "$d")"); done
fi

total=0 agree=0
for name in "${cases[@]}"; do
  dir="$fixtures/$name"
  actual="$(buf_lines "$dir")"
  if [[ $write -eq 1 ]]; then
    if [[ -n "$actual" ]]; then printf '%s\n' "$actual" > "$dir/expected.txt"; else : > "$dir/expected.txt"; fi
    echo "wrote $name ($(printf '%s' "$actual" | grep -c . || true) findings)"
    continue
  fi
  total=$((total + 1))
  if diff <(printf '%s\n' "$actual" | grep . | keys) <(grep . "$dir/expected.txt" | keys) >"$tmp/diff"; then
    agree=$((agree + 1))
    echo "agree    $name"
  else
    echo "DISAGREE $name"
    sed 's/^/    /' "$tmp/diff"
  fi
done
if [[ $write -eq 0 ]]; then
  echo "buf agreement: $agree/$total cases ($(( total ? agree * 100 / total : 100 ))%)"
  [[ $agree -eq $total && $lists_agree -eq 1 ]]
fi
