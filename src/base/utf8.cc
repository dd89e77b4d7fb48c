#include "base/utf8.h"

namespace contract_lint {

std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  std::size_t length = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if (!IsUtf8Continuation(text[i + k])) return 0;
  }
  // The second byte's range after these leads (RFC 3629): no overlong
  // three- and four-byte forms, no surrogates, nothing past U+10FFFF.
  unsigned char second = length > 1 ? static_cast<unsigned char>(text[i + 1]) : 0;
  if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) ||
      (c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F)) {
    return 0;
  }
  return length;
}

InvalidUtf8 FirstInvalidUtf8(std::string_view text) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return InvalidUtf8{line, column, static_cast<unsigned char>(text[i])};
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return {};
}

std::string DescribeInvalidUtf8(const InvalidUtf8& bad) {
  static const char* kHex = "0123456789abcdef";
  return std::string("invalid UTF-8 (byte 0x") + kHex[bad.byte >> 4] + kHex[bad.byte & 15] + ")";
}

}  // namespace contract_lint
