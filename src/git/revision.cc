#include "git/revision.h"

#include <algorithm>
#include <cstdlib>

#include "git/git_handles.h"

namespace contract_lint {
namespace {

// The commit `spec` names, or false when it names nothing (or no commit).
// An object on the way that cannot be read (corrupt or truncated) sets
// *unreadable to libgit2's message, so it is not reported as unknown.
bool TryRevparse(git_repository* repo, const std::string& spec, git_oid* commit, bool* not_a_commit,
                 std::string* unreadable = nullptr) {
  git_object* raw = nullptr;
  if (int rc = git_revparse_single(&raw, repo, spec.c_str()); rc != 0) {
    const git_error* e = git_error_last();
    if (unreadable && rc != GIT_ENOTFOUND && e &&
        (e->klass == GIT_ERROR_ODB || e->klass == GIT_ERROR_ZLIB)) {
      *unreadable = LastGitError();
    }
    return false;
  }
  GitObjectPtr object(raw);
  git_object* raw_peeled = nullptr;
  if (git_object_peel(&raw_peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
    *not_a_commit = true;
    return false;
  }
  GitObjectPtr peeled(raw_peeled);
  *commit = *git_object_id(peeled.get());
  return true;
}

// The first `refs/remotes/<remote>/REF` (sorted by name), if any.
bool TryRemoteRefs(git_repository* repo, const std::string& ref, Revision* out) {
  git_reference_iterator* raw_iterator = nullptr;
  std::string glob = "refs/remotes/*/" + ref;
  if (git_reference_iterator_glob_new(&raw_iterator, repo, glob.c_str()) != 0) return false;
  GitReferenceIteratorPtr iterator(raw_iterator);
  std::string best;
  git_reference* raw = nullptr;
  while (git_reference_next(&raw, iterator.get()) == 0) {
    GitReferencePtr reference(raw);
    std::string name = git_reference_name(reference.get());
    if (best.empty() || name < best) best = name;
  }
  bool not_a_commit = false;
  if (best.empty() || !TryRevparse(repo, best, &out->commit, &not_a_commit)) return false;
  out->name = best.substr(std::string("refs/remotes/").size());
  return true;
}

// "fetch it with 'git fetch origin main'" for main and for origin/main alike:
// a REMOTE/BRANCH value is fetched from that remote.
std::string FetchHint(git_repository* repo, const std::string& ref) {
  if (size_t slash = ref.find('/'); slash != std::string::npos) {
    std::string remote_name = ref.substr(0, slash);
    git_remote* remote = nullptr;
    bool known = remote_name == "origin";
    if (!known && git_remote_lookup(&remote, repo, remote_name.c_str()) == 0) known = true;
    if (remote != nullptr) git_remote_free(remote);
    if (known) {
      return "fetch it with 'git fetch " + remote_name + " " + ref.substr(slash + 1) + "'";
    }
  }
  return "fetch it with 'git fetch origin " + ref + "'";
}

}  // namespace

bool ResolveRevision(const Repository& repository, const std::string& ref, Revision* out,
                     std::string* error) {
  std::lock_guard<std::mutex> lock(repository.mutex());
  git_repository* repo = repository.get();
  bool not_a_commit = false;
  std::string unreadable;
  if (TryRevparse(repo, ref, &out->commit, &not_a_commit, &unreadable)) {
    out->name = ref;
    return true;
  }
  // HEAD~1 in a shallow clone (CI's default depth 1): the parent was not fetched.
  if (size_t step = ref.find_first_of("~^");
      step != std::string::npos && git_repository_is_shallow(repo) == 1) {
    int depth = 0;
    for (size_t i = step; i < ref.size();) {
      char op = ref[i++];
      size_t digits = ref.find_first_not_of("0123456789", i);
      if (digits == std::string::npos) digits = ref.size();
      int n = digits > i ? std::atoi(ref.substr(i, digits - i).c_str()) : 1;
      depth += op == '~' ? n : 1;
      i = ref.find_first_of("~^", digits);
      if (i == std::string::npos) break;
    }
    *error =
        "revision '" + ref + "' is not in this shallow clone (its history stops earlier); " +
        "fetch the missing commits with 'git fetch --deepen=" + std::to_string(std::max(depth, 1)) +
        "' (or set fetch-depth: 0 in CI)";
    return false;
  }
  if (!unreadable.empty()) {
    *error = "cannot read revision '" + ref + "': " + unreadable +
             "; the object store may be corrupt (check with 'git fsck')";
    return false;
  }
  if (not_a_commit) {
    *error = "revision '" + ref + "' is not a commit";
    return false;
  }
  if (TryRevparse(repo, "origin/" + ref, &out->commit, &not_a_commit)) {
    out->name = "origin/" + ref;
    return true;
  }
  if (TryRemoteRefs(repo, ref, out)) return true;
  *error = "unknown revision '" + ref + "' (tried " + ref + ", origin/" + ref +
           ", refs/remotes/*/" + ref + "); ";
  // An abbreviated commit id cannot be fetched by name: the clone lacks history.
  bool hex = ref.size() >= 4 && ref.size() < 40 &&
             ref.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
  *error += hex ? "no commit in this clone starts with " + ref +
                      "; a shallow clone may lack it: fetch more history ('git fetch --unshallow' "
                      "or 'git fetch --deepen=N') or give the full commit id"
                : FetchHint(repo, ref);
  return false;
}

bool ResolveHead(const Repository& repository, Revision* out, std::string* error) {
  std::lock_guard<std::mutex> lock(repository.mutex());
  git_repository* repo = repository.get();
  if (git_repository_head_unborn(repo) == 1) {
    *error =
        "HEAD has no commit yet (empty repository), so there is nothing to compare against; "
        "make a first commit or pass --against DIR";
    return false;
  }
  bool not_a_commit = false;
  if (!TryRevparse(repo, "HEAD", &out->commit, &not_a_commit)) {
    *error = "cannot resolve HEAD: " + LastGitError();
    return false;
  }
  out->name = "HEAD";
  return true;
}

bool FirstParent(const Repository& repository, const git_oid& commit_id, git_oid* parent,
                 bool* has_parent, std::string* error) {
  std::lock_guard<std::mutex> lock(repository.mutex());
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repository.get(), &commit_id) != 0) {
    *error = "cannot read commit " + HexId(commit_id) + ": " + LastGitError();
    return false;
  }
  GitCommitPtr commit(raw);
  *has_parent = git_commit_parentcount(commit.get()) > 0;
  if (*has_parent) *parent = *git_commit_parent_id(commit.get(), 0);
  return true;
}

bool FindMergeBase(const Repository& repository, const Revision& ref, const std::string& ref_arg,
                   const Revision& head, git_oid* base, std::string* error) {
  std::lock_guard<std::mutex> lock(repository.mutex());
  int rc = git_merge_base(base, repository.get(), &ref.commit, &head.commit);
  if (rc == 0) return true;
  std::string detail = rc == GIT_ENOTFOUND ? "" : " (" + LastGitError() + ")";
  // libgit2 does not know shallow boundaries: a walk that reaches a missing
  // parent fails, and a walk that stops at the boundary finds no ancestor.
  if (git_repository_is_shallow(repository.get()) == 1) {
    *error = "no merge-base of " + ref_arg + " and " + head.name +
             " in this shallow clone; run 'git fetch --unshallow origin " + ref_arg +
             "' (or set fetch-depth: 0 in CI)";
    return false;
  }
  if (rc == GIT_ENOTFOUND) {
    *error = ref.name + " and " + head.name +
             " have no common ancestor (unrelated histories), so there is no merge-base; "
             "use --against " +
             ref_arg + " to compare with " + ref_arg + " itself";
    return false;
  }
  *error = "cannot compute the merge-base of " + ref.name + " and " + head.name + detail +
           "; check the repository with 'git fsck'";
  return false;
}

}  // namespace contract_lint
