#include "git/disk_snapshot.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace contract_lint {

namespace fs = std::filesystem;

bool IsInside(const fs::path& root, const fs::path& path) {
  fs::path relative = path.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

bool SymlinkToFileInside(const fs::path& root, const fs::path& link) {
  std::error_code ec;
  fs::path target = fs::canonical(link, ec);
  if (ec || !IsInside(root, target)) return false;
  return fs::is_regular_file(target, ec);
}

bool ReadFileUnder(const fs::path& root, std::string_view relative, std::string* contents,
                   std::string* error) {
  std::error_code ec;
  fs::path real = fs::canonical(root / fs::path(relative), ec);
  if (ec) {
    *error = std::string(relative) + ": cannot read: " + ec.message();
    return false;
  }
  // Checked at read time too: the tree may have changed since it was listed.
  if (!IsInside(root, real)) {
    *error = std::string(relative) + ": refused: a symlink leads outside " + root.string();
    return false;
  }
  std::ifstream in(real, std::ios::binary);
  if (!in) {
    *error = std::string(relative) + ": cannot read: " + std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    *error = std::string(relative) + ": cannot read: " + std::strerror(errno);
    return false;
  }
  *contents = std::move(buffer).str();
  return true;
}

DiskSnapshot::DiskSnapshot(fs::path root, std::vector<DiskEntry> entries, std::string description,
                           std::shared_ptr<const Repository> repository)
    : root_(std::move(root)),
      description_(std::move(description)),
      repository_(std::move(repository)) {
  std::sort(entries.begin(), entries.end(),
            [](const DiskEntry& a, const DiskEntry& b) { return a.path < b.path; });
  files_.reserve(entries.size());
  stored_.reserve(entries.size());
  for (auto& entry : entries) {
    files_.push_back(SnapshotFile{std::move(entry.path), std::move(entry.blob_id)});
    stored_.push_back(entry.stored);
  }
}

bool DiskSnapshot::Read(std::string_view path, std::string* contents, std::string* error) const {
  const SnapshotFile* file = Find(path);
  if (file == nullptr) {
    *error = std::string(path) + ": no such file in " + description_;
    return false;
  }
  const auto& stored = stored_[static_cast<size_t>(file - files_.data())];
  if (stored && repository_ != nullptr) {
    return repository_->ReadBlob(*stored, path, contents, error);
  }
  return ReadFileUnder(root_, path, contents, error);
}

}  // namespace contract_lint
