// Turning what the user typed (REF, REV) into commits: ref resolution with
// remote fallbacks, HEAD, first parents and merge-bases, each failure with the
// git command that fixes it.
#pragma once

#include <git2.h>

#include <string>

#include "git/repository.h"

namespace contract_lint {

struct Revision {
  git_oid commit;
  std::string name;  // how it resolved, e.g. "origin/main" for REF "main"
};

// Resolves `ref` to a commit: as given (any git revision syntax), then as
// `origin/REF`, then as any `refs/remotes/*/REF`. On failure sets *error,
// e.g. "unknown revision 'foo' (tried ...); fetch it with 'git fetch origin foo'".
bool ResolveRevision(const Repository& repository, const std::string& ref, Revision* out,
                     std::string* error);

// The commit HEAD points to. An unborn HEAD (no commit yet) is an error.
bool ResolveHead(const Repository& repository, Revision* out, std::string* error);

// The first parent of `commit`; *has_parent is false for a root commit.
bool FirstParent(const Repository& repository, const git_oid& commit, git_oid* parent,
                 bool* has_parent, std::string* error);

// The merge-base of `ref` and `head`: where the branch left REF. In a shallow
// clone that lacks it, the error says `git fetch --unshallow origin REF`.
bool FindMergeBase(const Repository& repository, const Revision& ref, const std::string& ref_arg,
                   const Revision& head, git_oid* base, std::string* error);

}  // namespace contract_lint
