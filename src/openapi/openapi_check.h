// OpenAPI 3.0/3.1 contracts: load both sides (YAML or JSON, $refs within the
// repository), pair operations, parameters, responses and media types, and
// report each change with oasdiff's check id. Severities are oasdiff's levels,
// set by the policy from the rule table (src/rules/openapi_rules.cc).
#pragma once

#include <string>
#include <vector>

#include "config/settings.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

struct OpenApiStats {
  int files = 0;    // current-side documents
  int changed = 0;  // documents compared (changed, or reaching a changed file)
};

// Every current document is loaded and its $refs checked; a baseline
// document is loaded when it, or a file it references, changed. Input
// errors go to `diagnostics`; each change is one finding (kind kOpenApi).
// `jobs` (-j): with 1, the baseline is not parsed on a second thread.
OpenApiStats CheckOpenApi(const Snapshot& against, const Snapshot& current,
                          const OpenApiSettings& settings, std::vector<Finding>* findings,
                          Diagnostics* diagnostics, int jobs = 0);

}  // namespace contract_lint
