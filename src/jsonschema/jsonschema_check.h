// JSON Schema contracts: load both sides, resolve $refs, compare as sets and
// give every change a direction (narrowing, widening, both, annotation).
#pragma once

#include <string>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

struct JsonSchemaSettings {
  std::vector<std::string> include = {"**/*.schema.json"};
  std::vector<std::string> exclude;
  bool lenient = false;  // content_model: lenient
};

struct JsonSchemaStats {
  int files = 0;
  int changed = 0;
};

// Appends one finding per detected change, each with its rule id and
// direction; severity is decided later by the policy from the mode.
JsonSchemaStats CheckJsonSchemas(const Snapshot& against, const Snapshot& current,
                                 const JsonSchemaSettings& settings,
                                 std::vector<Finding>* findings,
                                 Diagnostics* diagnostics);

}  // namespace contract_lint
