// The release history for the _TRANSITIVE modes: every tag whose name matches
// one of the configured patterns, as a snapshot of its commit.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "contract_lint/snapshot.h"

namespace contract_lint {

class Repository;

struct ReleaseSnapshot {
  std::string tag;  // the tag's name, e.g. "v1.2.0"
  std::unique_ptr<Snapshot> snapshot;
};

// Every tag of `repository` whose name matches one of `patterns` (git's
// fnmatch globs on the name without "refs/tags/", as `git tag -l PATTERN`),
// peeled to its commit, cut to `subdir` ("" = the whole tree), sorted by tag
// name. A tag that points at no commit is skipped. On failure (an object
// missing from the store) returns false and sets *error naming the tag.
bool OpenReleaseSnapshots(const std::shared_ptr<const Repository>& repository,
                          const std::string& subdir, const std::vector<std::string>& patterns,
                          std::vector<ReleaseSnapshot>* out, std::string* error);

}  // namespace contract_lint
