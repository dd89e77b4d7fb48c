// What the command line asks of a check: the sides, the config, the gate.
// Apart from lint.h so the stages that read one setting do not see the
// pipeline.
#pragma once

#include <string>
#include <vector>

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

}  // namespace contract_lint
