// The subcommands of `contract-lint`, one file each, listed by main.cc's
// kTools[] table. Each Add*Command declares its options on the CLI11
// subcommand it is given and returns what runs it once the command line is
// parsed; the returned function owns the values the options are bound to.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace contract_lint {

// Runs a parsed subcommand and returns the process's exit code: 0, 1 (findings
// fail the run) or 2 (an error, already printed to stderr).
using CommandRunner = std::function<int()>;

CommandRunner AddCheckCommand(CLI::App* command);        // check_command.cc
CommandRunner AddBaselineCommand(CLI::App* command);     // baseline_command.cc
CommandRunner AddRulesCommand(CLI::App* command);        // rules_command.cc
CommandRunner AddExplainCommand(CLI::App* command);      // explain_command.cc
CommandRunner AddInstallHookCommand(CLI::App* command);  // install_hook_command.cc
CommandRunner AddInitCommand(CLI::App* command);         // init_command.cc

}  // namespace contract_lint
