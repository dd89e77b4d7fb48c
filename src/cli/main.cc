// The command line: parses arguments with CLI11, runs the library, prints.
// `contract-lint --since main` means `contract-lint check --since main`.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>
#include <vector>

#include "cli/install_hook.h"
#include "contract_lint/lint.h"
#include "policy/rule_docs.h"
#include "report/report.h"

namespace {

using contract_lint::FailOn;

constexpr std::string_view kSubcommands[] = {"check", "rules", "explain", "install-hook"};

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") && !(term && std::string(term) == "dumb");
}

// Parses each FORMAT=PATH of --report; prints the problem and returns false on a bad one.
bool ParseExtraReports(const std::vector<std::string>& specs,
                       std::vector<std::pair<contract_lint::ReportFormat, std::string>>* reports) {
  for (const auto& spec : specs) {
    auto eq = spec.find('=');
    auto format = contract_lint::ParseReportFormat(spec.substr(0, eq));
    if (eq == std::string::npos || !format || eq + 1 == spec.size()) {
      std::cerr << "contract-lint: error: --report " << spec
                << ": expected FORMAT=PATH with FORMAT one of text, json, sarif, github, junit, "
                   "markdown, gitlab\n";
      return false;
    }
    reports->emplace_back(*format, spec.substr(eq + 1));
  }
  return true;
}

int RunCheck(const contract_lint::Options& options, const std::string& format_name,
             const std::string& color, bool quiet, const std::vector<std::string>& extra) {
  std::vector<std::pair<contract_lint::ReportFormat, std::string>> reports;
  if (!ParseExtraReports(extra, &reports)) return 2;
  auto result = contract_lint::RunLint(options);
  for (const auto& warning : result.report.warnings) {
    std::cerr << contract_lint::FormatDiagnostic(warning, "warning") << "\n";
  }
  for (const auto& diagnostic : result.report.diagnostics) {
    std::cerr << contract_lint::FormatDiagnostic(diagnostic) << "\n";
  }
  auto format = *contract_lint::ParseReportFormat(format_name);
  bool text = format == contract_lint::ReportFormat::kText;
  if (!(quiet && result.exit_code == 0) && !(text && result.exit_code == 2)) {
    contract_lint::RenderOptions render{text && UseColor(color), options.show_suppressed};
    std::cout << contract_lint::RenderReport(result.report, format, render);
  }
  for (const auto& [report_format, path] : reports) {
    contract_lint::RenderOptions plain{false, options.show_suppressed};
    std::ofstream out(path, std::ios::binary);
    out << contract_lint::RenderReport(result.report, report_format, plain);
    if (!out) {
      std::cerr << "contract-lint: error: cannot write the report to " << path << "\n";
      return 2;
    }
  }
  return result.exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Default subcommand: anything that is not a subcommand or a top-level flag means `check`.
  bool top_level = !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version");
  bool named = !args.empty() && std::find(std::begin(kSubcommands), std::end(kSubcommands),
                                          args[0]) != std::end(kSubcommands);
  if (!top_level && !named) args.insert(args.begin(), "check");

  CLI::App app{"contract-lint: breaking-change checks for Protobuf and JSON Schema contracts in git",
               "contract-lint"};
  app.set_version_flag("--version", std::string("contract-lint ") + CONTRACT_LINT_VERSION);
  app.require_subcommand(1);

  contract_lint::Options options;
  std::string format = "text", fail_on = "breaking", color = "auto";
  bool quiet = false;
  CLI::App* check = app.add_subcommand("check", "Compare the contracts of two sides (the default command)");
  check->add_option("INPUT", options.input, "Directory to check instead of the git working tree");
  auto* since = check->add_option("--since", options.since,
                                  "Compare against the merge-base of REF and HEAD");
  check->add_option("--against", options.against, "Compare against exactly this revision or directory")
      ->excludes(since);
  auto* staged = check->add_flag("--staged", options.staged, "Check the git index (pre-commit)");
  check->add_option("--head", options.head, "Check this commit instead of the working tree")
      ->excludes(staged);
  check->add_option("--config", options.config_path, "Configuration file (default: contract-lint.yaml in the repository)");
  std::vector<std::string> extra_reports;
  check->add_option("--format", format, "Report format on stdout")
      ->check(CLI::IsMember(contract_lint::ReportFormatNames()));
  check->add_option("--report", extra_reports,
                    "FORMAT=PATH: also write a report to a file (repeatable)");
  check->add_option("--fail-on", fail_on, "Lowest severity that fails the run")
      ->check(CLI::IsMember({"breaking", "warning", "never"}));
  check->add_option("--consumer", options.consumers, "Only findings that affect this consumer");
  check->add_option("--color", color, "Colour the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_option("-j,--jobs", options.jobs, "Threads (default: all cores)")->check(CLI::NonNegativeNumber);
  check->add_flag("--show-suppressed", options.show_suppressed, "List suppressed findings too");
  check->add_flag("-q,--quiet", quiet, "Print nothing when the check passes");

  bool rules_json = false;
  std::string rules_format = "text";
  CLI::App* rules = app.add_subcommand("rules", "List every rule: id, kind, categories, default, purpose");
  rules->add_option("--format", rules_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string rule_id;
  CLI::App* explain = app.add_subcommand("explain", "Explain a rule and how to evolve a contract safely instead");
  explain->add_option("RULE_ID", rule_id, "A rule id, e.g. FIELD_NO_DELETE")->required();

  bool force_hook = false;
  CLI::App* install_hook = app.add_subcommand("install-hook", "Write a git pre-commit hook that runs `contract-lint --staged`");
  install_hook->add_flag("--force", force_hook, "Replace a hook that is not ours (it is kept as pre-commit.local and run first)");

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "contract-lint: error: " << e.what() << "\nRun 'contract-lint --help' for usage.\n";
    return 2;
  }

  if (*rules) {
    rules_json = rules_format == "json";
    std::cout << contract_lint::RenderRuleList(rules_json);
    return 0;
  }
  if (*explain) {
    std::string text;
    bool known = contract_lint::ExplainRule(rule_id, &text);
    (known ? std::cout : std::cerr) << (known ? "" : "contract-lint: error: ") << text << (known ? "" : "\n");
    return known ? 0 : 2;
  }
  if (*install_hook) {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    auto result = contract_lint::InstallPreCommitHook(std::filesystem::current_path().string(),
                                                      ec ? std::string("contract-lint") : self.string(), force_hook);
    (result.exit_code == 0 ? std::cout : std::cerr) << (result.exit_code == 0 ? "" : "contract-lint: error: ")
                                                    << result.message << "\n";
    return result.exit_code;
  }
  options.fail_on = fail_on == "never" ? FailOn::kNever : fail_on == "warning" ? FailOn::kWarning : FailOn::kBreaking;
  return RunCheck(options, format, color, quiet, extra_reports);
}
