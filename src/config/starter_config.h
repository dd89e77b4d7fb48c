// `contract-lint init`: a starter configuration from what the repository holds.
#pragma once

#include <map>
#include <string>

namespace contract_lint {

// `files` maps repository paths to contents (only .proto and .json files are
// looked at). The result is a commented contract-lint.yaml: proto roots
// inferred from package declarations, schema globs, one contract per
// top-level package or schema folder, and a commented consumer example.
std::string StarterConfig(const std::map<std::string, std::string>& files);

}  // namespace contract_lint
