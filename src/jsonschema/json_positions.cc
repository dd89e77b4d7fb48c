#include "jsonschema/json_positions.h"

#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/utf8.h"

namespace contract_lint {
namespace {

void AppendUtf8(unsigned code, std::string* out) {
  if (code < 0x80) {
    *out += static_cast<char>(code);
  } else if (code < 0x800) {
    *out += static_cast<char>(0xC0 | (code >> 6));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    *out += static_cast<char>(0xE0 | (code >> 12));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (code >> 18));
    *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// A cursor over the text that keeps line and column up to date.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  int line() const { return line_; }
  int column() const { return column_; }
  void Next() {
    if (done()) return;
    char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (!IsUtf8Continuation(c)) {
      ++column_;
    }
  }
  void SkipSpace() {
    while (!done() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) Next();
  }
  // Consumes a string literal starting at '"'; stores its decoded value.
  bool String(std::string* value) {
    Next();  // opening quote
    while (!done() && peek() != '"') {
      char c = peek();
      Next();
      if (c != '\\') {
        *value += c;
        continue;
      }
      char escaped = peek();
      Next();
      switch (escaped) {
        case 'n':
          *value += '\n';
          break;
        case 't':
          *value += '\t';
          break;
        case 'r':
          *value += '\r';
          break;
        case 'b':
          *value += '\b';
          break;
        case 'f':
          *value += '\f';
          break;
        case 'u': {
          unsigned code = Hex4();
          if (code >= 0xD800 && code < 0xDC00 && peek() == '\\') {
            Next();
            Next();  // 'u'
            unsigned low = Hex4();
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(code, value);
          break;
        }
        default:
          *value += escaped;
      }
    }
    if (done()) return false;
    Next();  // closing quote
    return true;
  }
  // Consumes a number or a literal (true, false, null).
  void Scalar() {
    while (!done()) {
      char c = peek();
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
        break;
      Next();
    }
  }

 private:
  unsigned Hex4() {
    unsigned code = 0;
    for (int i = 0; i < 4 && !done(); ++i) {
      char c = peek();
      Next();
      code <<= 4;
      if (c >= '0' && c <= '9')
        code |= c - '0';
      else if (c >= 'a' && c <= 'f')
        code |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        code |= c - 'A' + 10;
    }
    return code;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// Calls visit(at), in text order, for each `at` where text[at] is a quote
// and text[at + 1] one of `firsts` (at most 4): 16 positions at a time where
// SSE2 is available (a call per quote of the text, twice, dominated reading
// a large collection).
template <typename Visit>
void ForEachQuoteBefore(std::string_view text, std::string_view firsts, Visit visit) {
  const char* data = text.data();
  size_t n = text.size();
  size_t at = 0;
#if defined(__SSE2__)
  if (!firsts.empty() && firsts.size() <= 4) {
    const __m128i quote = _mm_set1_epi8('"');
    __m128i first[4];
    for (size_t k = 0; k < firsts.size(); ++k) first[k] = _mm_set1_epi8(firsts[k]);
    for (; at + 17 <= n; at += 16) {
      __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
      __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at + 1));
      __m128i any = _mm_cmpeq_epi8(next, first[0]);
      for (size_t k = 1; k < firsts.size(); ++k)
        any = _mm_or_si128(any, _mm_cmpeq_epi8(next, first[k]));
      unsigned mask =
          static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(here, quote), any)));
      while (mask != 0) {
        visit(at + static_cast<size_t>(__builtin_ctz(mask)));
        mask &= mask - 1;
      }
    }
  }
#endif
  for (; at + 1 < n; ++at) {
    if (data[at] == '"' && firsts.find(data[at + 1]) != std::string_view::npos) visit(at);
  }
}

}  // namespace

std::vector<std::vector<std::string>> JsonStringsByKey(
    std::string_view text, std::initializer_list<std::string_view> keys) {
  std::vector<std::vector<std::string>> found(keys.size());
  std::vector<size_t> next(keys.size(), 0);  // matches of one key never overlap
  std::string firsts;
  for (std::string_view key : keys) {
    if (firsts.find(key[0]) == std::string::npos) firsts += key[0];
  }
  const char* data = text.data();
  ForEachQuoteBefore(text, firsts, [&](size_t at) {
    size_t k = 0;
    for (std::string_view key : keys) {
      size_t close = at + 1 + key.size();
      if (at >= next[k] && close < text.size() && data[close] == '"' &&
          text.compare(at + 1, key.size(), key) == 0) {
        next[k] = close + 1;
        size_t i = close + 1;
        while (i < text.size() && isspace(static_cast<unsigned char>(text[i]))) ++i;
        if (i < text.size() && text[i] == ':') {
          ++i;
          while (i < text.size() && isspace(static_cast<unsigned char>(text[i]))) ++i;
          if (i < text.size() && text[i] == '"') {
            size_t end = ++i;
            while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
            if (end <= text.size()) found[k].push_back(std::string(text.substr(i, end - i)));
          }
        }
      }
      ++k;
    }
  });
  return found;
}

namespace {

struct Frame {
  bool is_object;
  std::string pointer;
  int index = 0;
};

}  // namespace

void LineColumnAt(std::string_view text, size_t offset, int* line, int* column) {
  *line = 1;
  *column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++*line;
      *column = 1;
    } else if (!IsUtf8Continuation(text[i])) {
      ++*column;
    }
  }
}

std::string UnescapePointerToken(std::string_view token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::vector<std::string> PointerTokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  size_t start = 1;
  while (start <= pointer.size()) {
    size_t slash = pointer.find('/', start);
    tokens.push_back(UnescapePointerToken(
        pointer.substr(start, slash == std::string_view::npos ? slash : slash - start)));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return tokens;
}

std::string EscapePointerToken(std::string_view token) {
  std::string out;
  AppendPointerToken(&out, token);
  return out;
}

void AppendPointerToken(std::string* out, std::string_view token) {
  size_t start = 0;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '~' && token[i] != '/') continue;
    out->append(token.data() + start, i - start);
    *out += token[i] == '~' ? "~0" : "~1";
    start = i + 1;
  }
  out->append(token.data() + start, token.size() - start);
}

bool PositionIndex::Build(std::string_view text, int max_depth, std::string* error, int* line,
                          int* column) {
  deferred_.reset();
  return Scan(text, max_depth, error, line, column);
}

bool PositionIndex::BuildOnDemand(std::string text, int max_depth, std::string* error, int* line,
                                  int* column) {
  spans_.clear();
  deferred_.reset();
  // What Build would diagnose in text a parser accepted: an opening bracket
  // below `max_depth` enclosing containers, at that bracket.
  std::string_view view = text;
  if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
  int depth = 0;
  const char* data = view.data();
  for (size_t i = 0; i < view.size(); ++i) {
    char c = data[i];
    if (c == '"') {
      for (++i; i < view.size() && data[i] != '"'; ++i) {
        if (data[i] == '\\') ++i;
      }
    } else if (c == '{' || c == '[') {
      if (depth >= max_depth) {
        *error = "nesting deeper than " + std::to_string(max_depth) + " levels";
        LineColumnAt(view, i, line, column);
        return false;
      }
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  deferred_ = std::make_shared<Deferred>();
  deferred_->text = std::move(text);
  deferred_->max_depth = max_depth;
  return true;
}

const std::unordered_map<std::string, TextSpan>& PositionIndex::Spans() const {
  if (!deferred_) return spans_;
  Deferred& deferred = *deferred_;
  std::call_once(deferred.once, [&deferred] {
    PositionIndex built;
    std::string error;
    int line = 0, column = 0;
    built.Scan(deferred.text, deferred.max_depth, &error, &line, &column);
    deferred.spans = std::move(built.spans_);
    std::string().swap(deferred.text);
  });
  return deferred.spans;
}

bool PositionIndex::Scan(std::string_view text, int max_depth, std::string* error, int* line,
                         int* column) {
  spans_.clear();
  // A UTF-8 byte order mark is not part of the document (nlohmann skips it
  // too) and editors do not show it: positions count from after it.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Cursor cursor(text);
  std::vector<Frame> stack;
  auto fail = [&](std::string message) {
    *error = std::move(message);
    *line = cursor.line();
    *column = cursor.column();
    return false;
  };
  auto close = [&](const std::string& pointer) {
    TextSpan& span = spans_[pointer];
    span.end_line = cursor.line();
    span.end_column = cursor.column();
  };
  // Each turn scans one value at `pointer`, then the separators after it.
  std::string pointer;
  cursor.SkipSpace();
  while (true) {
    spans_[pointer] = TextSpan{cursor.line(), cursor.column(), 0, 0};
    char c = cursor.peek();
    bool opened = false;
    if (c == '{' || c == '[') {
      if (static_cast<int>(stack.size()) >= max_depth) {
        return fail("nesting deeper than " + std::to_string(max_depth) + " levels");
      }
      cursor.Next();
      stack.push_back(Frame{c == '{', pointer});
      opened = true;
    } else if (c == '"') {
      std::string ignored;
      if (!cursor.String(&ignored)) return fail("unterminated string");
      close(pointer);
    } else if (!cursor.done()) {
      cursor.Scalar();
      close(pointer);
    } else {
      return fail("unexpected end of input");
    }
    // Find the next value: after an opening bracket, a first member; after a
    // value, a comma or the closing bracket of one or more containers.
    bool first = opened;
    while (true) {
      if (stack.empty()) return true;
      Frame& frame = stack.back();
      cursor.SkipSpace();
      char next = cursor.peek();
      if (next == (frame.is_object ? '}' : ']')) {
        cursor.Next();
        close(frame.pointer);
        stack.pop_back();
        first = false;
        continue;
      }
      if (!first) {
        if (next != ',') return fail("expected ',' or a closing bracket");
        cursor.Next();
        cursor.SkipSpace();
      }
      if (frame.is_object) {
        if (cursor.peek() != '"') return fail("expected a member name");
        std::string key;
        if (!cursor.String(&key)) return fail("unterminated string");
        cursor.SkipSpace();
        if (cursor.peek() != ':') return fail("expected ':'");
        cursor.Next();
        pointer = frame.pointer + "/" + EscapePointerToken(key);
      } else {
        pointer = frame.pointer + "/" + std::to_string(frame.index++);
      }
      cursor.SkipSpace();
      break;
    }
  }
}

const TextSpan* PositionIndex::Find(const std::string& pointer) const {
  const auto& spans = Spans();
  std::string_view rest = pointer;
  while (true) {
    auto it = spans.find(std::string(rest));
    if (it != spans.end()) return &it->second;
    if (rest.empty()) return nullptr;
    rest = rest.substr(0, rest.rfind('/'));
  }
}

}  // namespace contract_lint
