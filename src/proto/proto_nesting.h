// A guard for libprotobuf's recursive parsers: the text-format parser of
// aggregate option values (`option (o) = {a: {a: ...}}`) recurses once per
// level with no limit, so a deep enough value overflows the stack. Files that
// nest `{` / `<` deeper than kMaxProtoNesting are refused before libprotobuf
// sees them.
#pragma once

#include <string_view>

namespace contract_lint {

inline constexpr int kMaxProtoNesting = 100;

struct NestingExcess {
  int line = 0;  // 0: within the limit
  int column = 0;
};

// The 1-based position (columns in code points) of the first `{` or `<`
// outside strings and comments that opens level `limit + 1`.
NestingExcess FirstExcessiveNesting(std::string_view text, int limit = kMaxProtoNesting);

}  // namespace contract_lint
