// What `check` and `baseline` share: the options that choose and judge the two
// sides, the refusal of an empty revision, and the run's notes on stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "contract_lint/lint.h"

namespace contract_lint {

// Declares INPUT, --since, --against, --staged, --head, --config, --consumer,
// --path, --exclude-path, -j/--jobs and --full on `command`, bound to `options`
// (which must outlive the parse).
void AddSideOptions(CLI::App* command, Options& options);

// Before parsing, for every subcommand: `--since=` (an unset CI variable in
// `--since=$BASE`) gets the same refusal as `--since ""`, not CLI11's
// "1 required TEXT missing". Prints it and returns true when `args` holds one.
bool RefuseEmptyRevisionArgument(const std::vector<std::string>& args);

// After parsing: an unset CI variable gives `--since ""`; refuse a --since,
// --against or --head that is empty or only blanks rather than compare
// against HEAD and pass. Prints the refusal and returns true for one.
bool RefuseEmptyRevision(const CLI::App& command, const Options& given);

// Prints the report's warnings, then its diagnostics, to stderr.
void PrintNotes(const Report& report);

}  // namespace contract_lint
