// What `contract-lint rules` and `contract-lint explain` print, from the rule table.
#pragma once

#include <string>
#include <string_view>

namespace contract_lint {

// Every rule: id, kind, categories, default, purpose. `json` selects a JSON array.
std::string RenderRuleList(bool json);

// A rule's explanation. Returns false and sets *out to an error with a
// "did you mean" suggestion when the id is unknown.
bool ExplainRule(std::string_view id, std::string* out);

}  // namespace contract_lint
