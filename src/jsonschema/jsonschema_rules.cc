// PLACEHOLDER (being written): the JSON Schema rule rows.
#include "policy/rule_rows.h"

namespace contract_lint {
std::span<const RuleInfo> JsonSchemaRuleRows() { return {}; }
}  // namespace contract_lint
