// Escaping for XML text and attribute values.
#pragma once

#include <string>
#include <string_view>

namespace contract_lint {

// Escapes &, <, >, " and ' and drops characters XML 1.0 cannot carry.
// For element content.
std::string XmlEscape(std::string_view text);

// XmlEscape, and also tab, newline and carriage return as character
// references, which attribute-value normalization would otherwise turn into
// spaces. For attribute values.
std::string XmlAttributeEscape(std::string_view text);

}  // namespace contract_lint
