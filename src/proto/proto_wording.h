// How buf words Protobuf findings: Go-style quoting and value formatting,
// and the element descriptions every field message starts with.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "proto/proto_diff.h"

namespace contract_lint {

// Go's strconv.Quote (fmt %q): double quotes, backslash escapes.
std::string GoQuote(std::string_view text);
// Go's fmt %v of a float64 (or of a float32 when `single`): "1.5", "1e+10", "+Inf".
std::string GoFloat(double value, bool single);

// `Field "2" with name "total" on message "Order"`, or for an extension
// `Extension "100" with name "acme.ext" on message "acme.Order"`.
std::string FieldWithName(const pbd::Field* field);
// `Field "1" on message "Order"`, or `Extension "100" on message "acme.Order"`.
std::string FieldWithoutName(const pbd::Field* field);

// A tag range as buf prints it: "[5]", "[20,25]" (inclusive end) or
// "[30,max]" when the end is `max` (the largest number of the element kind).
std::string TagRange(int64_t start, int64_t inclusive_end, int64_t max);

}  // namespace contract_lint
