// The git index (the staging area) as a Snapshot, for `--staged`.
#pragma once

#include <memory>
#include <string>

#include "contract_lint/snapshot.h"
#include "git/repository.h"

namespace contract_lint {

// The index file a run reads: $GIT_INDEX_FILE when git set it (a hook during
// `git commit PATH`), else the repository's own.
std::string IndexPath(const Repository& repository);

// Lists the stage-0 entries of the index (regular files only, no submodules
// or symlinks) with the ids the index records. Opens the index file read-only
// and never writes it. On failure returns nullptr and sets *error.
std::unique_ptr<Snapshot> OpenIndexSnapshot(std::shared_ptr<const Repository> repository,
                                            std::string* error);

}  // namespace contract_lint
