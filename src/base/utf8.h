// UTF-8 as the inputs need it: contracts and configs must be UTF-8, and
// columns count characters, not bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace contract_lint {

inline bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence starting at text[i] (1 for ASCII),
// or 0 when it is not one: overlong forms, UTF-16 surrogates (U+D800-DFFF)
// and code points past U+10FFFF are not, as RFC 3629 and nlohmann_json say.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i);

// The first byte that is not valid UTF-8, at its 1-based line and column
// (columns count characters); line 0 when the whole text is valid.
struct InvalidUtf8 {
  int line = 0;
  int column = 0;
  unsigned char byte = 0;
};
InvalidUtf8 FirstInvalidUtf8(std::string_view text);

// "invalid UTF-8 (byte 0xNN)": how every input reports it.
std::string DescribeInvalidUtf8(const InvalidUtf8& bad);

}  // namespace contract_lint
