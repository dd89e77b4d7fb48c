// `contract-lint baseline -o FILE`: runs the check and writes its
// unsuppressed findings to a baseline file that `check --baseline` accepts.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/side_options.h"
#include "contract_lint/lint.h"
#include "policy/suppression.h"

namespace contract_lint {
namespace {

struct BaselineFlags {
  Options options;
  std::string output;
};

int RunBaseline(const Options& options, const std::string& output) {
  auto result = RunLint(options);
  PrintNotes(result.report);
  if (result.exit_code == 2) return 2;
  std::ofstream out(output, std::ios::binary);
  out << RenderBaseline(result.report.findings);
  if (!out) {
    std::cerr << "contract-lint: error: cannot write " << output << "\n";
    return 2;
  }
  int accepted =
      static_cast<int>(std::count_if(result.report.findings.begin(), result.report.findings.end(),
                                     [](const auto& f) { return !f.suppressed; }));
  std::cout << "wrote " << output << ": " << accepted << " accepted findings; pass --baseline "
            << output << " to check\n";
  return 0;
}

}  // namespace

CommandRunner AddBaselineCommand(CLI::App* baseline) {
  auto flags = std::make_shared<BaselineFlags>();
  AddSideOptions(baseline, flags->options);
  baseline->add_option("-o,--output", flags->output, "The baseline file to write")->required();
  return [baseline, flags] {
    if (RefuseEmptyRevision(*baseline, flags->options)) return 2;
    return RunBaseline(flags->options, flags->output);
  };
}

}  // namespace contract_lint
