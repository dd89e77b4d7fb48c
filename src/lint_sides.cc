// The pipeline's steps on the two opened sides, before any comparison
// (lint_steps.h).
#include <memory>

#include "lint_steps.h"
#include "proto/proto_layout.h"

namespace contract_lint {
namespace {

// Whether either side lists a file inside `selection`.
bool AnySelected(const Sides& sides, const ProtoSettings& selection) {
  for (const Snapshot* side : {sides.against.get(), sides.current.get()}) {
    for (const auto& file : side->Files()) {
      if (PathSelected(selection, file.path)) return true;
    }
  }
  return false;
}

}  // namespace

void CheckPathSelection(const Options& resolved, const Sides& sides, const ProtoSettings& selection,
                        Diagnostics* diagnostics) {
  for (const auto& path : resolved.paths) {
    ProtoSettings only;
    only.paths = {path};
    if (!AnySelected(sides, only)) {
      diagnostics->Add("--path " + path +
                       ": no file or directory of that name on either side (paths are relative "
                       "to the repository root)");
    }
  }
  // A selection that --exclude-path empties (buf: "no .proto files were
  // targeted"): a check of nothing would pass whatever changed.
  if (diagnostics->empty() && !resolved.exclude_paths.empty() && !AnySelected(sides, selection)) {
    diagnostics->Add("--exclude-path " + resolved.exclude_paths.front() +
                     ": every file the check would read is excluded, on both sides; nothing "
                     "would be compared");
  }
}

bool WithinFileLimit(const Sides& sides, const Config& config, Diagnostics* diagnostics) {
  for (const Snapshot* side : {sides.against.get(), sides.current.get()}) {
    if (side->Files().size() > config.limits.max_files) {
      diagnostics->Add(side->Describe() + " lists " + std::to_string(side->Files().size()) +
                       " files, over the limit of " + std::to_string(config.limits.max_files) +
                       " (limits.max_files in " +
                       (config.source.empty() ? std::string("contract-lint.yaml") : config.source) +
                       ")");
      return false;
    }
  }
  return true;
}

void LayOutAgainstSide(const Options& resolved, const ProtoSettings& current_layout, Sides* sides,
                       std::vector<Diagnostic>* warnings) {
  Config own;
  Diagnostics ignored;
  std::vector<Diagnostic> notes;
  if (!LoadConfig(*sides->against, "", resolved.cwd, &own, &ignored, &notes)) {
    warnings->push_back(
        {"", 0, 0,
         "the baseline's configuration does not load; its .proto files are laid out by the "
         "current side's roots and excludes"});
  } else if (!own.source.empty() && LayoutDiffers(own.proto, current_layout)) {
    // (A baseline with no configuration at all keeps the current layout:
    // adopting contract-lint must not read as deleting every file.)
    sides->against = std::make_unique<RelaidSnapshot>(std::move(sides->against), own.proto,
                                                      current_layout, *sides->current);
  }
}

}  // namespace contract_lint
