// A read-only handle on one git repository, shared by the snapshots made from
// it. libgit2 is initialised once per process on first use and never shut down.
#pragma once

#include <git2.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace contract_lint {

class Repository {
 public:
  // Opens the repository that contains `start` (searching parent directories).
  // On failure returns nullptr and sets *error (the caller adds the fix).
  // *not_found is set when `start` is simply not inside any repository. A
  // repository owned by another user (git's safe.directory) names the fix.
  static std::shared_ptr<Repository> Discover(const std::string& start, std::string* error,
                                              bool* not_found);
  ~Repository();
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  // The libgit2 handle. Callers hold mutex() while using it from a snapshot
  // that other threads may read at the same time.
  git_repository* get() const { return repo_; }
  std::mutex& mutex() const { return mutex_; }

  // Absolute work tree without a trailing '/', or "" for a bare repository.
  const std::string& workdir() const { return workdir_; }
  // Absolute git directory with a trailing '/' (".git/", or a worktree's gitdir).
  std::string GitDir() const;
  bool IsShallow() const;
  // HEAD names a branch with no commit yet (a new repository).
  bool HeadUnborn() const;

  // Reads blob `id`. Thread-safe. A blob absent from the object store
  // (partial or shallow clone) fails with a message that names the object
  // and the `git fetch` that brings it back (the caller names the path).
  bool ReadBlob(const git_oid& id, std::string* contents, std::string* error) const;

 private:
  explicit Repository(git_repository* repo);

  git_repository* repo_;
  std::string workdir_;
  mutable std::mutex mutex_;
};

// The message of libgit2's last error on this thread, or "unknown error".
std::string LastGitError();

// The 7-character abbreviation of `id` used in descriptions.
std::string ShortId(const git_oid& id);

// The full hex form of `id`.
std::string HexId(const git_oid& id);

}  // namespace contract_lint
