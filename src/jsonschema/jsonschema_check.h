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
// How the sides are loaded; the findings do not depend on it.
struct SchemaLoadOptions {
  int jobs = 0;  // threads for parsing; 0 = every core
};

// Every current contract is parsed (in parallel) and its $refs validated;
// of the baseline, only the contracts that are compared (changed, or
// reaching a changed file through $refs) are loaded.
JsonSchemaStats CheckJsonSchemas(const Snapshot& against, const Snapshot& current,
                                 const JsonSchemaSettings& settings, std::vector<Finding>* findings,
                                 Diagnostics* diagnostics, const SchemaLoadOptions& load = {});

}  // namespace contract_lint
