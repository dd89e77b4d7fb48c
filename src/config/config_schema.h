// Validation of a configuration document against the embedded
// schemas/contract-lint.schema.json (valijson), with key paths and
// "did you mean" for unknown keys.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "contract_lint/diagnostics.h"

namespace contract_lint {

// Returns false after adding one diagnostic per problem, each starting with
// the key path ("breaking.use[2]: …").
bool ValidateConfigDocument(const nlohmann::json& document, const std::string& path,
                            Diagnostics* diagnostics);

}  // namespace contract_lint
