// Suppressions and selectors that name nothing: an inline ignore naming an
// unknown rule id (always a warning), and with --report-unused every inline
// ignore, config ignore/ignore_only glob and baseline entry that suppressed
// no finding of the run.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

// Warns about `contract-lint:ignore` markers and `x-contract-lint-ignore`
// entries with an unknown rule id (with a did-you-mean) in the contract
// files that changed between the sides.
void CheckInlineIgnoreIds(const Config& config, const Snapshot& against, const Snapshot& current,
                          std::vector<Diagnostic>* warnings);

// The suppressions that suppressed nothing, one warning each; returns how many.
// A baseline entry is located at its fingerprint in `baseline_path` (read
// from `cwd` when relative).
int ReportUnusedSuppressions(const Config& config, const Snapshot& current,
                             const std::set<std::string>& baseline,
                             const std::string& baseline_path, const std::string& cwd,
                             const std::vector<Finding>& findings,
                             std::vector<Diagnostic>* warnings);

}  // namespace contract_lint
