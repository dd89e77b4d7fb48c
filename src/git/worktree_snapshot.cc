#include "git/worktree_snapshot.h"

#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <set>
#include <vector>

#include "git/disk_snapshot.h"
#include "git/git_handles.h"
#include "git/index_snapshot.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

struct IndexInfo {
  git_oid id;
  uint32_t mode = 0;
  int stage = 0;
  bool skip_worktree = false;
  uint32_t size = 0;
  int32_t mtime_seconds = 0;
  uint32_t mtime_nanoseconds = 0;
  int32_t ctime_seconds = 0;
  uint32_t ctime_nanoseconds = 0;
  uint32_t inode = 0;
};

class WorktreeLister {
 public:
  WorktreeLister(const Repository& repository, fs::path root)
      : repository_(repository), root_(std::move(root)) {}

  bool LoadIndex(std::string* error) {
    std::string path = IndexPath(repository_);
    git_index* raw = nullptr;
    if (git_index_open(&raw, path.c_str()) != 0) {
      *error = "cannot read the git index " + path + ": " + LastGitError();
      return false;
    }
    GitIndexPtr index(raw);
    for (size_t i = 0, n = git_index_entrycount(index.get()); i < n; ++i) {
      const git_index_entry* entry = git_index_get_byindex(index.get(), i);
      IndexInfo info;
      info.id = entry->id;
      info.mode = entry->mode;
      info.stage = GIT_INDEX_ENTRY_STAGE(entry);
      info.skip_worktree = (entry->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) != 0;
      info.size = entry->file_size;
      info.mtime_seconds = entry->mtime.seconds;
      info.mtime_nanoseconds = entry->mtime.nanoseconds;
      info.ctime_seconds = entry->ctime.seconds;
      info.ctime_nanoseconds = entry->ctime.nanoseconds;
      info.inode = entry->ino;
      auto [it, inserted] = index_.emplace(entry->path, info);
      if (!inserted && info.stage == 0) it->second = info;
    }
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) {
      index_mtime_ = {st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
    }
    return true;
  }

  bool Walk(const std::string& relative_dir, std::string* error) {
    std::error_code ec;
    fs::path dir = relative_dir.empty() ? root_ : root_ / relative_dir;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      *error = "cannot list directory " + dir.string() + ": " + ec.message();
      return false;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name == ".git") continue;
      std::string relative = relative_dir.empty() ? name : relative_dir + "/" + name;
      // The type readdir gave (d_type), as symlink_status would say it: no
      // lstat here (StatMatches makes the one a tracked file needs).
      fs::file_type type = fs::file_type::unknown;
      if (it->is_symlink(ec)) {
        type = fs::file_type::symlink;
      } else if (!ec && it->is_directory(ec)) {
        type = fs::file_type::directory;
      } else if (!ec && it->is_regular_file(ec)) {
        type = fs::file_type::regular;
      }
      if (ec) continue;
      fs::file_status status(type);
      const IndexInfo* tracked = Tracked(relative);
      if (fs::is_directory(status)) {
        if (tracked != nullptr && tracked->mode == GIT_FILEMODE_COMMIT) continue;  // submodule
        if (!HasTrackedUnder(relative)) {
          std::error_code nested_ec;
          // A nested repository is someone else's tree; git does not list it either.
          if (fs::exists(it->path() / ".git", nested_ec)) continue;
          if (Ignored(relative + "/")) continue;
        }
        if (!Walk(relative, error)) return false;
        continue;
      }
      if (fs::is_symlink(status)) {
        // Commit and index sides do not list symlinks; the working tree must agree.
        if (tracked != nullptr && tracked->mode == GIT_FILEMODE_LINK) continue;
        if (tracked == nullptr && Ignored(relative)) continue;
        if (!SymlinkToFileInside(root_, it->path())) continue;
        if (!AddHashed(relative, error)) return false;
        continue;
      }
      if (!fs::is_regular_file(status)) continue;
      if (tracked == nullptr && Ignored(relative)) continue;
      if (tracked != nullptr && tracked->stage == 0 && StatMatches(*tracked, it->path())) {
        entries_.push_back(DiskEntry{relative, HexId(tracked->id), std::nullopt});
        continue;
      }
      if (!AddHashed(relative, error)) return false;
    }
    if (ec) {
      *error = "cannot list directory " + dir.string() + ": " + ec.message();
      return false;
    }
    return true;
  }

  // Files a sparse checkout keeps off the disk are still part of the tree.
  void AddSkippedWorktreeFiles() {
    std::set<std::string_view> seen;
    for (const auto& entry : entries_) seen.insert(entry.path);
    for (const auto& [path, info] : index_) {
      if (!info.skip_worktree || info.stage != 0 || seen.count(path) != 0) continue;
      if (info.mode != GIT_FILEMODE_BLOB && info.mode != GIT_FILEMODE_BLOB_EXECUTABLE) continue;
      std::error_code ec;
      if (fs::exists(fs::symlink_status(root_ / path, ec))) continue;
      entries_.push_back(DiskEntry{path, HexId(info.id), info.id});
    }
  }

  std::vector<DiskEntry> TakeEntries() { return std::move(entries_); }

 private:
  const IndexInfo* Tracked(const std::string& path) const {
    auto it = index_.find(path);
    return it == index_.end() ? nullptr : &it->second;
  }

  bool HasTrackedUnder(const std::string& dir) const {
    std::string prefix = dir + "/";
    auto it = index_.lower_bound(prefix);
    return it != index_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
  }

  bool Ignored(const std::string& path) const {
    int ignored = 0;
    return git_ignore_path_is_ignored(&ignored, repository_.get(), path.c_str()) == 0 &&
           ignored == 1;
  }

  // Git's own shortcut: same size, mtime, ctime and inode means same content,
  // unless the file was modified in the same instant the index was written
  // ("racy git"). ctime catches an edit whose mtime was put back.
  bool StatMatches(const IndexInfo& info, const fs::path& path) const {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) return false;
    if (static_cast<uint32_t>(st.st_size) != info.size) return false;
    if (st.st_mtim.tv_sec != info.mtime_seconds ||
        static_cast<uint32_t>(st.st_mtim.tv_nsec) != info.mtime_nanoseconds ||
        st.st_ctim.tv_sec != info.ctime_seconds ||
        static_cast<uint32_t>(st.st_ctim.tv_nsec) != info.ctime_nanoseconds) {
      return false;
    }
    if (info.inode != 0 && static_cast<uint32_t>(st.st_ino) != info.inode) return false;
    std::pair<int64_t, int64_t> file_mtime{st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
    return file_mtime < index_mtime_;
  }

  bool AddHashed(const std::string& relative, std::string* error) {
    std::string contents;
    if (!ReadFileUnder(root_, relative, &contents, error)) {
      *error = relative + ": " + *error;
      return false;
    }
    entries_.push_back(DiskEntry{relative, GitBlobId(contents), std::nullopt});
    return true;
  }

  const Repository& repository_;
  fs::path root_;
  std::map<std::string, IndexInfo, std::less<>> index_;
  std::pair<int64_t, int64_t> index_mtime_{0, 0};
  std::vector<DiskEntry> entries_;
};

}  // namespace

std::unique_ptr<Snapshot> OpenWorktreeSnapshot(std::shared_ptr<const Repository> repository,
                                               std::string* error) {
  std::error_code ec;
  fs::path root = fs::canonical(repository->workdir(), ec);
  if (ec) {
    *error = "cannot open the working tree " + repository->workdir() + ": " + ec.message();
    return nullptr;
  }
  std::vector<DiskEntry> entries;
  {
    std::lock_guard<std::mutex> lock(repository->mutex());
    WorktreeLister lister(*repository, root);
    if (!lister.LoadIndex(error) || !lister.Walk("", error)) return nullptr;
    lister.AddSkippedWorktreeFiles();
    entries = lister.TakeEntries();
  }
  return std::make_unique<DiskSnapshot>(root, std::move(entries), "working tree",
                                        std::move(repository));
}

}  // namespace contract_lint
