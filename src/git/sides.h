// Opens the two sides of a comparison from the command line's wishes:
// current = working tree (default) | index (--staged) | commit (--head) | INPUT dir;
// against = merge-base(REF, HEAD) (--since) | commit or directory (--against) | default.
#pragma once

#include <memory>
#include <string>

#include "contract_lint/diagnostics.h"
#include "contract_lint/options.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

class Repository;

struct Sides {
  std::unique_ptr<Snapshot> current;
  std::unique_ptr<Snapshot> against;
  std::string root;  // absolute directory the current side's paths are relative to
  // The repository the sides come from (null for two plain directories), and
  // the subtree of it they cover ("" = the whole tree): where release tags
  // are read for the _TRANSITIVE modes.
  std::shared_ptr<const Repository> repository;
  std::string subdir;
};

// On failure returns false after adding diagnostics that name the fix (for
// example `git fetch --unshallow origin main`). Never writes to the repository.
bool OpenSides(const Options& options, Sides* sides, Diagnostics* diagnostics);

}  // namespace contract_lint
