// `contract-lint explain`'s example of a break: taken from the rule's own
// fixture (fixtures/<kind>/<case>/, compiled into the binary), so the example
// is one the test suite proves the rule reports.
#pragma once

#include <string>
#include <string_view>

#include "contract_lint/finding.h"

namespace contract_lint {

// The before/after of the smallest fixture that reports `rule`, as a line
// diff per changed file and the finding it gives; "" when no fixture has it.
std::string RuleExample(std::string_view rule, ContractKind kind);

}  // namespace contract_lint
