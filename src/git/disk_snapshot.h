// A snapshot of files on disk under one root directory (a plain directory or
// a git working tree). Reads never leave the root: a path whose real location
// (after symlinks) is outside it is refused.
#pragma once

#include <git2.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "contract_lint/snapshot.h"
#include "git/repository.h"

namespace contract_lint {

struct DiskEntry {
  std::string path;     // relative to the root
  std::string blob_id;  // git blob id of the content
  // Set for a file git keeps out of the working tree (sparse checkout): it is
  // read from the object store instead of the disk.
  std::optional<git_oid> stored;
};

class DiskSnapshot : public Snapshot {
 public:
  // `root` must be canonical (see std::filesystem::canonical). `repository`
  // may be null when no entry is `stored`.
  DiskSnapshot(std::filesystem::path root, std::vector<DiskEntry> entries, std::string description,
               std::shared_ptr<const Repository> repository);
  ~DiskSnapshot() override;
  DiskSnapshot(const DiskSnapshot&) = delete;
  DiskSnapshot& operator=(const DiskSnapshot&) = delete;
  const std::vector<SnapshotFile>& Files() const override { return files_; }
  bool Read(std::string_view path, std::string* contents, std::string* error) const override;
  std::string Describe() const override { return description_; }

 private:
  std::filesystem::path root_;
  std::vector<SnapshotFile> files_;
  std::vector<std::optional<git_oid>> stored_;  // parallel to files_
  std::string description_;
  std::shared_ptr<const Repository> repository_;
  int root_fd_ = -1;  // O_PATH handle on root_, for reads that cannot leave it
};

// True when `path` (absolute, canonical) is `root` or lies below it.
bool IsInside(const std::filesystem::path& root, const std::filesystem::path& path);

// True when `link` is a symlink to a regular file inside `root` (canonical).
bool SymlinkToFileInside(const std::filesystem::path& root, const std::filesystem::path& link);

// Reads root/relative, refusing to leave `root`. The error names `relative`.
bool ReadFileUnder(const std::filesystem::path& root, std::string_view relative,
                   std::string* contents, std::string* error);

}  // namespace contract_lint
