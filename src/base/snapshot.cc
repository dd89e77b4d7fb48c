#include "contract_lint/snapshot.h"

#include <algorithm>

namespace contract_lint {

const SnapshotFile* Snapshot::Find(std::string_view path) const {
  const auto& files = Files();
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const SnapshotFile& f, std::string_view p) { return f.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

MemorySnapshot::MemorySnapshot(std::map<std::string, std::string> files, std::string description)
    : description_(std::move(description)) {
  for (auto& [path, content] : files) {
    files_.push_back(SnapshotFile{path, GitBlobId(content)});
    contents_.emplace(path, std::move(content));
  }
}

bool MemorySnapshot::Read(std::string_view path, std::string* contents, std::string* error) const {
  auto it = contents_.find(path);
  if (it == contents_.end()) {
    *error = "no such file in " + description_;
    return false;
  }
  *contents = it->second;
  return true;
}

}  // namespace contract_lint
