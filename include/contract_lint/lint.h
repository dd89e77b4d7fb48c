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
#include "contract_lint/snapshot.h"

namespace contract_lint {

// --fail-on: error (kBreaking, the default), warning, info or never.
enum class FailOn { kBreaking, kWarning, kInfo, kNever };

struct Options {
  std::string cwd;          // where the user ran the tool; "" = the process's cwd
  std::string input;        // positional INPUT directory ("" = the git working tree)
  std::string since;        // --since REF: against = merge-base(REF, HEAD)
  std::string against;      // --against REF|DIR
  bool staged = false;      // --staged: current = the git index
  std::string head;         // --head REV: current = that commit
  std::string config_path;  // --config FILE ("" = look in the current side)
  FailOn fail_on = FailOn::kBreaking;
  std::vector<std::string> consumers;  // --consumer NAME (only findings affecting them)
  std::string baseline_path;           // --baseline FILE of accepted fingerprints
  // --path / --exclude-path (buf's flags): files or directories, relative to
  // the repository (or INPUT) root, that limit which contracts are compared
  // on both sides; imports outside them still resolve.
  std::vector<std::string> paths;
  std::vector<std::string> exclude_paths;
  bool show_suppressed = false;
  bool report_unused = false;  // --report-unused: list suppressions that suppress nothing
  int jobs = 0;                // 0 = all cores
  bool full =
      false;  // --full: compile and compare every contract, not only what the change reaches
};

struct Summary {
  int errors = 0;  // breaking findings (not suppressed)
  int warnings = 0;
  int infos = 0;
  int suppressed = 0;
  int unused_suppressions = 0;  // with --report-unused: ignores and baseline entries unused
  int proto_files = 0;          // contract files present on either side
  int jsonschema_files = 0;
  int changed_files = 0;  // contract files whose content differs
};

struct ConsumerImpact {
  std::string name;
  std::string owner;
  std::string contact;
  int breaking = 0;
  std::vector<std::string> rules;  // distinct rule ids, sorted
  int samples_checked = 0;         // registered samples validated (consumers[].samples)
  int samples_rejected = 0;        // of which SAMPLE_REJECTED (new breaks; stale ones are warnings)
  std::string source{};  // where it is declared: "contract-lint.yaml", "backstage:path:line"
};

struct Report {
  std::string current;  // Snapshot::Describe() of each side
  std::string against;
  std::vector<Finding> findings;        // sorted by FindingLess; suppressed ones included
  std::vector<Diagnostic> diagnostics;  // non-empty means exit 2
  std::vector<Diagnostic> warnings;     // notes for stderr (deprecated rule ids, …)
  std::string config_source;            // the config file used, "" for defaults
  std::vector<ConsumerImpact> consumers;
  Summary summary;
};

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

// The exit code for a finished report under `fail_on`.
int ExitCodeFor(const Report& report, FailOn fail_on);

}  // namespace contract_lint
