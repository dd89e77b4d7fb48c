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
// With a root `buf_yaml` (its text; "" = none), its module roots, excludes
// and breaking policy are carried over: contract-lint reads its own file from
// then on, not buf.yaml. Contracts are ordered most specific first (first
// match wins), and JSON payloads that only name a schema ("$schema" that is
// not a URL: samples) are not listed as contracts.
std::string StarterConfig(const std::map<std::string, std::string>& files,
                          const std::string& buf_yaml = "", const StarterOwners& owners = {});

}  // namespace contract_lint
