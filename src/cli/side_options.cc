#include "cli/side_options.h"

#include <algorithm>
#include <cstring>
#include <iostream>
#include <utility>

#include "contract_lint/diagnostics.h"

namespace contract_lint {
namespace {

constexpr const char* kEmptyRevision =
    " needs a revision (it was given an empty value; is the CI variable that should hold it "
    "set?)\n";

}  // namespace

void AddSideOptions(CLI::App* command, Options& options) {
  command->add_option("INPUT", options.input, "Directory to check instead of the git working tree");
  auto* since = command->add_option("--since", options.since,
                                    "Compare against the merge-base of REF and HEAD");
  command
      ->add_option("--against", options.against,
                   "Compare against exactly this revision or directory")
      ->excludes(since);
  auto* staged = command->add_flag("--staged", options.staged, "Check the git index (pre-commit)");
  command->add_option("--head", options.head, "Check this commit instead of the working tree")
      ->excludes(staged);
  command->add_option("--config", options.config_path,
                      "Configuration file (default: contract-lint.yaml in the repository)");
  command->add_option("--consumer", options.consumers,
                      "Only findings that affect this consumer (repeatable)");
  command->add_option("--path", options.paths,
                      "Only the contracts in this file or directory, on both sides (repeatable)");
  command->add_option("--exclude-path", options.exclude_paths,
                      "Leave out the contracts in this file or directory (repeatable)");
  command->add_option("-j,--jobs", options.jobs, "Threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag(
      "--full", options.full,
      "Compare every contract, not only what the change reaches (slower; same findings)");
}

bool RefuseEmptyRevisionArgument(const std::vector<std::string>& args) {
  for (const char* name : {"--since=", "--against=", "--head="}) {
    if (std::find(args.begin(), args.end(), name) != args.end()) {
      std::string option(name, std::strlen(name) - 1);
      std::cerr << "contract-lint: error: " << option << kEmptyRevision;
      return true;
    }
  }
  return false;
}

bool RefuseEmptyRevision(const CLI::App& command, const Options& given) {
  const std::pair<const char*, const std::string*> revisions[] = {
      {"--since", &given.since}, {"--against", &given.against}, {"--head", &given.head}};
  for (const auto& [name, value] : revisions) {
    if (command.count(name) > 0 && value->find_first_not_of(" \t") == std::string::npos) {
      std::cerr << "contract-lint: error: " << name << kEmptyRevision;
      return true;
    }
  }
  return false;
}

void PrintNotes(const Report& report) {
  for (const auto& warning : report.warnings) {
    std::cerr << FormatDiagnostic(warning, "warning") << "\n";
  }
  for (const auto& diagnostic : report.diagnostics) {
    std::cerr << FormatDiagnostic(diagnostic) << "\n";
  }
}

}  // namespace contract_lint
