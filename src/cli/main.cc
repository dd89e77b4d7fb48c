// The command line: parses arguments with CLI11, runs the library, prints.
// `contract-lint --since main` means `contract-lint check --since main`.
#include <malloc.h>
#include <unistd.h>

#ifdef CONTRACT_LINT_MIMALLOC
#include <mimalloc.h>
#endif

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "base/exit_pool.h"
#include "cli/install_hook.h"
#include "config/starter_config.h"
#include "contract_lint/lint.h"
#include "ownership/starter_owners.h"
#include "policy/rule_docs.h"
#include "policy/suppression.h"
#include "report/report.h"

namespace {

using contract_lint::FailOn;
using contract_lint::ReportFormat;

constexpr const char* kEmptyRevision =
    " needs a revision (it was given an empty value; is the CI variable that should hold it "
    "set?)\n";

constexpr std::string_view kSubcommands[] = {"check",        "rules",    "explain",
                                             "install-hook", "baseline", "init"};

struct CheckFlags {
  contract_lint::Options options;
  std::string format = "text";
  std::string fail_on = "error";
  std::string color = "auto";
  std::vector<std::string> reports;  // FORMAT=PATH
  bool quiet = false;
  bool verbose = false;
};

// The options that choose and judge the two sides: shared by `check` and `baseline`.
void AddSideOptions(CLI::App* command, contract_lint::Options& options) {
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

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") &&
         !(term && std::string(term) == "dumb");
}

void PrintNotes(const contract_lint::Report& report) {
  for (const auto& warning : report.warnings) {
    std::cerr << contract_lint::FormatDiagnostic(warning, "warning") << "\n";
  }
  for (const auto& diagnostic : report.diagnostics) {
    std::cerr << contract_lint::FormatDiagnostic(diagnostic) << "\n";
  }
}

// Whether a finding fails the run under `fail_on`.
bool Fails(const contract_lint::Finding& finding, FailOn fail_on) {
  if (finding.suppressed) return false;
  switch (fail_on) {
    case FailOn::kNever:
      return false;
    case FailOn::kInfo:
      return true;
    case FailOn::kWarning:
      return finding.severity != contract_lint::Severity::kInfo;
    case FailOn::kBreaking:
      return finding.severity == contract_lint::Severity::kError;
  }
  return false;
}

// -q in text: only the findings that fail the run, then the summary line; no
// consumer blocks, lower-severity findings or stale-sample warnings.
std::string QuietText(const contract_lint::Report& report, FailOn fail_on,
                      const contract_lint::RenderOptions& render) {
  contract_lint::Report failing = report;
  std::erase_if(failing.findings,
                [&](const contract_lint::Finding& f) { return !Fails(f, fail_on); });
  failing.consumers.clear();
  return contract_lint::RenderReport(failing, ReportFormat::kText, render);
}

int RunCheck(const CheckFlags& flags) {
  std::vector<std::pair<ReportFormat, std::string>> reports;
  for (const auto& spec : flags.reports) {
    auto eq = spec.find('=');
    auto format = contract_lint::ParseReportFormat(spec.substr(0, eq));
    if (eq == std::string::npos || !format || eq + 1 == spec.size()) {
      std::cerr << "contract-lint: error: --report " << spec
                << ": expected FORMAT=PATH with FORMAT one of text, json, sarif, github, junit, "
                   "markdown, gitlab, msvs\n";
      return 2;
    }
    reports.emplace_back(*format, spec.substr(eq + 1));
  }
  contract_lint::Options options = flags.options;
  options.fail_on = flags.fail_on == "never"     ? FailOn::kNever
                    : flags.fail_on == "warning" ? FailOn::kWarning
                    : flags.fail_on == "info"    ? FailOn::kInfo
                                                 : FailOn::kBreaking;  // "error", "breaking"
  auto result = contract_lint::RunLint(options);
  if (flags.verbose && (result.exit_code != 2 || !result.report.config_source.empty())) {
    std::cerr << "contract-lint: "
              << (result.report.config_source.empty()
                      ? std::string("no configuration file found; using the defaults")
                      : "using the configuration " + result.report.config_source)
              << "\n";
  }
  PrintNotes(result.report);
  auto format = *contract_lint::ParseReportFormat(flags.format);
  bool text = format == ReportFormat::kText;
  // -q quiets the human formats; a machine format is always a whole document
  // (a CI step that parses it must not read an empty file as an error).
  bool human = text || format == ReportFormat::kMarkdown || format == ReportFormat::kGithub;
  if (!(flags.quiet && human && result.exit_code == 0) && !(text && result.exit_code == 2)) {
    contract_lint::RenderOptions render{text && UseColor(flags.color), options.show_suppressed};
    if (flags.quiet && text) {
      std::cout << QuietText(result.report, options.fail_on, render);
    } else {
      std::cout << contract_lint::RenderReport(result.report, format, render);
    }
  }
  for (const auto& [report_format, path] : reports) {
    std::string document =
        contract_lint::RenderReport(result.report, report_format, {false, options.show_suppressed});
    if (path == "-") {
      std::cout << document;
      continue;
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
      return 2;
    }
  }
  return result.exit_code;
}

int RunBaseline(const contract_lint::Options& options, const std::string& output) {
  auto result = contract_lint::RunLint(options);
  PrintNotes(result.report);
  if (result.exit_code == 2) return 2;
  std::ofstream out(output, std::ios::binary);
  out << contract_lint::RenderBaseline(result.report.findings);
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

// Reads the .proto and .json files below the repository root (or cwd),
// skipping .git, build outputs and node_modules, and writes a starter config.
int RunInit(bool print) {
  namespace fs = std::filesystem;
  fs::path root = fs::current_path();
  for (fs::path dir = root;; dir = dir.parent_path()) {
    if (fs::exists(dir / ".git")) {
      root = dir;
      break;
    }
    if (dir == dir.root_path()) break;
  }
  for (const char* name : {"contract-lint.yaml", ".contract-lint.yaml", "contract-lint.json"}) {
    if (fs::exists(root / name) && !print) {
      std::cerr << "contract-lint: error: " << (root / name).string()
                << " already exists; it was left unchanged (use `init --print` to see a starter "
                   "config)\n";
      return 2;
    }
  }
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> ownership_files;  // CODEOWNERS, catalog-info.yaml
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           root, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (it->is_directory() &&
        (name == ".git" || name == "node_modules" || name.rfind("build", 0) == 0)) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->is_symlink()) continue;
    std::string ext = it->path().extension().string();
    std::string relative = fs::relative(it->path(), root).generic_string();
    bool ownership = contract_lint::IsOwnershipFile(relative);
    if ((ext != ".proto" && ext != ".json" && ext != ".yaml" && ext != ".yml" && !ownership) ||
        it->file_size() > (4u << 20)) {
      continue;
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    (ownership ? ownership_files : files)[relative] = std::move(text);
  }
  std::string buf_yaml;
  for (const char* name : {"buf.yaml", "buf.yml"}) {
    std::ifstream in(root / name, std::ios::binary);
    if (!in) continue;
    buf_yaml.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (buf_yaml.empty()) buf_yaml = "{}";
    break;
  }
  contract_lint::StarterOwners owners = contract_lint::StarterOwnersFrom(files, ownership_files);
  std::set<std::string> owner_sources;  // what init did not write, to say so
  if (owners.owner_source) {
    owners.owner_source = [&, read = owners.owner_source](const std::string& glob) {
      std::string from = read(glob);
      if (!from.empty()) owner_sources.insert(from);
      return from;
    };
  }
  std::string config = contract_lint::StarterConfig(files, buf_yaml, owners);
  std::string note;
  for (const auto& from : owner_sources) note += (note.empty() ? "" : ", ") + from;
  if (!note.empty()) note = "owners are read from " + note + " on every run (no owner: written)";
  if (!owners.catalog_consumers.empty()) {
    note += std::string(note.empty() ? "" : "; ") +
            "consumers are read from the Backstage catalog (" +
            std::to_string(owners.catalog_consumers.size()) + ")";
  }
  if (!note.empty()) std::cerr << "contract-lint: " << note << "\n";
  if (print) {
    std::cout << config;
    return 0;
  }
  std::ofstream out(root / "contract-lint.yaml", std::ios::binary);
  out << config;
  if (!out) {
    std::cerr << "contract-lint: error: cannot write " << (root / "contract-lint.yaml").string()
              << "\n";
    return 2;
  }
  std::cout << "wrote " << (root / "contract-lint.yaml").string() << " from " << files.size()
            << " .proto and .json files; review the owners and add consumers\n";
  if (!buf_yaml.empty()) {
    std::cout << "buf.yaml's roots, excludes and breaking policy were carried over: contract-lint "
                 "reads contract-lint.yaml from now on and no longer buf.yaml\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
#ifndef CONTRACT_LINT_MIMALLOC
  // Without mimalloc (CMakeLists.txt): one glibc arena for every thread. The
  // loaders' threads allocate what another thread frees, which with an arena
  // per thread leaves each one's pages resident (about a third more peak RSS).
  mallopt(M_ARENA_MAX, 1);
#else
  // Pages a loader thread frees go back to the OS at once instead of after
  // mimalloc's default delay: the compile's peak is followed by the compare's,
  // and without it both stay resident (googleapis PR-sized: 85 -> 79 MB, same CPU).
  mi_option_set(mi_option_decommit_delay, 0);
#endif
  // The process ends after one run: big structures go with it (exit_pool.h).
  contract_lint::SkipFreeingAtExit();
  std::vector<std::string> args(argv + 1, argv + argc);
  // Default subcommand: anything that is not a subcommand or a top-level flag means `check`.
  bool top_level =
      !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version");
  bool named = !args.empty() && std::find(std::begin(kSubcommands), std::end(kSubcommands),
                                          args[0]) != std::end(kSubcommands);
  if (!top_level && !named) args.insert(args.begin(), "check");
  // `--since=` (an unset CI variable in `--since=$BASE`): the same refusal
  // as `--since ""` below, not CLI11's "1 required TEXT missing".
  for (const char* name : {"--since=", "--against=", "--head="}) {
    if (std::find(args.begin(), args.end(), name) != args.end()) {
      std::string option(name, std::strlen(name) - 1);
      std::cerr << "contract-lint: error: " << option << kEmptyRevision;
      return 2;
    }
  }

  CLI::App app{"Breaking-change checks for Protobuf and JSON Schema contracts in git",
               "contract-lint"};
  app.set_version_flag("--version", std::string("contract-lint ") + CONTRACT_LINT_VERSION);
  app.require_subcommand(1);

  CheckFlags flags;
  CLI::App* check =
      app.add_subcommand("check", "Compare the contracts of two sides (the default command)");
  AddSideOptions(check, flags.options);
  std::vector<std::string> format_names = contract_lint::ReportFormatNames();
  format_names.push_back("github-actions");
  auto* format_option = check->add_option("--format", flags.format, "Report format on stdout")
                            ->check(CLI::IsMember(format_names));
  // buf's spelling, so that `buf breaking --error-format msvs` keeps working.
  check->add_option("--error-format", flags.format, "The same as --format (buf's name)")
      ->check(CLI::IsMember(format_names))
      ->excludes(format_option);
  check->add_option("--report", flags.reports,
                    "FORMAT=PATH: also write a report to a file (repeatable)");
  check
      ->add_option("--fail-on", flags.fail_on,
                   "Lowest severity that fails the run: error (default; `breaking` is an alias), "
                   "warning, info or never")
      ->check(CLI::IsMember({"error", "warning", "info", "never", "breaking"}));
  check->add_option("--color", flags.color, "Colour the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_option("--baseline", flags.options.baseline_path,
                    "Accept the findings listed in this baseline file");
  check->add_flag("--show-suppressed", flags.options.show_suppressed,
                  "List suppressed findings too");
  check->add_flag("--report-unused", flags.options.report_unused,
                  "Warn about ignores and baseline entries that suppress nothing");
  check->add_flag("-q,--quiet", flags.quiet,
                  "Text: print nothing when the check passes, else only the findings that fail "
                  "it (machine formats still print their whole document)");
  check->add_flag("-v,--verbose", flags.verbose, "Say which configuration file is used");

  contract_lint::Options baseline_options;
  std::string baseline_output;
  CLI::App* baseline =
      app.add_subcommand("baseline", "Write today's findings to a baseline file to accept them");
  AddSideOptions(baseline, baseline_options);
  baseline->add_option("-o,--output", baseline_output, "The baseline file to write")->required();

  std::string rules_format = "text";
  CLI::App* rules =
      app.add_subcommand("rules", "List every rule: id, kind, categories, default, purpose");
  rules->add_option("--format", rules_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  std::string rule_id;
  CLI::App* explain =
      app.add_subcommand("explain", "Explain a rule and how to evolve a contract safely instead");
  explain->add_option("RULE_ID", rule_id, "A rule id, e.g. FIELD_NO_DELETE")->required();

  bool force_hook = false;
  CLI::App* install_hook = app.add_subcommand(
      "install-hook", "Write a git pre-commit hook that runs `contract-lint --staged -q`");
  install_hook->add_flag(
      "--force", force_hook,
      "Replace a hook that is not ours (it is kept as pre-commit.local and run first)");

  bool init_print = false;
  CLI::App* init = app.add_subcommand(
      "init", "Write a starter contract-lint.yaml from what the repository holds");
  init->add_flag("--print", init_print, "Print it instead of writing it");

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    if (top_level) {
      // `check` is the default command: its options are the ones people need.
      std::cout << app.help()
                << "\n`check` is the default command (`contract-lint --since main` "
                   "runs `contract-lint check --since main`); its options:\n\n"
                << check->help();
      return 0;
    }
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "contract-lint: error: " << e.what()
              << "\nRun 'contract-lint --help' for usage.\n";
    return 2;
  }

  // An unset CI variable gives `--since ""`: refuse it rather than compare
  // against HEAD and pass.
  for (CLI::App* command : {check, baseline}) {
    if (!*command) continue;
    const contract_lint::Options& given = command == check ? flags.options : baseline_options;
    const std::pair<const char*, const std::string*> revisions[] = {
        {"--since", &given.since}, {"--against", &given.against}, {"--head", &given.head}};
    for (const auto& [name, value] : revisions) {
      if (command->count(name) > 0 && value->find_first_not_of(" \t") == std::string::npos) {
        std::cerr << "contract-lint: error: " << name << kEmptyRevision;
        return 2;
      }
    }
  }

  if (*rules) {
    std::cout << contract_lint::RenderRuleList(rules_format == "json");
    return 0;
  }
  if (*explain) {
    std::string text;
    if (!contract_lint::ExplainRule(rule_id, &text)) {
      std::cerr << "contract-lint: error: " << text << "\n";
      return 2;
    }
    std::cout << text;
    return 0;
  }
  if (*install_hook) {
    auto result =
        contract_lint::InstallPreCommitHook(std::filesystem::current_path().string(), force_hook);
    if (result.exit_code != 0) {
      std::cerr << "contract-lint: error: " << result.message << "\n";
    } else {
      std::cout << result.message << "\n";
    }
    return result.exit_code;
  }
  if (*init) return RunInit(init_print);
  if (*baseline) return RunBaseline(baseline_options, baseline_output);
  return RunCheck(flags);
}
