// A YAML scalar as a JSON value, the one rule for every YAML input (configs,
// OpenAPI and AsyncAPI documents): a quoted or tagged scalar is a string, a
// plain one is true/false, null, an integer or a number when it reads as one
// (YAML 1.2 core schema spellings), else a string.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace YAML {
class Node;
}

namespace contract_lint {

nlohmann::json YamlScalarToJson(const YAML::Node& node);

// The same rule for the text of a plain, untagged scalar (libyaml's loader,
// src/openapi/yaml_events.cc).
nlohmann::json YamlScalarText(std::string_view text);

// Whether a plain scalar's text is null by that rule (empty, ~, null, Null, NULL).
bool IsYamlNull(std::string_view text);

}  // namespace contract_lint
