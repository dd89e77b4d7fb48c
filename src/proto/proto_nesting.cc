#include "proto/proto_nesting.h"

#include "base/utf8.h"

namespace contract_lint {

NestingExcess FirstExcessiveNesting(std::string_view text, int limit) {
  int line = 1, column = 1, depth = 0;
  enum { kCode, kString, kLineComment, kBlockComment } state = kCode;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    switch (state) {
      case kCode:
        if (c == '"' || c == '\'') {
          state = kString;
          quote = c;
        } else if (c == '/' && next == '/') {
          state = kLineComment;
        } else if (c == '/' && next == '*') {
          state = kBlockComment;
          ++i;
          column += 2;
          continue;
        } else if (c == '{' || c == '<') {
          if (++depth > limit) return NestingExcess{line, column};
        } else if ((c == '}' || c == '>') && depth > 0) {
          --depth;
        }
        break;
      case kString:
        if (c == '\\' && next != '\n' && next != '\0') {
          ++i;
          ++column;
        } else if (c == quote || c == '\n') {
          state = kCode;
        }
        break;
      case kLineComment:
        if (c == '\n') state = kCode;
        break;
      case kBlockComment:
        if (c == '*' && next == '/') {
          state = kCode;
          ++i;
          column += 2;
          continue;
        }
        break;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else if (!IsUtf8Continuation(c)) {
      ++column;
    }
  }
  return {};
}

}  // namespace contract_lint
