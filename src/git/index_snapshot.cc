#include "git/index_snapshot.h"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "git/blob_snapshot.h"
#include "git/git_handles.h"

namespace contract_lint {

std::string IndexPath(const Repository& repository) {
  const char* env = std::getenv("GIT_INDEX_FILE");
  if (env != nullptr && *env != '\0') {
    std::filesystem::path path(env);
    // git passes it relative to the top of the work tree when not absolute.
    if (path.is_relative() && !repository.workdir().empty()) {
      path = std::filesystem::path(repository.workdir()) / path;
    }
    return path.string();
  }
  return repository.GitDir() + "index";
}

std::unique_ptr<Snapshot> OpenIndexSnapshot(std::shared_ptr<const Repository> repository,
                                            std::string* error) {
  std::vector<BlobEntry> entries;
  {
    std::lock_guard<std::mutex> lock(repository->mutex());
    // git_index_open reads the file into memory and is not tied to the
    // repository, so nothing can refresh or write it back.
    git_index* raw = nullptr;
    std::string path = IndexPath(*repository);
    if (git_index_open(&raw, path.c_str()) != 0) {
      // libgit2 words a damaged index oddly ("'…' no longer exists"): say what it is.
      *error = "cannot read the git index " + path + ": it is damaged or not a git index (" +
               LastGitError() + "); check it with 'git status'";
      return nullptr;
    }
    GitIndexPtr index(raw);
    size_t count = git_index_entrycount(index.get());
    entries.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      const git_index_entry* entry = git_index_get_byindex(index.get(), i);
      if (GIT_INDEX_ENTRY_STAGE(entry) != 0) continue;
      if (entry->mode != GIT_FILEMODE_BLOB && entry->mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
        continue;
      }
      entries.push_back(BlobEntry{entry->path, entry->id});
    }
  }
  return std::make_unique<BlobSnapshot>(std::move(repository), std::move(entries), "index");
}

}  // namespace contract_lint
