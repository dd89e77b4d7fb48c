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
