// Schema Registry mode: Protobuf contracts whose policy sets
// `breaking.registry` are judged by the differences Confluent Schema
// Registry's checker sees (docs/proto-registry-compat.md), instead of buf's
// rules. The policy drops the buf findings of those files (see policy.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

// The registry level that judges `path` ("" when buf's rules do): the
// owning contract's `breaking.registry`, else the repository's.
const std::string& RegistryLevelFor(const Config& config, std::string_view path);

// Appends one finding per registry difference of every file in registry mode
// that exists on both sides: severity error when the configured level rejects
// it, info when the registry accepts it. A side that does not compile adds
// nothing here: CheckProto reports its errors, or, given `against_problems`
// (a release tag that CheckProto never sees), the baseline's go there.
void CheckRegistry(const Snapshot& against, const Snapshot& current, const Config& config,
                   std::vector<Finding>* findings, Diagnostics* against_problems = nullptr);

}  // namespace contract_lint
