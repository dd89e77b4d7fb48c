#!/usr/bin/env bash
# Regenerates the committed seed corpora (tests/fuzz/corpus/<target>/) from
# the fixtures. Each seed is named by its SHA-1, as libFuzzer names inputs.
#   fuzz_proto_loader        every fixture .proto
#   fuzz_jsonschema_loader   every fixture .json, and each case's current/ files
#                            joined by NUL (cross-file $refs)
#   fuzz_jsonschema_compare  previous NUL current, per file of each JSON Schema case
#   fuzz_config              every contract-lint.yaml / buf.yaml of the fixtures
#   fuzz_api_loader          every tenth of the first 400 OpenAPI/AsyncAPI fixture .yaml under 8 KB
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/fuzz/corpus
rm -rf "$out"
mkdir -p "$out"/{fuzz_proto_loader,fuzz_jsonschema_loader,fuzz_jsonschema_compare,fuzz_config,fuzz_api_loader}
put() {  # put TARGET < data
  local tmp; tmp=$(mktemp)
  cat >"$tmp"
  local size; size=$(stat -c %s "$tmp")
  if [ "$size" -gt 0 ] && [ "$size" -le 65536 ]; then
    mv "$tmp" "$out/$1/$(sha1sum "$tmp" | cut -c1-40)"
  else
    rm -f "$tmp"
  fi
}
find fixtures -name '*.proto' -print0 | sort -z | while IFS= read -r -d '' f; do put fuzz_proto_loader <"$f"; done
find fixtures/openapi fixtures/asyncapi -name '*.yaml' -size -8k | LC_ALL=C sort | head -400 | awk 'NR%10==1' |
  while read -r f; do put fuzz_api_loader <"$f"; done
find fixtures -name '*.json' -print0 | sort -z | while IFS= read -r -d '' f; do put fuzz_jsonschema_loader <"$f"; done
for case in fixtures/jsonschema/*/; do
  mapfile -d '' files < <(find "$case/current" -name '*.json' -print0 2>/dev/null | sort -z)
  if [ ${#files[@]} -gt 1 ]; then
    { for i in 0 1 2; do [ $i -lt ${#files[@]} ] || break; [ $i -eq 0 ] || printf '\0'; cat "${files[$i]}"; done; } |
      put fuzz_jsonschema_loader
  fi
  [ -d "$case/previous" ] || continue
  (cd "$case/previous" && find . -name '*.json' -print0) | while IFS= read -r -d '' rel; do
    [ -f "$case/current/$rel" ] || continue
    { cat "$case/previous/$rel"; printf '\0'; cat "$case/current/$rel"; } | put fuzz_jsonschema_compare
  done
done
find fixtures tests/data -name 'contract-lint.yaml' -o -name 'buf.yaml' -o -name '.contract-lint.yaml' 2>/dev/null |
  sort | while read -r f; do put fuzz_config <"$f"; done
# buf.yaml in each version, and the README's example config.
printf 'version: v1\nbuild:\n  roots: [proto]\n  excludes: [proto/vendor]\nbreaking:\n  use: [FILE]\n  except: [FIELD_SAME_JSON_NAME]\n  ignore: [proto/legacy]\n  ignore_only:\n    FIELD_NO_DELETE: [proto/a.proto]\n  ignore_unstable_packages: true\n' | put fuzz_config
printf 'version: v1beta1\nbuild:\n  roots: [a, b]\nbreaking:\n  use: [WIRE_JSON]\n' | put fuzz_config
printf 'version: v2\nmodules:\n  - path: proto\n    excludes: [proto/x]\nbreaking:\n  use: [PACKAGE]\n' | put fuzz_config
printf 'version: 1\nproto:\n  roots: [proto]\n  exclude: ["third_party/**"]\njsonschema:\n  include: ["schemas/**/*.json"]\nbreaking:\n  use: [FILE]\n  except: []\n  jsonschema: BACKWARD\n  content_model: strict\n  ignore: ["proto/legacy/**"]\n  ignore_only: {FIELD_SAME_JSON_NAME: ["proto/internal/**"]}\n  ignore_unstable_packages: true\n' | put fuzz_config
printf '{"version": 1, "proto": {"roots": ["."]}, "limits": {"max_file_bytes": 1000, "max_files": 10}}' | put fuzz_config
for t in "$out"/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
