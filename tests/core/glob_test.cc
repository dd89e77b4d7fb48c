#include "config/glob.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

namespace contract_lint {

TEST_CASE("globs match paths the way config users expect", "[core]") {
  CHECK(GlobMatch("**/*.schema.json", "a.schema.json"));
  CHECK(GlobMatch("**/*.schema.json", "schemas/orders/a.schema.json"));
  CHECK_FALSE(GlobMatch("**/*.schema.json", "schemas/a.json"));
  CHECK(GlobMatch("schemas/**/*.json", "schemas/x/y/z.json"));
  CHECK(GlobMatch("schemas/**/*.json", "schemas/z.json"));
  CHECK_FALSE(GlobMatch("schemas/*.json", "schemas/x/z.json"));
  CHECK(GlobMatch("third_party/**", "third_party/google/a.proto"));
  CHECK(GlobMatch("proto/legacy", "proto/legacy/a.proto"));
  CHECK_FALSE(GlobMatch("proto/legacy", "proto/legacy2/a.proto"));
  CHECK(GlobMatch("proto/acme/orders/**", "proto/acme/orders/v1/orders.proto"));
  CHECK(GlobMatch("a?c.proto", "abc.proto"));
  CHECK_FALSE(GlobMatch("a?c.proto", "a/c.proto"));
  CHECK(GlobMatch(".", "anything/at/all"));
}

// The matcher's definition, written as plainly as possible: the fast path
// (substring rejection, no allocation) must agree with it on every input.
bool Reference(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p.substr(0, 3) == "**/") {
    if (Reference(p.substr(3), s)) return true;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '/' && Reference(p.substr(3), s.substr(i + 1))) return true;
    }
    return false;
  }
  if (p.substr(0, 2) == "**") {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (Reference(p.substr(2), s.substr(i))) return true;
    }
    return false;
  }
  if (p[0] == '*') {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (Reference(p.substr(1), s.substr(i))) return true;
      if (i < s.size() && s[i] == '/') break;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '?' ? s[0] == '/' : p[0] != s[0]) return false;
  return Reference(p.substr(1), s.substr(1));
}

bool ReferenceGlob(std::string pattern, std::string_view path) {
  if (pattern.rfind("./", 0) == 0) pattern.erase(0, 2);
  while (!pattern.empty() && pattern.back() == '/') pattern.pop_back();
  if (pattern.empty() || pattern == ".") return true;
  if (Reference(pattern, path)) return true;
  bool wild = pattern.find_first_of("*?") != std::string::npos;
  if (!wild)
    return path.size() > pattern.size() && path[pattern.size()] == '/' &&
           path.substr(0, pattern.size()) == pattern;
  return Reference(pattern + "/**", path);
}

TEST_CASE("globs agree with the plain definition on random patterns and paths", "[core]") {
  std::mt19937 rng(20261207);
  const char* pieces[] = {"a", "b", "ab", "/", "*", "**", "**/", "?", ".", "x.yaml", "/a"};
  auto draw = [&](int n, int alphabet) {
    std::string out;
    for (int i = std::uniform_int_distribution<int>(0, n)(rng); i > 0; --i) {
      out += pieces[std::uniform_int_distribution<int>(0, alphabet - 1)(rng)];
    }
    return out;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string pattern = draw(5, 11);
    std::string path = draw(6, 4);  // literals and slashes only
    if (round % 3 == 0) path += "/x.yaml";
    INFO("pattern \"" << pattern << "\" path \"" << path << "\"");
    REQUIRE(GlobMatch(pattern, path) == ReferenceGlob(pattern, path));
  }
}

}  // namespace contract_lint
