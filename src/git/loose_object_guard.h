// libgit2 (1.5 in Debian 12, and later releases until upstream's fix of issue
// #7342) loops forever reading a truncated loose object: its zstream treats
// zlib's Z_BUF_ERROR at the end of the input as "try again". The
// guard is an object-database backend placed before the loose one: for every
// object it is asked about that exists as a loose file, it inflates the file
// completely with zlib and fails the read when the stream is truncated or
// corrupt, so libgit2's loose backend never sees it. Valid or packed objects
// pass through untouched.
#pragma once

#include <git2.h>

#include <string>

namespace contract_lint {

// Adds the guard to `repo`'s object database. On failure returns false and
// sets *error; the repository stays usable (without the guard).
bool InstallLooseObjectGuard(git_repository* repo, std::string* error);

}  // namespace contract_lint
