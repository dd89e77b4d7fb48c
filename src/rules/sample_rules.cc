// The consumer-sample rule rows. They judge a consumer's payload against both
// sides of a contract of either kind; the row's kind is nominal (the findings
// carry the kind of the contract the sample names).
#include "rules/rule_rows.h"

namespace contract_lint {
namespace {

constexpr RuleInfo kRows[] = {
    RuleInfo{"SAMPLE_REJECTED", ContractKind::kJsonSchema, 0, true,
             "Checks that every registered consumer sample the baseline contract accepted is still "
             "accepted by the current contract."},
    RuleInfo{"SAMPLE_STALE", ContractKind::kJsonSchema, 0, true,
             "Checks that registered consumer samples fit the contract they name (a sample the "
             "baseline already rejected is stale: a warning, not a new break)."},
};

}  // namespace

std::span<const RuleInfo> SampleRuleRows() { return kRows; }

}  // namespace contract_lint
