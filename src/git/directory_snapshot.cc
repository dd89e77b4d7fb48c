#include "git/directory_snapshot.h"

#include <filesystem>
#include <vector>

#include "git/disk_snapshot.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

bool Walk(const fs::path& root, const std::string& relative_dir, const DirectoryVisitor& visitor,
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
    if (ec) {  // never a silent skip: a file it cannot see might be a contract
      *error = "cannot read " + (dir / name).string() + ": " + ec.message();
      return false;
    }
    if (fs::is_directory(status)) {
      if (visitor.skip_directory && visitor.skip_directory(name)) continue;
      if (!Walk(root, relative, visitor, error)) return false;
      continue;
    }
    bool symlink = fs::is_symlink(status);
    bool file = fs::is_regular_file(status) || (symlink && SymlinkToFileInside(root, it->path()));
    if (!file) continue;
    if (!visitor.file(relative, symlink, error)) return false;
  }
  if (ec) {
    *error = "cannot list directory " + dir.string() + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace

bool WalkDirectory(const std::filesystem::path& root, const DirectoryVisitor& visitor,
                   std::string* error) {
  return Walk(root, "", visitor, error);
}

std::unique_ptr<Snapshot> OpenDirectorySnapshot(const std::string& directory,
                                                std::string description, std::string* error) {
  std::error_code ec;
  fs::path root = fs::canonical(directory, ec);
  if (ec || !fs::is_directory(root)) {
    *error = "'" + directory + "' is not a directory";
    return nullptr;
  }
  std::vector<DiskEntry> entries;
  DirectoryVisitor visitor;
  visitor.file = [&](const std::string& relative, bool, std::string* problem) {
    std::string contents;
    if (!ReadFileUnder(root, relative, &contents, problem)) {
      *problem = relative + ": " + *problem;
      return false;
    }
    entries.push_back(DiskEntry{relative, GitBlobId(contents), std::nullopt});
    return true;
  };
  if (!WalkDirectory(root, visitor, error)) return nullptr;
  return std::make_unique<DiskSnapshot>(root, std::move(entries), std::move(description), nullptr);
}

}  // namespace contract_lint
