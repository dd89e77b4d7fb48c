#include "git/blob_snapshot.h"

#include <algorithm>

namespace contract_lint {

BlobSnapshot::BlobSnapshot(std::shared_ptr<const Repository> repository,
                           std::vector<BlobEntry> entries, std::string description)
    : repository_(std::move(repository)), description_(std::move(description)) {
  std::sort(entries.begin(), entries.end(),
            [](const BlobEntry& a, const BlobEntry& b) { return a.path < b.path; });
  files_.reserve(entries.size());
  ids_.reserve(entries.size());
  for (auto& entry : entries) {
    files_.push_back(SnapshotFile{std::move(entry.path), HexId(entry.id)});
    ids_.push_back(entry.id);
  }
}

bool BlobSnapshot::Read(std::string_view path, std::string* contents, std::string* error) const {
  const SnapshotFile* file = Find(path);
  if (file == nullptr) {
    *error = "no such file in " + description_;
    return false;
  }
  return repository_->ReadBlob(ids_[static_cast<size_t>(file - files_.data())], contents, error);
}

}  // namespace contract_lint
