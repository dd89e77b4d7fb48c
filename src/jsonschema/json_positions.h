// Where each JSON value of a document sits in its text. nlohmann::json keeps
// no positions, so a small iterative scanner records them by JSON pointer.
#pragma once

#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace contract_lint {

// 1-based; end_column points just past the last character (like Location).
struct TextSpan {
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
};

// 1-based line and column of byte `offset` in `text`; columns count UTF-8
// code points, not bytes.
void LineColumnAt(std::string_view text, size_t offset, int* line, int* column);

class PositionIndex {
 public:
  // Scans `text`, which should be valid JSON. Returns false, with a message
  // and the 1-based position, when values nest deeper than `max_depth` or the
  // text is not JSON (the caller's parser gives the better message then).
  // Never recurses, so any input is safe.
  bool Build(std::string_view text, int max_depth, std::string* error, int* line, int* column);
  // The same checks and result as Build for `text` that a JSON parser
  // accepted (only the nesting depth can fail then), but the index itself is
  // built on the first Find or Contains: most parsed documents are never
  // asked for a position. Keeps `text` until then. Thread-safe.
  bool BuildOnDemand(std::string text, int max_depth, std::string* error, int* line, int* column);

  // The span of the value at `pointer` ("" is the root), or of its nearest
  // enclosing value when the pointer does not exist. Never null after a
  // successful Build.
  const TextSpan* Find(const std::string& pointer) const;
  bool Contains(const std::string& pointer) const { return Spans().count(pointer) > 0; }

 private:
  struct Deferred {
    std::once_flag once;
    std::string text;
    int max_depth = 0;
    std::unordered_map<std::string, TextSpan> spans;  // built under `once`
  };
  const std::unordered_map<std::string, TextSpan>& Spans() const;
  bool Scan(std::string_view text, int max_depth, std::string* error, int* line, int* column);

  std::unordered_map<std::string, TextSpan> spans_;
  std::shared_ptr<Deferred> deferred_;  // set by BuildOnDemand (copies share it)
};

// The string values of the given keys (`"key": "value"`) in JSON text,
// found lexically, without parsing (escapes kept as written: they only ever
// make the scan over-approximate), by key in the order of `keys`, each key's
// values in text order; matches of one key never overlap. One pass over the
// text whatever the number of keys (keys must be non-empty).
std::vector<std::vector<std::string>> JsonStringsByKey(
    std::string_view text, std::initializer_list<std::string_view> keys);

// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string EscapePointerToken(std::string_view token);
// The same, appended to `out` (no temporary string: pointer building in hot loops).
void AppendPointerToken(std::string* out, std::string_view token);
// The reverse ("~1" -> "/", "~0" -> "~"; any other "~" stays).
std::string UnescapePointerToken(std::string_view token);
// The unescaped tokens of a JSON pointer ("/paths/~1orders/get" -> paths,
// /orders, get); none for "".
std::vector<std::string> PointerTokens(std::string_view pointer);

}  // namespace contract_lint
