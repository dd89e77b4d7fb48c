// Protobuf contracts: load both sides with libprotobuf's Importer, pair the
// elements once, and run every Protobuf rule of the rule table over the pairs.
#pragma once

#include <string>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

struct ProtoSettings {
  std::vector<std::string> roots = {"."};  // import roots, like protoc -I
  std::vector<std::string> exclude;        // globs of paths that are not contracts
};

struct ProtoStats {
  int files = 0;    // .proto contracts on either side
  int changed = 0;  // of which the content differs
};

// Appends one finding per violation of *every* Protobuf rule in the table
// (the policy later keeps the enabled ones), located in the current side
// (or the against side for deletions). Syntax, import and unsupported-edition
// errors go to `diagnostics` with path:line:col.
ProtoStats CheckProto(const Snapshot& against, const Snapshot& current,
                      const ProtoSettings& settings,
                      std::vector<Finding>* findings, Diagnostics* diagnostics);

}  // namespace contract_lint
