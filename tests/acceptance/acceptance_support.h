// Helpers for the acceptance tests: a git repository with a baseline commit,
// edits of its working tree, and the JSON report's findings by rule.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace contract_lint::acceptance {

using testing::Replace;
// Contracts several acceptance tests start from: acme.orders.v1.Order {id,
// total} (written at proto/acme/orders/v1/orders.proto, `total` on line 7),
// and an event schema with `id` and an integer `amount` (on line 6).
extern const char* const kOrdersProto;
extern const char* const kEventSchema;

using testing::Repo;

// The findings of a JSON report with `rule` (any suppression state).
std::vector<nlohmann::json> FindingsWithRule(const nlohmann::json& report, const std::string& rule);
// The names in a JSON array of strings, in order.
std::vector<std::string> Strings(const nlohmann::json& array);
// Lines of `text` that look like finding lines ("path:line:col: severity: ").
std::vector<std::string> FindingLines(const std::string& text);

}  // namespace contract_lint::acceptance
