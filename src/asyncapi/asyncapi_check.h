// AsyncAPI 2.x/3.0 contracts: load both sides with the OpenAPI loader (YAML or
// JSON, line:column per node, $refs within the repository), pair channels,
// operations and messages, and report each change with an ASYNCAPI_ rule id.
// Severities come from the rule table (src/rules/asyncapi_rules.cc).
#pragma once

#include <string>
#include <vector>

#include "config/settings.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

struct AsyncApiStats {
  int files = 0;    // current-side documents
  int changed = 0;  // documents compared (changed, or reaching a changed file)
};

// Every current document is loaded and its $refs checked; a baseline
// document is compared when it, or a file it references, changed. Input
// errors go to `diagnostics`; each change is one finding (kind kAsyncApi).
// `jobs` (-j): with 1, the baseline is not parsed on a second thread.
AsyncApiStats CheckAsyncApi(const Snapshot& against, const Snapshot& current,
                            const AsyncApiSettings& settings, std::vector<Finding>* findings,
                            Diagnostics* diagnostics, int jobs = 0);

}  // namespace contract_lint
