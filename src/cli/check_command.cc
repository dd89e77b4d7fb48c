// `contract-lint check` (the default command): runs the pipeline on two
// sides and prints the report on stdout, and any --report files.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/side_options.h"
#include "contract_lint/lint.h"
#include "report/report.h"

namespace contract_lint {
namespace {

struct CheckFlags {
  Options options;
  std::string format = "text";
  std::string fail_on = "error";
  std::string color = "auto";
  std::vector<std::string> reports;  // FORMAT=PATH
  bool quiet = false;
  bool verbose = false;
};

using ReportFile = std::pair<ReportFormat, std::string>;

// The --report FORMAT=PATH values, or nullopt after printing why one is not.
std::optional<std::vector<ReportFile>> ParseReportFiles(const std::vector<std::string>& specs) {
  std::vector<ReportFile> reports;
  for (const auto& spec : specs) {
    auto eq = spec.find('=');
    auto format = ParseReportFormat(spec.substr(0, eq));
    if (eq == std::string::npos || !format || eq + 1 == spec.size()) {
      std::cerr << "contract-lint: error: --report " << spec
                << ": expected FORMAT=PATH with FORMAT one of text, json, sarif, github, junit, "
                   "markdown, gitlab, msvs\n";
      return std::nullopt;
    }
    reports.emplace_back(*format, spec.substr(eq + 1));
  }
  return reports;
}

FailOn ParseFailOn(const std::string& name) {
  return name == "never"     ? FailOn::kNever
         : name == "warning" ? FailOn::kWarning
         : name == "info"    ? FailOn::kInfo
                             : FailOn::kBreaking;  // "error", "breaking"
}

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") &&
         !(term && std::string(term) == "dumb");
}

// -q in text: only the findings that fail the run, then the summary line; no
// consumer blocks, lower-severity findings or stale-sample warnings.
std::string QuietText(const Report& report, FailOn fail_on, const RenderOptions& render) {
  Report failing = report;
  std::erase_if(failing.findings, [&](const Finding& f) { return !FailsRun(f, fail_on); });
  failing.consumers.clear();
  return RenderReport(failing, ReportFormat::kText, render);
}

// The report on stdout in --format, unless -q or a failed run silences it.
void PrintReport(const CheckFlags& flags, const Options& options, const LintResult& result) {
  auto format = *ParseReportFormat(flags.format);
  bool text = format == ReportFormat::kText;
  // -q quiets the human formats; a machine format is always a whole document
  // (a CI step that parses it must not read an empty file as an error).
  bool human = text || format == ReportFormat::kMarkdown || format == ReportFormat::kGithub;
  if ((flags.quiet && human && result.exit_code == 0) || (text && result.exit_code == 2)) return;
  RenderOptions render{text && UseColor(flags.color), options.show_suppressed};
  if (flags.quiet && text) {
    std::cout << QuietText(result.report, options.fail_on, render);
  } else {
    std::cout << RenderReport(result.report, format, render);
  }
}

// Writes one --report file ("-" is stdout), creating its directory; false
// after printing why it could not.
bool WriteReportFile(const Report& report, const ReportFile& file, bool show_suppressed) {
  const auto& [format, path] = file;
  std::string document = RenderReport(report, format, {false, show_suppressed});
  if (path == "-") {
    std::cout << document;
    return true;
  }
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::ofstream out(path, std::ios::binary);
  out << document;
  out.flush();
  if (!out) {
    int os_error = errno;
    std::string reason =
        ec ? "cannot create " + parent.string() + ": " + ec.message() : std::strerror(os_error);
    std::cerr << "contract-lint: error: cannot write the report to " << path << ": " << reason
              << "\n";
    return false;
  }
  return true;
}

int RunCheck(const CheckFlags& flags) {
  auto reports = ParseReportFiles(flags.reports);
  if (!reports) return 2;
  Options options = flags.options;
  options.fail_on = ParseFailOn(flags.fail_on);
  auto result = RunLint(options);
  if (flags.verbose && (result.exit_code != 2 || !result.report.config_source.empty())) {
    std::cerr << "contract-lint: "
              << (result.report.config_source.empty()
                      ? std::string("no configuration file found; using the defaults")
                      : "using the configuration " + result.report.config_source)
              << "\n";
  }
  PrintNotes(result.report);
  PrintReport(flags, options, result);
  for (const auto& file : *reports) {
    if (!WriteReportFile(result.report, file, options.show_suppressed)) return 2;
  }
  return result.exit_code;
}

}  // namespace

CommandRunner AddCheckCommand(CLI::App* check) {
  auto flags = std::make_shared<CheckFlags>();
  AddSideOptions(check, flags->options);
  std::vector<std::string> format_names = ReportFormatNames();
  format_names.push_back("github-actions");
  auto* format_option = check->add_option("--format", flags->format, "Report format on stdout")
                            ->check(CLI::IsMember(format_names));
  // buf's spelling, so that `buf breaking --error-format msvs` keeps working.
  check->add_option("--error-format", flags->format, "The same as --format (buf's name)")
      ->check(CLI::IsMember(format_names))
      ->excludes(format_option);
  check->add_option("--report", flags->reports,
                    "FORMAT=PATH: also write a report to a file (repeatable)");
  check
      ->add_option("--fail-on", flags->fail_on,
                   "Lowest severity that fails the run: error (default; `breaking` is an alias), "
                   "warning, info or never")
      ->check(CLI::IsMember({"error", "warning", "info", "never", "breaking"}));
  check->add_option("--color", flags->color, "Colour the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_option("--baseline", flags->options.baseline_path,
                    "Accept the findings listed in this baseline file");
  check->add_flag("--show-suppressed", flags->options.show_suppressed,
                  "List suppressed findings too");
  check->add_flag("--report-unused", flags->options.report_unused,
                  "Warn about ignores and baseline entries that suppress nothing");
  check->add_flag("-q,--quiet", flags->quiet,
                  "Text: print nothing when the check passes, else only the findings that fail "
                  "it (machine formats still print their whole document)");
  check->add_flag("-v,--verbose", flags->verbose, "Say which configuration file is used");
  return [check, flags] {
    if (RefuseEmptyRevision(*check, flags->options)) return 2;
    return RunCheck(*flags);
  };
}

}  // namespace contract_lint
