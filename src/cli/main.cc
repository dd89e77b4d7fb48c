// The command line: the subcommands are one table, kTools[] (as ninja's
// tools), each in its own file (cli/commands.h); main() parses the arguments
// with CLI11 and runs the subcommand they name.
// `contract-lint --since main` means `contract-lint check --since main`.
#include <malloc.h>

#ifdef CONTRACT_LINT_MIMALLOC
#include <mimalloc.h>
#endif

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "base/exit_pool.h"
#include "cli/commands.h"
#include "cli/side_options.h"

namespace {

using contract_lint::CommandRunner;

struct Tool {
  const char* name;
  const char* help;                         // its line in `contract-lint --help`
  CommandRunner (*add)(CLI::App* command);  // declares its options
};

// In the order `--help` lists them. The first is the default command.
const Tool kTools[] = {
    {"check", "Compare the contracts of two sides (the default command)",
     contract_lint::AddCheckCommand},
    {"baseline", "Write today's findings to a baseline file to accept them",
     contract_lint::AddBaselineCommand},
    {"rules", "List every rule: id, kind, categories, default, purpose",
     contract_lint::AddRulesCommand},
    {"explain", "Explain a rule and how to evolve a contract safely instead",
     contract_lint::AddExplainCommand},
    {"install-hook", "Write a git pre-commit hook that runs `contract-lint --staged -q`",
     contract_lint::AddInstallHookCommand},
    {"init", "Write a starter contract-lint.yaml from what the repository holds",
     contract_lint::AddInitCommand},
};

void TuneAllocator() {
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
}

}  // namespace

int main(int argc, char** argv) {
  TuneAllocator();
  // The process ends after one run: big structures go with it (exit_pool.h).
  contract_lint::SkipFreeingAtExit();
  std::vector<std::string> args(argv + 1, argv + argc);
  // Default subcommand: anything that is not a subcommand or a top-level flag means `check`.
  bool top_level =
      !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version");
  bool named = !args.empty() && std::any_of(std::begin(kTools), std::end(kTools),
                                            [&](const Tool& tool) { return args[0] == tool.name; });
  if (!top_level && !named) args.insert(args.begin(), kTools[0].name);
  if (contract_lint::RefuseEmptyRevisionArgument(args)) return 2;

  CLI::App app{"Breaking-change checks for Protobuf and JSON Schema contracts in git",
               "contract-lint"};
  app.set_version_flag("--version", std::string("contract-lint ") + CONTRACT_LINT_VERSION);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, CommandRunner>> commands;
  for (const Tool& tool : kTools) {
    CLI::App* command = app.add_subcommand(tool.name, tool.help);
    commands.emplace_back(command, tool.add(command));
  }

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    if (top_level) {
      // `check` is the default command: its options are the ones people need.
      std::cout << app.help()
                << "\n`check` is the default command (`contract-lint --since main` "
                   "runs `contract-lint check --since main`); its options:\n\n"
                << commands.front().first->help();
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
  // require_subcommand(1): exactly one was parsed.
  for (const auto& [command, run] : commands) {
    if (*command) return run();
  }
  return 2;
}
