#include "git/repository.h"

#include "git/git_handles.h"
#include "git/loose_object_guard.h"

namespace contract_lint {
namespace {

void InitLibgit2Once() {
  // Never shut down: snapshots may outlive any one caller, and the process
  // ends soon after a run anyway.
  static const int init = [] {
    int count = git_libgit2_init();
    // Objects are only read: re-hashing each one on every read (libgit2's
    // default, git itself does not) was half of the time spent reading a
    // large schema collection. Corrupt zlib streams and truncated objects
    // are still reported.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    return count;
  }();
  (void)init;
}

}  // namespace

std::string LastGitError() {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown error";
}

std::string HexId(const git_oid& id) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &id);
  return hex;
}

std::string ShortId(const git_oid& id) { return HexId(id).substr(0, 7); }

std::shared_ptr<Repository> Repository::Discover(const std::string& start, std::string* error,
                                                 bool* not_found) {
  InitLibgit2Once();
  *not_found = false;
  git_repository* repo = nullptr;
  int rc = git_repository_open_ext(&repo, start.c_str(), 0, nullptr);
  if (rc != 0) {
    *not_found = rc == GIT_ENOTFOUND;
    *error = LastGitError();
    if (rc == GIT_EOWNER) {
      *error += "; if you trust it, run 'git config --global --add safe.directory <its path>'";
    }
    return nullptr;
  }
  // A truncated loose object would hang libgit2; the guard fails its read
  // instead. Without the guard (never expected) the run goes on as before.
  std::string guard_error;
  InstallLooseObjectGuard(repo, &guard_error);
  return std::shared_ptr<Repository>(new Repository(repo));
}

Repository::Repository(git_repository* repo) : repo_(repo) {
  const char* workdir = git_repository_workdir(repo);
  if (workdir != nullptr) {
    workdir_ = workdir;
    while (workdir_.size() > 1 && workdir_.back() == '/') workdir_.pop_back();
  }
}

Repository::~Repository() { git_repository_free(repo_); }

std::string Repository::GitDir() const { return git_repository_path(repo_); }

bool Repository::IsShallow() const { return git_repository_is_shallow(repo_) == 1; }

bool Repository::HeadUnborn() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return git_repository_head_unborn(repo_) == 1;
}

bool Repository::ReadBlob(const git_oid& id, std::string* contents, std::string* error) const {
  std::lock_guard<std::mutex> lock(mutex_);
  git_blob* raw = nullptr;
  int rc = git_blob_lookup(&raw, repo_, &id);
  GitBlobPtr blob(raw);
  if (rc == GIT_ENOTFOUND) {
    *error = "git object " + HexId(id) +
             " is missing from the object store (shallow or partial clone?); run "
             "'git fetch --unshallow' or 'git fetch' to download it";
    return false;
  }
  if (rc != 0) {
    *error = "cannot read git object " + HexId(id) + ": " + LastGitError() +
             "; the object store may be corrupt (check with 'git fsck')";
    return false;
  }
  const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  contents->assign(data, static_cast<size_t>(git_blob_rawsize(blob.get())));
  return true;
}

}  // namespace contract_lint
