#include "git/directory_snapshot.h"

#include <filesystem>
#include <vector>

#include "git/disk_snapshot.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

bool Walk(const fs::path& root, const std::string& relative_dir, std::vector<DiskEntry>* entries,
          std::string* error) {
  std::error_code ec;
  fs::path dir = relative_dir.empty() ? root : root / relative_dir;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    *error = "cannot list directory " + dir.string() + ": " + ec.message();
    return false;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name == ".git") continue;
    std::string relative = relative_dir.empty() ? name : relative_dir + "/" + name;
    fs::file_status status = it->symlink_status(ec);
    if (ec) continue;
    if (fs::is_directory(status)) {
      if (!Walk(root, relative, entries, error)) return false;
      continue;
    }
    bool file = fs::is_regular_file(status) ||
                (fs::is_symlink(status) && SymlinkToFileInside(root, it->path()));
    if (!file) continue;
    std::string contents;
    if (!ReadFileUnder(root, relative, &contents, error)) {
      *error = relative + ": " + *error;
      return false;
    }
    entries->push_back(DiskEntry{relative, GitBlobId(contents), std::nullopt});
  }
  if (ec) {
    *error = "cannot list directory " + dir.string() + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<Snapshot> OpenDirectorySnapshot(const std::string& directory,
                                                std::string description, std::string* error) {
  std::error_code ec;
  fs::path root = fs::canonical(directory, ec);
  if (ec || !fs::is_directory(root)) {
    *error = "'" + directory + "' is not a directory";
    return nullptr;
  }
  std::vector<DiskEntry> entries;
  if (!Walk(root, "", &entries, error)) return nullptr;
  return std::make_unique<DiskSnapshot>(root, std::move(entries), std::move(description), nullptr);
}

}  // namespace contract_lint
