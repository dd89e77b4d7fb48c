// A plain directory (git or not) as a Snapshot, for INPUT and `--against DIR`.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "contract_lint/snapshot.h"

namespace contract_lint {

// What WalkDirectory calls: `skip_directory` (optional) with a directory's
// name, true to leave it out; `file` with each file's path relative to the
// root and whether it is a symlink (to a file inside the root), false with
// *error set to stop the walk.
struct DirectoryVisitor {
  std::function<bool(const std::string& name)> skip_directory;
  std::function<bool(const std::string& relative, bool symlink, std::string* error)> file;
};

// The one directory walker: every regular file under `root`, recursively, in
// directory order. Skips `.git`, special files, symlinked directories and
// symlinks that leave `root`. False with *error set when a directory cannot be
// listed or `file` fails.
bool WalkDirectory(const std::filesystem::path& root, const DirectoryVisitor& visitor,
                   std::string* error);

// Lists every regular file under `directory`, recursively, hashing each to its
// git blob id. Skips `.git`, special files, symlinked directories and symlinks
// that leave `directory`. On failure returns nullptr and sets *error.
std::unique_ptr<Snapshot> OpenDirectorySnapshot(const std::string& directory,
                                                std::string description, std::string* error);

}  // namespace contract_lint
