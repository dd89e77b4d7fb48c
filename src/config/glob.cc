#include "config/glob.h"

namespace contract_lint {
namespace {

// Recursive matcher; patterns and paths are short.
bool Match(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p.substr(0, 3) == "**/") {
    // Zero or more whole segments.
    if (Match(p.substr(3), s)) return true;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '/' && Match(p.substr(3), s.substr(i + 1))) return true;
    }
    return false;
  }
  if (p.substr(0, 2) == "**") {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (Match(p.substr(2), s.substr(i))) return true;
    }
    return false;
  }
  if (p[0] == '*') {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (Match(p.substr(1), s.substr(i))) return true;
      if (i < s.size() && s[i] == '/') break;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '?' ? s[0] == '/' : p[0] != s[0]) return false;
  return Match(p.substr(1), s.substr(1));
}

// The longest run of literal characters in `p` (between wildcards). Every path
// the pattern matches (also as a directory, "p/**") contains it, so a path
// without it is rejected by one substring search, before any backtracking.
std::string_view LongestLiteral(std::string_view p) {
  std::string_view best;
  size_t start = 0;
  for (size_t i = 0; i <= p.size(); ++i) {
    bool wildcard = i == p.size() || p[i] == '*' || p[i] == '?';
    // "**/" matches zero segments: its slash is not a literal of the path.
    if (!wildcard && p[i] == '/' && i >= 2 && p[i - 1] == '*' && p[i - 2] == '*') wildcard = true;
    if (!wildcard) continue;
    if (i - start > best.size()) best = p.substr(start, i - start);
    start = i + 1;
  }
  return best;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view path) {
  if (pattern.size() >= 2 && pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  while (!pattern.empty() && pattern.back() == '/') pattern.remove_suffix(1);
  if (pattern.empty() || pattern == ".") return true;
  if (path.find(LongestLiteral(pattern)) == std::string_view::npos) return false;
  if (Match(pattern, path)) return true;
  // A directory pattern covers everything below it.
  if (path.size() > pattern.size() && path[pattern.size()] == '/' &&
      pattern.find_first_of("*?") == std::string_view::npos &&
      path.substr(0, pattern.size()) == pattern) {
    return true;
  }
  if (pattern.find_first_of("*?") != std::string_view::npos) {
    // "dir/**" style patterns already cover subpaths; "a/*" covers files in a/:
    // the pattern matches a directory above the path ("pattern/**").
    for (size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '/' && Match(pattern, path.substr(0, i))) return true;
    }
  }
  return false;
}

bool GlobMatchAny(const std::vector<std::string>& patterns, std::string_view path) {
  for (const auto& pattern : patterns) {
    if (GlobMatch(pattern, path)) return true;
  }
  return false;
}

}  // namespace contract_lint
