// YAML (and JSON, a subset) -> the JSON model, with libyaml's event parser:
// the OpenAPI and AsyncAPI loader. Same model, positions and errors as the
// yaml-cpp conversion it replaces (src/config/yaml_document.cc keeps that one
// for configurations), at a fraction of the cost: libyaml's events are read
// into a flat node table (aliases share their anchor's node, as in yaml-cpp),
// which is then converted with the same walk, limits and messages.
//
// - Scalars: a plain, untagged scalar is typed by the one YAML rule of the
//   project (YamlScalarText, src/config/yaml_scalar.h: true/false, null/~/empty, decimal integer,
//   number, else string; YAML 1.2 core spellings, so yes/no/on/off stay
//   strings); a quoted or tagged one is a string.
// - Positions: the 1-based line and column of every mapping key (its span is
//   the key's length) and sequence item, by JSON pointer, in yaml-cpp's
//   coordinates: lines count '\n', columns count bytes, a BOM is not counted.
// - Only the first document of a stream is read (as yaml-cpp's Load).
// - Limits: more than `max_nodes` converted nodes (aliases expanded: an alias
//   bomb), nesting deeper than `max_depth`, or 500 levels while parsing
//   (yaml-cpp's parser guard), are errors; so are duplicate keys, keys that
//   are not scalars, aliases to an unknown anchor, and bad merge keys.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

#include "jsonschema/json_positions.h"

namespace contract_lint {

struct YamlLoadError {
  int line = 0;  // 1-based
  int column = 0;
  std::string message;  // "invalid YAML: ..." for syntax errors
};

struct YamlLoadLimits {
  size_t max_nodes = 1000000;
  int max_depth = 256;
};

// Parses `text` (valid UTF-8, no NUL: the caller checks) into `root`, and the
// span of every key and item into `positions`. False with `error` set on
// failure.
bool LoadYamlDocument(std::string_view text, const YamlLoadLimits& limits, nlohmann::json* root,
                      std::unordered_map<std::string, TextSpan>* positions, YamlLoadError* error);

}  // namespace contract_lint
