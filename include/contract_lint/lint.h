// The pipeline's entry point: the binary and every test drive RunLint().
//
//   Snapshots (git / directory) -> Contracts (proto, JSON Schema) -> Changes
//   -> Findings (policy) -> affected consumers (impact) -> Report -> exit code
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/options.h"
#include "contract_lint/report.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

struct LintResult {
  Report report;
  int exit_code = 0;  // 0 clean, 1 findings at or above fail_on, 2 input error
};

// Runs a whole check. Never throws: unexpected exceptions become diagnostics.
LintResult RunLint(const Options& options);

// The same check on two sides the caller holds (a MemorySnapshot in tests,
// content already loaded by an embedder). `input`, `against`, `since`,
// `staged` and `head` are not read; there is no repository, so the
// `_TRANSITIVE` modes have no release tags (an error, as for two directories);
// `cwd` resolves `--config` and `--baseline`, and config paths are taken as
// written (relative to the sides' root).
LintResult RunLint(const Options& options, std::unique_ptr<Snapshot> against,
                   std::unique_ptr<Snapshot> current);

// Whether `finding` fails the run under `fail_on` (never when suppressed).
bool FailsRun(const Finding& finding, FailOn fail_on);

// The exit code for a finished report under `fail_on`: 2 with diagnostics,
// 1 when a finding fails the run, else 0.
int ExitCodeFor(const Report& report, FailOn fail_on);

}  // namespace contract_lint
