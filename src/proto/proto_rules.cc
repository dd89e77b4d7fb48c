// PLACEHOLDER (being written): the Protobuf rule rows and functions.
#include "policy/rule_rows.h"

namespace contract_lint {
std::span<const RuleInfo> ProtoRuleRows() { return {}; }
}  // namespace contract_lint
