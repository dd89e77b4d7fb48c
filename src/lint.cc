// PLACEHOLDER: the pipeline (being written).
#include "contract_lint/lint.h"

namespace contract_lint {
int ExitCodeFor(const Report&, FailOn) { return 0; }
LintResult RunLint(const Options&) { return {}; }
}  // namespace contract_lint
