#include "proto/proto_scope.h"

#include <google/protobuf/io/tokenizer.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <unordered_set>

#include "base/parallel.h"

namespace contract_lint {
namespace {

// 1: starts an identifier, 2: continues one. A table: every byte of every
// file of the repository is classified.
constexpr std::array<unsigned char, 256> kIdentClass = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') table[c] = 1 | 2;
    if (c >= '0' && c <= '9') table[c] = 2;
  }
  return table;
}();
bool IsIdentStart(char c) { return kIdentClass[static_cast<unsigned char>(c)] & 1; }
bool IsIdentChar(char c) { return kIdentClass[static_cast<unsigned char>(c)] & 2; }

// `word == keyword`, with the length known at compile time (an inlined
// compare, not a call: every identifier of a header passes here).
template <size_t N>
bool Is(std::string_view word, const char (&keyword)[N]) {
  return word.size() == N - 1 && std::memcmp(word.data(), keyword, N - 1) == 0;
}

// A token stream over .proto text: identifiers, string literals (decoded)
// and single punctuation characters. Comments and whitespace are skipped.
class Lexer {
 public:
  enum Kind { kEnd, kIdent, kString, kPunct };
  struct Token {
    Kind kind = kEnd;
    std::string_view text;  // identifier, punctuation, or a string literal with its quotes

    // The decoded value of a string literal.
    std::string Value() const {
      if (text.find('\\') != std::string_view::npos) {
        std::string value;
        google::protobuf::io::Tokenizer::ParseString(std::string(text), &value);
        return value;
      }
      char quote = text[0];
      size_t inner = text.size() >= 2 && text.back() == quote ? text.size() - 2 : text.size() - 1;
      return std::string(text.substr(1, inner));
    }
  };

  explicit Lexer(std::string_view text) : text_(text) {}

  // The position lives in a local while scanning: a member would be
  // stored back on every byte (a char may alias it).
  Token Next() {
    const char* data = text_.data();
    const size_t size = text_.size();
    size_t i = Skip(data, size, i_);
    Token token;
    if (i >= size) {
      i_ = i;
      return token;
    }
    char c = data[i];
    if (IsIdentStart(c)) {
      size_t start = i;
      while (i < size && IsIdentChar(data[i])) ++i;
      token.kind = kIdent;
      token.text = text_.substr(start, i - start);
    } else if (c == '"' || c == '\'') {
      size_t start = i++;
      while (i < size && data[i] != c && data[i] != '\n') {
        if (data[i] == '\\') ++i;
        ++i;
      }
      if (i < size && data[i] == c) ++i;
      i = std::min(i, size);
      token.kind = kString;
      token.text = text_.substr(start, i - start);
    } else if (c >= '0' && c <= '9') {  // numbers: one token, their content is irrelevant here
      while (i < size && (IsIdentChar(data[i]) || data[i] == '.')) ++i;
      token.kind = kPunct;
      token.text = "0";
    } else {
      token.kind = kPunct;
      token.text = text_.substr(i++, 1);
    }
    i_ = i;
    return token;
  }

  // Next() until an identifier `import` (returned) or the end: the same
  // tokens, none built (an import list needs nothing else).
  Token NextImport() {
    const char* data = text_.data();
    const size_t size = text_.size();
    size_t i = i_;
    while (true) {
      i = Skip(data, size, i);
      if (i >= size) {
        i_ = i;
        return Token{};
      }
      char c = data[i];
      if (IsIdentStart(c)) {
        size_t start = i;
        while (i < size && IsIdentChar(data[i])) ++i;
        if (i - start == 6 && std::memcmp(data + start, "import", 6) == 0) {
          i_ = i;
          return Token{kIdent, text_.substr(start, 6)};
        }
      } else if (c == '"' || c == '\'') {
        ++i;
        while (i < size && data[i] != c && data[i] != '\n') {
          if (data[i] == '\\') ++i;
          ++i;
        }
        if (i < size && data[i] == c) ++i;
        i = std::min(i, size);
      } else if (c >= '0' && c <= '9') {
        while (i < size && (IsIdentChar(data[i]) || data[i] == '.')) ++i;
      } else {
        ++i;
      }
    }
  }

 private:
  static size_t Skip(const char* data, size_t size, size_t i) {
    while (i < size) {
      char c = data[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        ++i;
      } else if (c == '/' && i + 1 < size && data[i + 1] == '/') {
        const void* end = std::memchr(data + i, '\n', size - i);
        i = end == nullptr ? size : static_cast<size_t>(static_cast<const char*>(end) - data) + 1;
      } else if (c == '/' && i + 1 < size && data[i + 1] == '*') {
        const void* end = ::memmem(data + i + 2, size - i - 2, "*/", 2);
        i = end == nullptr ? size : static_cast<size_t>(static_cast<const char*>(end) - data) + 2;
      } else {
        return i;
      }
    }
    return i;
  }

  std::string_view text_;
  size_t i_ = 0;
};

// Read buffers for the threads of a ParallelFor, each one reused from file
// to file (one per thread at most) and freed with the pool: a file read into
// a buffer that already has the room costs no allocation, no fresh pages
// and (but for what it outgrows of the previous file) no zero-fill.
// Snapshot::Read replaces the whole string (every implementation assigns or
// resizes it from its start), so the buffer is passed as it is, not cleared.
class BufferPool {
 public:
  std::unique_ptr<std::string> Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return std::make_unique<std::string>();
    std::unique_ptr<std::string> buffer = std::move(free_.back());
    free_.pop_back();
    return buffer;
  }
  void Give(std::unique_ptr<std::string> buffer) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(buffer));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<std::string>> free_;
};

// Where an import path leads on one side.
struct Resolution {
  std::string repo_path;  // "" when embedded or absent
  std::string blob_id;
  bool embedded = false;
  bool operator==(const Resolution&) const = default;
};

Resolution Resolve(const SnapshotSourceTree& tree, const Snapshot& snapshot,
                   const std::string& import_path) {
  Resolution resolution;
  resolution.repo_path = tree.RepoPath(import_path);
  if (resolution.repo_path.empty()) {
    resolution.embedded = SnapshotSourceTree::IsEmbedded(import_path);
    return resolution;
  }
  resolution.blob_id = snapshot.Find(resolution.repo_path)->blob_id;
  return resolution;
}

std::shared_ptr<const std::string> ReadText(const Snapshot& snapshot, const std::string& path) {
  auto text = std::make_shared<std::string>();
  std::string error;
  // A file that cannot be read is diagnosed when it is compiled.
  if (!snapshot.Read(path, text.get(), &error)) return nullptr;
  return text;
}

// Each side's contracts, by import path (shadowed ones left out, as ProtoSide
// leaves them out).
std::map<std::string, std::string> ByImportPath(const SnapshotSourceTree& tree,
                                                const std::map<std::string, std::string>& files) {
  std::map<std::string, std::string> out;
  for (const auto& [path, blob] : files) {
    std::string import_path = tree.ImportPath(path);
    if (!import_path.empty() && tree.RepoPath(import_path) == path) out.emplace(import_path, path);
  }
  return out;
}

}  // namespace

namespace {

// Whether `text` holds the word `import` or `package` (possibly inside a
// comment or a string: a caller that stops scanning may only over-list).
// Whether `word` occurs in `text` as a whole identifier. A hit inside a
// comment or a string only costs a full scan, never a missed import.
// memmem, not string_view::find: find stops at every occurrence of the
// word's first letter (every `p` and `i` of a file), glibc's memmem hashes
// pairs of letters and skips ahead.
bool HasWord(std::string_view text, std::string_view word) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* at = begin; at < end;) {
    const void* hit = ::memmem(at, static_cast<size_t>(end - at), word.data(), word.size());
    if (!hit) return false;
    const char* found = static_cast<const char*>(hit);
    const char* after = found + word.size();
    bool starts = found == begin || !IsIdentChar(found[-1]);
    bool ends = after == end || !IsIdentChar(*after);
    if (starts && ends) return true;
    at = found + 1;
  }
  return false;
}

// Whether `word` starts at `at` in `text` as a whole identifier.
bool WordAt(std::string_view text, size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  if (std::memcmp(text.data() + at, word.data(), word.size()) != 0) return false;
  if (at > 0 && IsIdentChar(text[at - 1])) return false;
  size_t after = at + word.size();
  return after == text.size() || !IsIdentChar(text[after]);
}

// HasWord(text, "import") || HasWord(text, "package"), in one pass: every
// unchanged file's text after its first definition passes here. 16 bytes at
// a time, a position is a candidate when its byte is the word's first and
// the byte 5 (6) further is the word's last (`i`…`t`, `p`…`e`).
bool HasImportOrPackage(std::string_view text) {
  size_t at = 0;
#if defined(__SSE2__)
  const char* data = text.data();
  const __m128i import_first = _mm_set1_epi8('i'), import_last = _mm_set1_epi8('t');
  const __m128i package_first = _mm_set1_epi8('p'), package_last = _mm_set1_epi8('e');
  for (; at + 16 + 6 <= text.size(); at += 16) {
    __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    __m128i plus5 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at + 5));
    __m128i plus6 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at + 6));
    __m128i import_hits =
        _mm_and_si128(_mm_cmpeq_epi8(block, import_first), _mm_cmpeq_epi8(plus5, import_last));
    __m128i package_hits =
        _mm_and_si128(_mm_cmpeq_epi8(block, package_first), _mm_cmpeq_epi8(plus6, package_last));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(import_hits, package_hits)));
    while (mask != 0) {
      size_t hit = at + static_cast<size_t>(__builtin_ctz(mask));
      if (WordAt(text, hit, "import") || WordAt(text, hit, "package")) return true;
      mask &= mask - 1;
    }
  }
#endif
  for (; at < text.size(); ++at) {
    if (WordAt(text, at, "import") || WordAt(text, at, "package")) return true;
  }
  return false;
}

// The identifiers of a .proto text's options: those of `option …;`
// statements (their names, `(x).get`, and values, aggregate ones included)
// and of `[…]` (field and value options). Only there can a file name a field
// of a message it imports (ChangedSurface::fields). Comments and strings are
// skipped; a field named `option` only adds words.
std::unordered_set<std::string_view> OptionWords(std::string_view text) {
  std::unordered_set<std::string_view> words;
  Lexer lexer(text);
  bool statement_start = true;
  bool in_option = false;
  int option_braces = 0;  // braces of an option's aggregate value
  int brackets = 0;
  for (Lexer::Token token = lexer.Next(); token.kind != Lexer::kEnd; token = lexer.Next()) {
    if (token.kind == Lexer::kIdent) {
      if (statement_start && !in_option && brackets == 0 && Is(token.text, "option")) {
        in_option = true;
        option_braces = 0;
      } else if (in_option || brackets > 0) {
        words.insert(token.text);
      }
      statement_start = false;
      continue;
    }
    if (token.kind == Lexer::kString) {
      statement_start = false;
      continue;
    }
    char c = token.text[0];
    if (c == '[') ++brackets;
    if (c == ']' && brackets > 0) --brackets;
    if (in_option) {
      if (c == '{') ++option_braces;
      if (c == '}' && option_braces > 0) --option_braces;
      if (c == ';' && option_braces == 0) in_option = false;
      statement_start = !in_option;
      continue;
    }
    statement_start = brackets == 0 && (c == ';' || c == '{' || c == '}');
  }
  return words;
}

// Whether package `a` encloses `b` or the reverse (or they are the same):
// only then can their names collide.
bool PackagesNest(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  if (shorter.empty()) return true;
  return longer.starts_with(shorter) &&
         (longer.size() == shorter.size() || longer[shorter.size()] == '.');
}

bool IsTopLevelDefinition(std::string_view word) {
  return Is(word, "message") || Is(word, "enum") || Is(word, "service") || Is(word, "extend");
}

}  // namespace

ProtoHeader ScanProtoHeader(std::string_view text, bool complete_sensitivity) {
  // Every file of the repository passes here (the reverse import graph needs
  // their imports), so a token is classified once, by its kind and first
  // character, before any keyword is compared; and a scan that does not need
  // `sensitive` stops at the first definition when nothing after it can add
  // an import or the package (most of a file is its definitions).
  ProtoHeader header;
  Lexer lexer(text);
  int depth = 0;
  bool statement_start = true;
  bool after_option_opener = false;  // the previous token was `option`, `[` or `,`
  bool imports_only = false;         // past the first definition, the package known: imports only
  Lexer::Token token = lexer.Next();
  while (token.kind != Lexer::kEnd) {
    if (imports_only && !(token.kind == Lexer::kIdent && Is(token.text, "import"))) {
      token = lexer.NextImport();
      continue;
    }
    if (token.kind == Lexer::kIdent) {
      std::string_view word = token.text;
      if (Is(word, "import")) {
        // At any depth and position: listing too many imports is harmless.
        token = lexer.Next();
        bool is_public = false;
        if (token.kind == Lexer::kIdent && (Is(token.text, "public") || Is(token.text, "weak"))) {
          is_public = Is(token.text, "public");
          token = lexer.Next();
        }
        if (token.kind == Lexer::kString) {
          std::string path;
          while (token.kind == Lexer::kString) {  // adjacent literals concatenate
            path += token.Value();
            token = lexer.Next();
          }
          if (is_public) header.public_imports.push_back(path);
          header.imports.push_back(std::move(path));
        }
        statement_start = false;
        after_option_opener = false;
        continue;
      }
      if (Is(word, "package") && depth == 0 && statement_start && header.package.empty()) {
        std::string package;
        token = lexer.Next();
        while (token.kind == Lexer::kIdent ||
               (token.kind == Lexer::kPunct && Is(token.text, "."))) {
          package += token.text;
          token = lexer.Next();
        }
        header.package = std::move(package);
        statement_start = false;
        after_option_opener = false;
        continue;
      }
      if (Is(word, "extend") || Is(word, "default")) header.sensitive = true;
      if (!complete_sensitivity && depth == 0 && statement_start && IsTopLevelDefinition(word)) {
        std::string_view rest = text.substr(token.text.data() - text.data());
        if (!header.package.empty()) {
          // A later `package` changes nothing (the first one counts): the
          // rest can only add imports, and is lexed for them alone, if at all.
          header.complete = false;
          if (!HasWord(rest, "import")) return header;
          imports_only = true;
          token = lexer.NextImport();
          continue;
        }
        if (!HasImportOrPackage(rest)) {
          header.complete = false;
          return header;
        }
        complete_sensitivity = true;  // the rest is scanned anyway
      }
      statement_start = false;
      after_option_opener = Is(word, "option");
    } else if (token.kind == Lexer::kPunct) {
      char c = token.text[0];
      if (c == '(' && after_option_opener) header.sensitive = true;  // a custom option
      if (c == '{') ++depth;
      if (c == '}' && depth > 0) --depth;
      statement_start = c == ';' || c == '}' || c == '{';
      after_option_opener = c == '[' || c == ',';
    } else {  // a string literal is never `option`, `[` or `,`
      statement_start = false;
      after_option_opener = false;
    }
    token = lexer.Next();
  }
  return header;
}

DeclaredNames ScanDeclaredNames(std::string_view text) {
  DeclaredNames out;
  Lexer lexer(text);
  std::vector<Lexer::Token> statement;  // outside brackets, since the last ; { or }
  std::vector<char> blocks;             // per open brace: 'e' enum, 'x' extend, 'o' other
  int brackets = 0;                     // [ … ] depth: options, skipped
  int bracket_braces = 0;               // braces inside brackets (aggregate values)
  auto is = [&](size_t i, std::string_view text) {
    return i < statement.size() && statement[i].text == text;
  };
  auto ident = [&](size_t i) { return i < statement.size() && statement[i].kind == Lexer::kIdent; };
  // The name of a field statement: the identifier before the first "=".
  auto field_name = [&]() -> std::string_view {
    for (size_t i = 1; i < statement.size(); ++i) {
      if (statement[i].text == "=" && statement[i - 1].kind == Lexer::kIdent)
        return statement[i - 1].text;
    }
    return {};
  };
  for (Lexer::Token token = lexer.Next(); token.kind != Lexer::kEnd; token = lexer.Next()) {
    if (token.kind == Lexer::kPunct && token.text == "[") {
      ++brackets;
      continue;
    }
    if (brackets > 0) {
      if (token.kind == Lexer::kPunct && token.text == "{") ++bracket_braces;
      if (token.kind == Lexer::kPunct && token.text == "}" && bracket_braces > 0) --bracket_braces;
      if (token.kind == Lexer::kPunct && token.text == "]" && bracket_braces == 0) --brackets;
      continue;
    }
    if (token.kind == Lexer::kPunct && token.text == "{") {
      char kind = 'o';
      if (blocks.empty()) {
        if ((is(0, "message") || is(0, "enum") || is(0, "service")) && ident(1)) {
          out.names.emplace_back(statement[1].text);
          if (is(0, "enum")) kind = 'e';
        } else if (is(0, "extend")) {
          kind = 'x';
        }
      } else if (blocks.size() == 1 && blocks.back() == 'x') {
        for (size_t i = 0; i + 1 < statement.size(); ++i) {
          if (statement[i].text == "group" && ident(i + 1)) {  // a message and its field
            std::string name(statement[i + 1].text), field = name;
            for (char& c : field)
              c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            out.names.push_back(name);
            out.names.push_back(field);
            break;
          }
        }
      }
      blocks.push_back(kind);
      statement.clear();
      continue;
    }
    if (token.kind == Lexer::kPunct && token.text == "}") {
      if (!blocks.empty()) blocks.pop_back();
      statement.clear();
      continue;
    }
    if (token.kind == Lexer::kPunct && token.text == ";") {
      if (blocks.empty() && is(0, "package") && out.package.empty()) {
        for (size_t i = 1; i < statement.size(); ++i) out.package += statement[i].text;
      } else if (blocks.size() == 1 && blocks.back() == 'e' && ident(0) && is(1, "=") &&
                 !is(0, "option")) {
        out.names.emplace_back(statement[0].text);
      } else if (blocks.size() == 1 && blocks.back() == 'x' && !is(0, "option")) {
        std::string_view name = field_name();
        if (!name.empty()) out.names.emplace_back(name);
      }
      statement.clear();
      continue;
    }
    statement.push_back(token);
  }
  if (!out.package.empty()) {
    for (auto& name : out.names) name = out.package + "." + name;
  }
  return out;
}

struct ProtoScopePlanner::Node {
  std::string import_path;
  Resolution before, after;
  bool changed = false;
  std::shared_ptr<const std::string> text_before, text_after;  // the same object when unchanged
  bool read_before = false, read_after = false;                // the text could be read
  ProtoHeader header_before, header_after;
  // An unchanged file's declared names (one for both sides), scanned with
  // its header when its package nests with a changed file's.
  bool names_scanned = false;
  DeclaredNames names;
  // Per side (0: before): the nodes of `header_*.imports` and
  // `header_*.public_imports` (the ones in the index).
  std::vector<size_t> imports[2], public_imports[2];
};

ProtoScopePlanner::ProtoScopePlanner(const Snapshot& against, const Snapshot& current,
                                     const std::vector<std::string>& roots,
                                     const std::map<std::string, std::string>& before,
                                     const std::map<std::string, std::string>& after, bool full,
                                     bool package_scope, int jobs)
    : full_(full), package_scope_(package_scope), jobs_(jobs), current_(current) {
  SnapshotSourceTree before_tree(against, roots);
  SnapshotSourceTree after_tree(current, roots);
  before_contracts_ = ByImportPath(before_tree, before);
  after_contracts_ = ByImportPath(after_tree, after);

  auto add_node = [&](const std::string& import_path) {
    if (index_.count(import_path)) return;
    auto node = std::make_unique<Node>();
    node->import_path = import_path;
    node->before = Resolve(before_tree, against, import_path);
    node->after = Resolve(after_tree, current, import_path);
    // Embedded or absent on both sides: nothing of the repository to read.
    if (node->before.repo_path.empty() && node->after.repo_path.empty()) return;
    node->changed = !(node->before == node->after);
    index_[import_path] = nodes_.size();
    nodes_.push_back(std::move(node));
  };
  for (const auto& [import_path, path] : before_contracts_) add_node(import_path);
  for (const auto& [import_path, path] : after_contracts_) add_node(import_path);

  // Read every file once (an unchanged one from one side, for both), and
  // unless `full` scan it, in waves: the contracts, then what they import
  // that is not a contract (an excluded file, say), and so on. In each wave
  // the changed files go first: their packages say which unchanged files
  // the duplicate-name check needs (PackageNamesCollide), whose names are
  // then scanned while their bytes are at hand instead of read again.
  BufferPool buffers;  // freed with the constructor: no file's bytes outlive the scan
  auto read_changed = [&](Node& node) {
    if (!node.before.repo_path.empty()) node.text_before = ReadText(against, node.before.repo_path);
    if (!node.after.repo_path.empty()) node.text_after = ReadText(current, node.after.repo_path);
    node.read_before = node.text_before != nullptr;
    node.read_after = node.text_after != nullptr;
    if (full_) return;
    if (node.text_before) node.header_before = ScanProtoHeader(*node.text_before, false);
    if (node.text_after) node.header_after = ScanProtoHeader(*node.text_after, false);
  };
  auto read_unchanged = [&](Node& node) {
    if (!full_) {
      // Most unchanged files are never compiled: scanned from a buffer the
      // thread reuses (no bytes kept; the few files a scope needs are read
      // again), so the peak is not the repository.
      std::unique_ptr<std::string> buffer = buffers.Take();
      std::string error;
      if (current.Read(node.after.repo_path, buffer.get(), &error)) {
        std::string_view view(*buffer);
        node.read_before = node.read_after = true;
        node.header_before = ScanProtoHeader(view, false);
        node.header_after = node.header_before;
        if (RelatedToTouched(node.header_before.package)) {
          node.names = ScanDeclaredNames(view);
          node.names_scanned = true;
        }
      }  // else unreadable: diagnosed when compiled
      buffers.Give(std::move(buffer));
      return;
    }
    node.text_before = node.text_after = ReadText(current, node.after.repo_path);
    node.read_before = node.read_after = node.text_before != nullptr;
  };
  size_t wave_start = 0;
  while (wave_start < nodes_.size()) {
    size_t wave_end = nodes_.size();
    std::vector<Node*> changed, unchanged;
    for (size_t i = wave_start; i < wave_end; ++i) {
      (nodes_[i]->changed ? changed : unchanged).push_back(nodes_[i].get());
    }
    ParallelFor(changed.size(), jobs, [&](size_t k) { read_changed(*changed[k]); });
    if (!full_) {
      for (const Node* node : changed) {
        if (node->read_before) touched_.insert(node->header_before.package);
        if (node->read_after) touched_.insert(node->header_after.package);
      }
    }
    ParallelFor(unchanged.size(), jobs, [&](size_t k) { read_unchanged(*unchanged[k]); });
    if (full_) break;
    for (size_t i = wave_start; i < wave_end; ++i) {
      for (const ProtoHeader* header : {&nodes_[i]->header_before, &nodes_[i]->header_after}) {
        for (const auto& import_path : header->imports) add_node(import_path);
      }
    }
    wave_start = wave_end;
  }
  for (const auto& node : nodes_) {
    if (node->changed) changed_.push_back(node->import_path);
  }
  // The import edges by node index, per side (imports outside the index are
  // embedded or absent on both sides: never changed).
  for (auto& node : nodes_) {
    for (int side = 0; side < 2; ++side) {
      const ProtoHeader& header = side == 0 ? node->header_before : node->header_after;
      for (const auto& import_path : header.imports) {
        auto it = index_.find(import_path);
        if (it != index_.end()) node->imports[side].push_back(it->second);
      }
      for (const auto& import_path : header.public_imports) {
        auto it = index_.find(import_path);
        if (it != index_.end()) node->public_imports[side].push_back(it->second);
      }
    }
  }
  // Which files see a changed one (shows_changed_, reaches_changed_) and
  // the rest of each such file's header (`sensitive`) are worked out in
  // Reached, and only when a changed file's surface can change a dependent.
  // Clean: unchanged, and every import clean (a file outside the index is
  // embedded or absent on both sides). A cycle is not clean.
  clean_.assign(nodes_.size(), 0);
  if (!full_) {
    std::vector<char> state(nodes_.size(), 0);  // 0 new, 1 visiting, 2 done
    std::function<bool(size_t)> visit = [&](size_t i) -> bool {
      if (state[i] == 2) return clean_[i];
      if (state[i] == 1) return false;
      state[i] = 1;
      bool clean = !nodes_[i]->changed;
      for (size_t imported : nodes_[i]->imports[1]) {
        if (!visit(imported)) clean = false;
      }
      state[i] = 2;
      clean_[i] = clean;
      return clean;
    };
    for (size_t i = 0; i < nodes_.size(); ++i) visit(i);
  }
}

ProtoScopePlanner::~ProtoScopePlanner() = default;

bool ProtoScopePlanner::IsContract(const std::string& import_path, bool before) const {
  return (before ? before_contracts_ : after_contracts_).count(import_path) > 0;
}

bool ProtoScopePlanner::RelatedToTouched(const std::string& package) const {
  for (const auto& t : touched_) {
    if (PackagesNest(t, package)) return true;
  }
  return false;
}

bool ProtoScopePlanner::PackageNamesCollide() {
  if (touched_.empty()) return false;
  // Each file's names, scanned once (an unchanged file once for both sides,
  // most of them with their headers already).
  std::vector<DeclaredNames> names_before(nodes_.size()), names_after(nodes_.size());
  std::vector<char> scan_before(nodes_.size(), 0), scan_after(nodes_.size(), 0);
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& node = *nodes_[i];
    scan_before[i] = node.read_before && RelatedToTouched(node.header_before.package);
    scan_after[i] = node.read_after && RelatedToTouched(node.header_after.package);
  }
  ParallelFor(nodes_.size(), jobs_, [&](size_t i) {
    if (!scan_before[i] && !scan_after[i]) return;
    Node& node = *nodes_[i];
    if (!node.changed) {
      DeclaredNames names;
      if (node.names_scanned) {
        names = std::move(node.names);
        node.names = {};
      } else if (auto text = ReadText(current_, node.after.repo_path)) {
        names = ScanDeclaredNames(*text);  // its bytes were let go after the header scan
      } else {
        return;
      }
      if (scan_before[i]) names_before[i] = names;
      if (scan_after[i]) names_after[i] = std::move(names);
      return;
    }
    if (scan_before[i]) names_before[i] = ScanDeclaredNames(*node.text_before);
    if (scan_after[i]) names_after[i] = ScanDeclaredNames(*node.text_after);
  });
  for (int side = 0; side < 2; ++side) {
    const auto& names = side == 0 ? names_before : names_after;
    const auto& scanned = side == 0 ? scan_before : scan_after;
    std::map<std::string, bool> table;  // full name -> is a package
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (!scanned[i]) continue;
      const std::string& package = names[i].package;
      for (size_t dot = 0; dot != std::string::npos && !package.empty();) {
        dot = package.find('.', dot + 1);
        auto [it, added] = table.emplace(package.substr(0, dot), true);
        if (!added && !it->second) return true;  // a package named like a type
      }
      for (const auto& name : names[i].names) {
        if (!table.emplace(name, false).second) return true;
      }
    }
  }
  return false;
}

std::set<std::string> ProtoScopePlanner::ChangedPackages() const {
  std::set<std::string> packages;
  for (const auto& import_path : changed_) {
    const Node& node = *nodes_[index_.at(import_path)];
    if (IsContract(import_path, true) && node.read_before)
      packages.insert(node.header_before.package);
    if (IsContract(import_path, false) && node.read_after)
      packages.insert(node.header_after.package);
  }
  return packages;
}

ProtoScope ProtoScopePlanner::First() {
  std::set<std::string> scope;
  if (!full_ && PackageNamesCollide()) {
    escalated_ = true;
    clean_.assign(nodes_.size(), 0);  // nothing shared: each side compiles all, as with `full`
  }
  if (full()) {
    for (const auto& [import_path, path] : before_contracts_) scope.insert(import_path);
    for (const auto& [import_path, path] : after_contracts_) scope.insert(import_path);
    return Make(scope);
  }
  // The changed contracts. The other contracts of their packages are
  // compiled only when a PACKAGE_* verdict needs them (Reached's
  // `packages`, see proto_check.cc's PackagesNeeded).
  for (const auto& import_path : changed_) {
    if (IsContract(import_path, true) || IsContract(import_path, false)) scope.insert(import_path);
  }
  return Make(scope);
}

void ProtoScopePlanner::ComputeReach() {
  // Per side, the files through which a changed one is seen: the changed
  // ones, and those that import such a file publicly (transitively). A file
  // that sets custom options (`sensitive`) also reads the message types of
  // their values, which may come through any import, public or not
  // (google/api/annotations.proto brings http.proto's HttpRule): for those
  // files every import counts (reaches_changed_).
  for (int side = 0; side < 2; ++side) {
    for (bool any_import : {false, true}) {
      std::vector<std::vector<size_t>> importers(nodes_.size());
      for (size_t i = 0; i < nodes_.size(); ++i) {
        const Node& node = *nodes_[i];
        for (size_t imported : any_import ? node.imports[side] : node.public_imports[side]) {
          importers[imported].push_back(i);
        }
      }
      std::vector<char>& shows = any_import ? reaches_changed_[side] : shows_changed_[side];
      shows.assign(nodes_.size(), 0);
      std::vector<size_t> queue;
      for (size_t i = 0; i < nodes_.size(); ++i) {
        if (nodes_[i]->changed) {
          shows[i] = 1;
          queue.push_back(i);
        }
      }
      while (!queue.empty()) {
        size_t i = queue.back();
        queue.pop_back();
        for (size_t importer : importers[i]) {
          if (!shows[importer]) {
            shows[importer] = 1;
            queue.push_back(importer);
          }
        }
      }
    }
  }
}

ProtoScope ProtoScopePlanner::Reached(const std::map<std::string, ChangedSurface>& changes,
                                      const std::set<std::string>& packages) {
  std::set<std::string> scope;
  if (full() || changed_.empty()) return Make(scope);
  if (package_scope_ && !packages.empty()) {
    for (const auto& node : nodes_) {
      bool before = IsContract(node->import_path, true),
           after = IsContract(node->import_path, false);
      if ((before && node->read_before && packages.count(node->header_before.package)) ||
          (after && node->read_after && packages.count(node->header_after.package))) {
        if (!scoped_.count(node->import_path)) scope.insert(node->import_path);
      }
    }
  }
  // Scan only when it can matter: a changed file whose surface is the same
  // on both sides (no type gone or changing kind, no new name, no detail an
  // option, default or extend reads) is read the same by every file that
  // sees it, so no unchanged file can compile differently.
  std::vector<const ChangedSurface*> surface(nodes_.size(), nullptr);
  bool matters = false;
  static const ChangedSurface kTypes = [] {
    ChangedSurface types;
    types.types = true;
    return types;
  }();
  for (const auto& import_path : changed_) {
    size_t i = index_.at(import_path);
    auto it = changes.find(import_path);
    surface[i] = it == changes.end() ? &kTypes : &it->second;
    const ChangedSurface& change = *surface[i];
    if (change.types || !change.added.empty() || !change.details.empty() ||
        !change.fields.empty()) {
      matters = true;
    }
  }
  if (!matters) return Make(scope);
  ComputeReach();
  std::set<std::string> members = std::move(scope);
  scope.clear();
  // Each candidate's text is read (again) only when a word decides.
  std::vector<Node*> candidates;
  for (const auto& node : nodes_) {
    if (node->changed || scoped_.count(node->import_path) || members.count(node->import_path))
      continue;
    bool contract = IsContract(node->import_path, true) || IsContract(node->import_path, false);
    if (contract) candidates.push_back(node.get());
  }
  std::vector<char> reached(candidates.size(), 0);
  ParallelFor(candidates.size(), jobs_, [&](size_t k) {
    const Node& node = *candidates[k];
    std::shared_ptr<const std::string> text;
    bool read = false;
    auto load = [&]() -> const std::string* {
      if (!read) {
        read = true;
        text = ReadText(current_, node.after.repo_path);  // unchanged: one text for both
      }
      return text.get();
    };
    auto has_word = [&](const std::string& word) {
      const std::string* loaded = load();
      return !loaded || HasWord(*loaded, word);  // unreadable: compiled, and reported there
    };
    std::unordered_set<std::string_view> option_words;
    bool options_scanned = false;
    auto has_option_word = [&](const std::string& word) {
      const std::string* loaded = load();
      if (!loaded) return true;
      if (!options_scanned) {
        options_scanned = true;
        option_words = OptionWords(*loaded);
      }
      return option_words.count(word) > 0;
    };
    // Whether the file reads a changed file differently, were it `sensitive`
    // or not.
    auto reaches = [&](bool sensitive) {
      for (bool before : {true, false}) {
        const std::string& package = (before ? node.header_before : node.header_after).package;
        auto visit = [&](size_t i) {
          const ChangedSurface* change = surface[i];
          if (!change) return false;  // unchanged
          if (change->types) return true;
          for (const auto& name : change->added) {
            size_t dot = name.rfind('.');
            std::string parent = dot == std::string::npos ? "" : name.substr(0, dot);
            if (PackagesNest(parent, package) &&
                has_word(dot == std::string::npos ? name : name.substr(dot + 1))) {
              return true;
            }
          }
          if (sensitive) {
            for (const auto& word : change->details) {
              if (has_word(word)) return true;
            }
            for (const auto& word : change->fields) {
              if (has_option_word(word)) return true;
            }
          }
          return false;
        };
        if (SeesChanged(node, before, sensitive) && Sees(node, before, sensitive, visit)) {
          return true;
        }
      }
      return false;
    };
    bool sensitive = node.header_before.sensitive || node.header_after.sensitive;
    bool known = node.header_before.complete && node.header_after.complete;
    if (sensitive || known) {
      reached[k] = reaches(sensitive);
      return;
    }
    // The header scan stopped at the first definition: `sensitive` is known
    // only when the verdict depends on it (sensitive reaches more, never
    // less), by a scan of the whole text (unchanged: one for both sides).
    if (reaches(false)) {
      reached[k] = 1;
    } else if (reaches(true)) {
      const std::string* loaded = load();
      reached[k] = !loaded || ScanProtoHeader(*loaded).sensitive;
    }
  });
  for (size_t k = 0; k < candidates.size(); ++k) {
    if (reached[k]) scope.insert(candidates[k]->import_path);
  }
  scope.insert(members.begin(), members.end());
  return Make(scope);
}

bool ProtoScopePlanner::SeesChanged(const Node& node, bool before, bool any_import) const {
  const std::vector<char>& shows = (any_import ? reaches_changed_ : shows_changed_)[before ? 0 : 1];
  if (shows.empty()) return false;
  for (size_t imported : node.imports[before ? 0 : 1]) {
    if (shows[imported]) return true;
  }
  return false;
}

bool ProtoScopePlanner::Sees(const Node& node, bool before, bool any_import,
                             const std::function<bool(size_t)>& visit) const {
  // What a file sees on one side: its imports, and what they import publicly
  // (with `any_import`, everything they import).
  int side = before ? 0 : 1;
  std::vector<char> seen(nodes_.size(), 0);
  std::vector<size_t> queue(node.imports[side].begin(), node.imports[side].end());
  for (size_t next = 0; next < queue.size(); ++next) {
    size_t i = queue[next];
    if (seen[i]) continue;
    seen[i] = 1;
    if (visit(i)) return true;
    const Node& imported = *nodes_[i];
    const auto& more = any_import ? imported.imports[side] : imported.public_imports[side];
    for (size_t j : more) {
      if (!seen[j]) queue.push_back(j);
    }
  }
  return false;
}

ProtoScope ProtoScopePlanner::Make(const std::set<std::string>& import_paths) {
  ProtoScope result;
  for (const auto& import_path : import_paths) {
    if (scoped_.insert(import_path).second) result.import_paths.push_back(import_path);
  }
  auto shared_contents = std::make_shared<ProtoContents>();
  auto fill = [&](bool is_before, ProtoSideScope* out) {
    const auto& contracts = is_before ? before_contracts_ : after_contracts_;
    auto contents = std::make_shared<ProtoContents>();
    std::set<std::string> kept;
    std::deque<std::string> queue;
    std::set<std::string> in_scope(result.import_paths.begin(), result.import_paths.end());
    for (const auto& import_path : result.import_paths) {
      auto it = contracts.find(import_path);
      if (it == contracts.end()) continue;
      out->contract_paths.push_back(it->second);
      if (kept.insert(import_path).second) queue.push_back(import_path);
    }
    std::sort(out->contract_paths.begin(), out->contract_paths.end());
    // What the scope imports on this side, transitively: parsed ahead too
    // (files compiled for an earlier scope are simply found in the pool).
    while (!queue.empty()) {
      std::string import_path = queue.front();
      queue.pop_front();
      auto it = index_.find(import_path);
      if (it == index_.end()) continue;
      const Node& node = *nodes_[it->second];
      const Resolution& resolution = is_before ? node.before : node.after;
      const auto& text = is_before ? node.text_before : node.text_after;
      if (resolution.repo_path.empty()) continue;
      if (clean_[it->second]) {
        // Compiled once for both sides; what it imports is clean too.
        if (text) (*shared_contents)[resolution.repo_path] = text;
        if (shared_.insert(import_path).second) result.shared.push_back(import_path);
      } else {
        if (text) (*contents)[resolution.repo_path] = text;
        if (!in_scope.count(import_path)) out->imports.push_back(import_path);
      }
      for (const auto& imported : (is_before ? node.header_before : node.header_after).imports) {
        if (kept.insert(imported).second) queue.push_back(imported);
      }
    }
    out->contents = std::move(contents);
  };
  fill(true, &result.against);
  fill(false, &result.current);
  // The bytes are the loaders' now (or read again, for a later scope).
  for (auto& node : nodes_) {
    node->text_before.reset();
    node->text_after.reset();
  }
  std::sort(result.shared.begin(), result.shared.end());
  result.shared_contents = std::move(shared_contents);
  return result;
}

}  // namespace contract_lint
