// A plain directory (git or not) as a Snapshot, for INPUT and `--against DIR`.
#pragma once

#include <memory>
#include <string>

#include "contract_lint/snapshot.h"

namespace contract_lint {

// Lists every regular file under `directory`, recursively, hashing each to its
// git blob id. Skips `.git`, special files, symlinked directories and symlinks
// that leave `directory`. On failure returns nullptr and sets *error.
std::unique_ptr<Snapshot> OpenDirectorySnapshot(const std::string& directory,
                                                std::string description, std::string* error);

}  // namespace contract_lint
