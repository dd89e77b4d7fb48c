// The rows of the rule table, one list per contract kind. Only rule_table.cc
// reads these; everything else asks AllRules()/FindRule().
#pragma once

#include <span>

#include "policy/rule_table.h"

namespace contract_lint {

// Marks a row whose findings delete their subject (RuleInfo::deletes_element).
constexpr RuleInfo DeletesElement(RuleInfo row) {
  row.deletes_element = true;
  return row;
}

std::span<const RuleInfo> ProtoRuleRows();       // src/proto/proto_rules.cc
std::span<const RuleInfo> JsonSchemaRuleRows();  // src/jsonschema/jsonschema_rules.cc
std::span<const RuleInfo> RegistryRuleRows();    // src/schema_registry/registry_rules.cc
std::span<const RuleInfo> SampleRuleRows();      // src/samples/sample_rules.cc
std::span<const RuleInfo> VersioningRuleRows();  // src/policy/versioning_rules.cc
std::span<const RuleInfo> OpenApiRuleRows();     // src/openapi/openapi_rules.cc
std::span<const RuleInfo> AsyncApiRuleRows();    // src/asyncapi/asyncapi_rules.cc

}  // namespace contract_lint
