// OpenAPI 3.0/3.1 contracts: load both sides (YAML or JSON, $refs within the
// repository), pair operations, parameters, responses and media types, and
// report each change with oasdiff's check id. Severities are oasdiff's levels,
// set by the policy from the rule table (src/openapi/openapi_rules.cc).
#pragma once

#include <string>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

struct OpenApiSettings {
  std::vector<std::string> include = {"**/openapi.yaml",   "**/openapi.yml",   "**/openapi.json",
                                      "**/*.openapi.yaml", "**/*.openapi.yml", "**/*.openapi.json"};
  std::vector<std::string> exclude;
  // breaking.openapi.content_model: body schemas are judged with the lenient
  // content model unless `strict` (then an added optional request property breaks).
  bool lenient = true;
  // breaking.openapi.deprecation_days (oasdiff's --deprecation-days-beta/-stable):
  // the minimum days from today to the x-sunset of an element deprecated now, by its
  // x-stability-level (beta; stable or none; draft/alpha have no policy). 0: off.
  int deprecation_days_beta = 0;
  int deprecation_days_stable = 0;
};

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
