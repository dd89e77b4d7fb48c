// A git working tree as a Snapshot: what `git status` would call tracked plus
// untracked-but-not-ignored files, as they are on disk now.
#pragma once

#include <memory>
#include <string>

#include "contract_lint/snapshot.h"
#include "git/repository.h"

namespace contract_lint {

// Lists tracked files present on disk and untracked files that .gitignore does
// not exclude. Deleted tracked files are absent; files a sparse checkout keeps
// off the disk are listed from the index. A file whose stat data (size, mtime,
// ctime, inode) matches its index entry, and is not racily clean, reuses the
// index's blob id; others are hashed. Skips `.git`, submodules, nested
// repositories, symlinks git tracks as symlinks, and symlinks leaving the work
// tree. Reads the index file read-only; never writes anything. nullptr +
// *error on failure.
std::unique_ptr<Snapshot> OpenWorktreeSnapshot(std::shared_ptr<const Repository> repository,
                                               std::string* error);

}  // namespace contract_lint
