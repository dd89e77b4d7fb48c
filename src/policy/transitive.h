// The _TRANSITIVE modes: a contract judged BACKWARD_TRANSITIVE (or FORWARD_,
// FULL_) must be compatible with every release, not only with the baseline,
// as Schema Registry checks a new version against every registered one.
#pragma once

#include <vector>

#include "config/config.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "git/sides.h"
#include "jsonschema/jsonschema_check.h"

namespace contract_lint {

// True when the repository's or any contract's `jsonschema` or `registry`
// mode ends in _TRANSITIVE.
bool AnyTransitiveMode(const Config& config);

// Judges the current side against the snapshot of every release tag
// (config.versioning.release_tags) and appends, after the policy, each
// breaking finding of a contract in a _TRANSITIVE mode that the baseline
// comparison (`findings`, already judged) does not report; its message names
// the release. A release whose contracts do not load is skipped with a
// warning naming it: it cannot have been published as it is. Outside git, a
// warning says that only the baseline was judged.
// `schemas`: the current side as CheckJsonSchemas loaded it; each release is
// compared with it, not with a fresh parse.
void AddReleaseFindings(const Sides& sides, const Config& config, SchemaSides& schemas,
                        std::vector<Finding>* findings, Diagnostics* diagnostics,
                        std::vector<Diagnostic>* warnings);

}  // namespace contract_lint
