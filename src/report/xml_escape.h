// Escaping for XML text and attribute values.
#pragma once

#include <string>
#include <string_view>

namespace contract_lint {

// Escapes &, <, >, " and ' and drops characters XML 1.0 cannot carry.
std::string XmlEscape(std::string_view text);

}  // namespace contract_lint
