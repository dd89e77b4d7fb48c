// `contract-lint init`: a starter configuration from what the repository holds.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace contract_lint {

// `files` maps repository paths to contents (only .proto and .json files are
// looked at). The result is a commented contract-lint.yaml: proto roots
// inferred from package declarations, schema globs, one contract per
// top-level package or schema folder, and a commented consumer example.
// `owner_source`, when given, names where the owners of a contract glob are
// read on every run ("CODEOWNERS", "the Backstage catalog"), or "": such
// contracts get no `owner:` line. `catalog_consumers` are listed in a comment.
struct StarterOwners {
  std::function<std::string(const std::string& glob)> owner_source;
  std::vector<std::string> catalog_consumers;
};
std::string StarterConfig(const std::map<std::string, std::string>& files,
                          const StarterOwners& owners = {});

}  // namespace contract_lint
