// The _TRANSITIVE release loop of the pipeline: the current side against the
// snapshot of every release tag (config.versioning.release_tags), each release
// a side of its own run through the same stages as the baseline.
#pragma once

#include <vector>

#include "config/config.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "git/sides.h"
#include "jsonschema/jsonschema_check.h"

namespace contract_lint {

// Appends, after the policy, each breaking finding of a contract in a
// _TRANSITIVE mode that the baseline comparison (`findings`, already judged)
// does not report; its message names the release (policy/transitive.h). A
// release whose contracts do not load is skipped with a warning naming it.
// Outside git, a warning says that only the baseline was judged.
// `schemas`: the current side as CheckJsonSchemas loaded it; each release is
// compared with it, not with a fresh parse.
void AddReleaseFindings(const Sides& sides, const Config& config, SchemaSides& schemas,
                        std::vector<Finding>* findings, Diagnostics* diagnostics,
                        std::vector<Diagnostic>* warnings);

}  // namespace contract_lint
