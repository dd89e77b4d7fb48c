// A snapshot whose files are blobs of a git object store: a commit's tree or
// the index. Listing is free (ids come from git); Read() loads the blob.
#pragma once

#include <git2.h>

#include <memory>
#include <string>
#include <vector>

#include "contract_lint/snapshot.h"
#include "git/repository.h"

namespace contract_lint {

struct BlobEntry {
  std::string path;  // relative to the snapshot root
  git_oid id;
};

class BlobSnapshot : public Snapshot {
 public:
  // `entries` need not be sorted; duplicates are not expected.
  BlobSnapshot(std::shared_ptr<const Repository> repository, std::vector<BlobEntry> entries,
               std::string description);
  const std::vector<SnapshotFile>& Files() const override { return files_; }
  bool Read(std::string_view path, std::string* contents, std::string* error) const override;
  std::string Describe() const override { return description_; }

 private:
  std::shared_ptr<const Repository> repository_;
  std::vector<SnapshotFile> files_;
  std::vector<git_oid> ids_;  // parallel to files_
  std::string description_;
};

}  // namespace contract_lint
