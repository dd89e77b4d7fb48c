// The rows of the rule table, one list per contract kind, each in this
// folder. rule_table.cc and the Protobuf stage's rule loop read these;
// everything else asks AllRules()/FindRule().
#pragma once

#include <span>

#include "rules/rule_table.h"

namespace contract_lint {

// Marks a row whose findings delete their subject (RuleInfo::deletes_element).
constexpr RuleInfo DeletesElement(RuleInfo row) {
  row.deletes_element = true;
  return row;
}

std::span<const RuleInfo> ProtoRuleRows();  // proto_rule_rows.cc
std::span<const RuleInfo> JsonSchemaRuleRows();
std::span<const RuleInfo> RegistryRuleRows();
std::span<const RuleInfo> SampleRuleRows();
std::span<const RuleInfo> VersioningRuleRows();
std::span<const RuleInfo> OpenApiRuleRows();
std::span<const RuleInfo> AsyncApiRuleRows();

}  // namespace contract_lint
