// The files of a git commit (or of one of its subdirectories), as a Snapshot.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

#include "contract_lint/snapshot.h"
#include "git/repository.h"

namespace contract_lint {

// Lists the blobs of `commit`'s tree under `subdir` ("" = the whole tree;
// '/'-separated, relative to the repository root), with paths relative to
// `subdir`. Submodules and symlinks are not listed. A `subdir` the commit does
// not have gives an empty snapshot (every file is then new). On failure (a
// tree missing from the object store) returns nullptr and sets *error.
std::unique_ptr<Snapshot> OpenCommitSnapshot(std::shared_ptr<const Repository> repository,
                                             const git_oid& commit, const std::string& subdir,
                                             std::string description, std::string* error);

// A snapshot with no files, e.g. the parent of a root commit.
std::unique_ptr<Snapshot> EmptySnapshot(std::shared_ptr<const Repository> repository,
                                        std::string description);

}  // namespace contract_lint
