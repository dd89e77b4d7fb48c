// The one "did you mean" measure: every suggestion (config keys and values,
// rule ids, paths, selectors, JSON Schema types) is the nearest word by
// Levenshtein distance.
#pragma once

#include <cstddef>
#include <string_view>

namespace contract_lint {

// Insertions, deletions and substitutions that turn `a` into `b`.
std::size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace contract_lint
