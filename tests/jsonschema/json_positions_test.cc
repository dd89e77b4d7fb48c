#include "jsonschema/json_positions.h"

#include <catch2/catch.hpp>

#include "jsonschema/schema_uri.h"

namespace contract_lint {
namespace {

TEST_CASE("the position index maps JSON pointers to 1-based spans", "[jsonschema]") {
  std::string text =
      "{\n"
      "  \"a/b\": [1, {\"c~d\": \"é\"}],\n"
      "  \"e\": true\n"
      "}\n";
  PositionIndex index;
  std::string error;
  int line = 0, column = 0;
  REQUIRE(index.Build(text, 512, &error, &line, &column));
  const TextSpan* root = index.Find("");
  CHECK(root->line == 1);
  CHECK(root->column == 1);
  CHECK(root->end_line == 4);
  CHECK(root->end_column == 2);
  const TextSpan* array = index.Find("/a~1b");
  CHECK(array->line == 2);
  CHECK(array->column == 10);
  CHECK(array->end_column == 27);
  const TextSpan* nested = index.Find("/a~1b/1/c~0d");
  CHECK(nested->line == 2);
  CHECK(nested->column == 22);
  CHECK(nested->end_column == 25);  // "é" is one code point, two bytes
  CHECK(index.Find("/e")->line == 3);
  // A pointer that does not exist falls back to its nearest existing parent.
  CHECK(index.Find("/a~1b/1/missing")->column == 14);
}

TEST_CASE("the position index refuses nesting beyond the limit without recursing", "[jsonschema]") {
  std::string text = std::string(100000, '[') + std::string(100000, ']');
  PositionIndex index;
  std::string error;
  int line = 0, column = 0;
  CHECK_FALSE(index.Build(text, 512, &error, &line, &column));
  CHECK(error == "nesting deeper than 512 levels");
  CHECK(line == 1);
  CHECK(column == 513);
}

TEST_CASE("a position index built on demand gives what the eager one gives", "[jsonschema]") {
  std::string text =
      "\xEF\xBB\xBF{\n"
      "  \"a/b\": [1, {\"c~d\": \"\xC3\xA9\\\"]{\"}],\n"
      "  \"e\": {\"f\": [[], {}, \"x\"]}\n"
      "}\n";
  PositionIndex eager, lazy;
  std::string error;
  int line = 0, column = 0;
  REQUIRE(eager.Build(text, 512, &error, &line, &column));
  REQUIRE(lazy.BuildOnDemand(text, 512, &error, &line, &column));
  PositionIndex copy = lazy;  // copies made before the first use share the index
  for (const char* pointer : {"", "/a~1b", "/a~1b/0", "/a~1b/1", "/a~1b/1/c~0d", "/e", "/e/f",
                              "/e/f/0", "/e/f/1", "/e/f/2", "/e/f/9", "/missing"}) {
    INFO(pointer);
    for (const PositionIndex* index : {&lazy, &copy}) {
      const TextSpan* got = index->Find(pointer);
      const TextSpan* want = eager.Find(pointer);
      REQUIRE(got);
      CHECK(got->line == want->line);
      CHECK(got->column == want->column);
      CHECK(got->end_line == want->end_line);
      CHECK(got->end_column == want->end_column);
      CHECK(index->Contains(pointer) == eager.Contains(pointer));
    }
  }
  // Too deep: the same message and position, found without building the index
  // (brackets inside strings do not count).
  std::string deep =
      "{\"s\": \"[[[[\", \"t\":\n" + std::string(600, '[') + std::string(600, ']') + "}";
  std::string eager_error, lazy_error;
  int eager_line = 0, eager_column = 0, lazy_line = 0, lazy_column = 0;
  CHECK_FALSE(eager.Build(deep, 512, &eager_error, &eager_line, &eager_column));
  CHECK_FALSE(lazy.BuildOnDemand(deep, 512, &lazy_error, &lazy_line, &lazy_column));
  CHECK(lazy_error == eager_error);
  CHECK(lazy_line == eager_line);
  CHECK(lazy_column == eager_column);
  CHECK(lazy_line == 2);
  CHECK(lazy_column == 512);
}

// The lexical scan, by the obvious definition: every `"key"` (not
// overlapping an earlier match of the same key) followed by `:` and a string.
std::vector<std::vector<std::string>> SlowStringsByKey(
    const std::string& text, std::initializer_list<std::string_view> keys) {
  std::vector<std::vector<std::string>> out;
  for (std::string_view key : keys) {
    std::vector<std::string> values;
    std::string needle = "\"" + std::string(key) + "\"";
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at)) {
      size_t i = at + needle.size();
      at = i;
      while (i < text.size() && isspace(static_cast<unsigned char>(text[i]))) ++i;
      if (i >= text.size() || text[i] != ':') continue;
      ++i;
      while (i < text.size() && isspace(static_cast<unsigned char>(text[i]))) ++i;
      if (i >= text.size() || text[i] != '"') continue;
      size_t end = ++i;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      if (end <= text.size()) values.push_back(text.substr(i, end - i));
    }
    out.push_back(values);
  }
  return out;
}

TEST_CASE("the lexical $ref/$id scan finds each key at any offset", "[jsonschema]") {
  // Every alignment of the keys against the 16-byte blocks, the end of the
  // text included, and near misses that must not count.
  const std::string pieces[] = {"\"$ref\": \"a.json#/x\"",
                                "\"$id\":\"https://e.test/b.json\"",
                                "\"id\" : \"c.json\"",
                                "\"$dynamicRef\": \"#meta\"",
                                "\"$refs\": \"no\"",
                                "\"ids\": \"no\"",
                                "\"$ref\": 1",
                                "\"x\": \"\\\"$ref\\\": \\\"in.json\\\"\"",
                                "\"$ref\"\"$ref\": \"odd.json\"",
                                "\"id\":\"d\\\"e\""};
  for (size_t pad = 0; pad < 20; ++pad) {
    std::string text = "{" + std::string(pad, ' ');
    for (const auto& piece : pieces) text += piece + ", ";
    for (size_t cut : {text.size(), text.size() - 3, text.size() - 9}) {
      std::string part = text.substr(0, cut);
      INFO(part);
      auto keys = {std::string_view("$ref"), std::string_view("$dynamicRef"),
                   std::string_view("$id"), std::string_view("id")};
      CHECK(JsonStringsByKey(part, keys) == SlowStringsByKey(part, keys));
    }
  }
  auto found = JsonStringsByKey("{\"id\": \"x.json\", \"$ref\": \"y.json\"}", {"$ref", "id"});
  REQUIRE(found.size() == 2);
  CHECK(found[0] == std::vector<std::string>{"y.json"});
  CHECK(found[1] == std::vector<std::string>{"x.json"});
}

TEST_CASE("LineColumnAt counts lines and code points", "[jsonschema]") {
  int line = 0, column = 0;
  LineColumnAt("ab\n\xc3\xa9x", 5, &line, &column);
  CHECK(line == 2);
  CHECK(column == 2);
}

TEST_CASE("URI references resolve like RFC 3986 and report escapes", "[jsonschema]") {
  bool escapes = false;
  CHECK(ResolveUri("repo:/a/b/c.json", "d.json#/x", &escapes) == "repo:/a/b/d.json#/x");
  CHECK(ResolveUri("repo:/a/b/c.json", "../d.json", &escapes) == "repo:/a/d.json");
  CHECK_FALSE(escapes);
  CHECK(ResolveUri("repo:/a/c.json", "../../etc/passwd", &escapes) == "repo:/etc/passwd");
  CHECK(escapes);
  escapes = false;
  CHECK(ResolveUri("https://x.example/s/a.json", "b.json", &escapes) ==
        "https://x.example/s/b.json");
  CHECK(ResolveUri("https://x.example/s/a.json", "#foo", &escapes) ==
        "https://x.example/s/a.json#foo");
  CHECK(ResolveUri("https://x.example/s/a.json", "urn:x:y", &escapes) == "urn:x:y");
  std::vector<std::string> tokens;
  REQUIRE(PointerTokens("/a~1b/c~0d/", &tokens));
  CHECK(tokens == std::vector<std::string>{"a/b", "c~d", ""});
  CHECK_FALSE(PointerTokens("/a~2", &tokens));
  CHECK(PercentDecode("%24defs/a%20b") == "$defs/a b");
}

}  // namespace
}  // namespace contract_lint
