// The libyaml loader of OpenAPI/AsyncAPI documents (src/openapi/yaml_events.cc):
// positions, scalar typing, anchors and merge keys, limits and messages; and
// the same model and positions as the yaml-cpp conversion it replaced, on every
// document of the repository's fixtures.
#include "openapi/yaml_events.h"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "config/yaml_scalar.h"
#include "contract_lint/diagnostics.h"
#include "openapi/openapi_document.h"
#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Loaded {
  bool ok = false;
  json root;
  std::map<std::string, std::string> positions;  // pointer -> "line:col-end"
  std::string error;                             // "line:col: message"
};

std::string Span(const TextSpan& s) {
  return std::to_string(s.line) + ":" + std::to_string(s.column) + "-" +
         std::to_string(s.end_line) + ":" + std::to_string(s.end_column);
}

Loaded Load(const std::string& text, YamlLoadLimits limits = {}) {
  Loaded out;
  std::unordered_map<std::string, TextSpan> positions;
  YamlLoadError error;
  out.ok = LoadYamlDocument(text, limits, &out.root, &positions, &error);
  if (!out.ok)
    out.error =
        std::to_string(error.line) + ":" + std::to_string(error.column) + ": " + error.message;
  for (const auto& [pointer, span] : positions) out.positions[pointer] = Span(span);
  return out;
}

std::string Pos(const Loaded& loaded, const std::string& pointer) {
  auto it = loaded.positions.find(pointer);
  return it == loaded.positions.end() ? "none" : it->second;
}

// The yaml-cpp conversion the loader replaced (src/openapi/openapi_document.cc
// before libyaml), kept here as the reference.
struct Reference {
  std::unordered_map<std::string, TextSpan> positions;
  size_t nodes = 0;
  std::string error;
  YAML::Mark mark;

  bool Fail(const YAML::Mark& at, std::string message) {
    if (error.empty()) {
      error = std::move(message);
      mark = at;
    }
    return false;
  }
  void Record(const std::string& pointer, const YAML::Mark& at, size_t length) {
    positions.emplace(pointer, TextSpan{at.line + 1, at.column + 1, at.line + 1,
                                        at.column + 1 + static_cast<int>(length)});
  }
  bool Merge(const YAML::Node& node, json* out, int depth, const std::string& pointer) {
    for (const auto& entry : node) {
      if (!entry.first.IsScalar() || entry.first.Scalar() != "<<") continue;
      std::vector<YAML::Node> sources;
      if (entry.second.IsMap()) {
        sources.push_back(entry.second);
      } else if (entry.second.IsSequence()) {
        for (const auto& item : entry.second) sources.push_back(item);
      }
      for (const auto& source : sources) {
        if (!source.IsMap()) return Fail(entry.second.Mark(), "a merge key (<<) needs mappings");
        json merged;
        if (!Convert(source, &merged, depth + 1, pointer)) return false;
        for (auto it = merged.begin(); it != merged.end(); ++it) {
          if (!out->contains(it.key())) (*out)[it.key()] = it.value();
        }
      }
      if (sources.empty()) return Fail(entry.second.Mark(), "a merge key (<<) needs mappings");
    }
    return true;
  }
  bool Convert(const YAML::Node& node, json* out, int depth, const std::string& pointer) {
    if (++nodes > 1000000) {
      return Fail(node.Mark(), "the document expands to more than 1000000 nodes (aliases?)");
    }
    if (depth > 256) return Fail(node.Mark(), "nesting deeper than 256 levels");
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        *out = nullptr;
        return true;
      case YAML::NodeType::Scalar:
        *out = YamlScalarToJson(node);
        return true;
      case YAML::NodeType::Sequence:
        *out = json::array();
        for (const auto& item : node) {
          std::string child = pointer + "/" + std::to_string(out->size());
          Record(child, item.Mark(), 1);
          json value;
          if (!Convert(item, &value, depth + 1, child)) return false;
          out->push_back(std::move(value));
        }
        return true;
      case YAML::NodeType::Map:
        *out = json::object();
        for (const auto& entry : node) {
          if (!entry.first.IsScalar()) return Fail(entry.first.Mark(), "keys must be strings");
          const std::string& key = entry.first.Scalar();
          if (key == "<<") continue;
          if (out->contains(key)) {
            return Fail(entry.first.Mark(),
                        "duplicate key \"" + key + "\" (YAML keeps only one of them)");
          }
          std::string child = pointer + "/" + EscapePointerToken(key);
          Record(child, entry.first.Mark(), key.size());
          json value;
          if (!Convert(entry.second, &value, depth + 1, child)) return false;
          (*out)[key] = std::move(value);
        }
        return Merge(node, out, depth, pointer);
    }
    return true;
  }
};

// The reference's result; `syntax` is set when yaml-cpp refused the text
// (its messages differ from libyaml's: only the refusal is compared).
Loaded ReferenceLoad(const std::string& text, bool* syntax) {
  Loaded out;
  *syntax = false;
  Reference reference;
  try {
    YAML::Node root = YAML::Load(text);
    out.ok = reference.Convert(root, &out.root, 0, "");
    if (!out.ok) {
      out.error = std::to_string(reference.mark.line + 1) + ":" +
                  std::to_string(reference.mark.column + 1) + ": " + reference.error;
    }
  } catch (const YAML::Exception&) {
    *syntax = true;
    return out;
  }
  for (const auto& [pointer, span] : reference.positions) out.positions[pointer] = Span(span);
  return out;
}

void ExpectSameAsReference(const std::string& text) {
  bool syntax = false;
  Loaded expected = ReferenceLoad(text, &syntax);
  Loaded actual = Load(text);
  if (syntax) {
    CHECK_FALSE(actual.ok);
    CHECK(actual.error.find("invalid YAML: ") != std::string::npos);
    return;
  }
  CHECK(actual.error == expected.error);
  CHECK(actual.ok == expected.ok);
  if (!expected.ok) return;
  CHECK(actual.root.dump() == expected.root.dump());
  CHECK(actual.positions == expected.positions);
}

TEST_CASE("yaml loader: the same model and positions as yaml-cpp on every fixture document",
          "[yaml]") {
  int files = 0;
  for (const char* folder : {"fixtures/openapi", "fixtures/asyncapi", "fixtures/demo"}) {
    fs::path root = testing::SourceDir() / folder;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".yaml" && ext != ".yml" && ext != ".json")) continue;
      INFO(entry.path().string());
      ExpectSameAsReference(testing::ReadFile(entry.path()));
      ++files;
    }
  }
  CHECK(files > 100);
}

TEST_CASE("yaml loader: the same as yaml-cpp on edge cases", "[yaml]") {
  const char* cases[] = {
      "",
      "# only a comment\n",
      "---\n",
      "a: 1\n",
      "a: 1\n---\nb: 2\n",
      "- a\n-\n- c\n-\n",
      "a:\n  -\n  - b\n  -   # comment\n\n  - d\nz: 1\n",
      "a: [1, 2, {b: c}]\nd: {e: [f]}\n",
      "\"quoted key\": 1\n'single': 2\n? complex\n: 3\n",
      "a: &x {b: 1, c: [1, 2]}\nd: *x\ne: [*x, *x]\n",
      "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n",
      "one: &o {a: 1}\ntwo: &t {a: 2, b: 2}\nm:\n  <<: [*o, *t]\n  c: 3\n",
      "a: |\n  line 1\n  line 2\nb: >-\n  folded\n  text\nc: 'it''s'\nd: \"\\u00e9\\t\"\n",
      "\xEF\xBB\xBF"
      "a: 1\nb: [x]\n",
      "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
      "\xC3\xA9t\xC3\xA9: {k\xC3\xA9: 1, b: 2}\nl: [\xC3\xA9, x]\n",
      "a: \"\xE2\x82\xAC\"\nb:\n- {x: \xE2\x82\xAC, y: 1}\n",
      "a: 1\t# tab before comment\nb:\t2\n",
      "{\"openapi\": \"3.0.0\", \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": "
      "{\"description\": \"ok\"}}}}}, \"n\": [1, 2.5, -3, true, null]}",
      "{\n  \"a\": [\n    1,\n    {\"b\": \"c\"}\n  ]\n}\n",
      "v: [yes, no, on, off, y, n, Yes, NO, True, FALSE, ~, null, Null, NULL]\n",
      "v: [0x1f, 0o17, 017, +1, -1, 1e3, 1.5, .5, 5., .inf, -.inf, .nan, inf, nan, 1_000]\n",
      "v: ['1', \"2\", !!str 3, !!int 4, ! 5, !!null ~, '', \"\", !!str ]\n",
      "v: [12345678901234567890, -9223372036854775808, 9223372036854775807, 1e400]\n",
      "a: 1\na: 2\n",
      "a:\n  b: 1\n  c:\n    b: 1\n    b: 2\n",
      "[a, b]: 1\n",
      "{a: 1}: 2\n",
      "null: 1\n",
      "~: 1\n",
      "m:\n  <<: 1\n",
      "m:\n  <<: [1]\n",
      "a: &a [*a]\n",
      "- &k key\n- {*k : 1}\n",
      "a: b: c\n",
      "a: [1, 2\n",
      "a: *unknown\n",
      "\tkey: 1\n",
      "a:\n\t- 1\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\n...\n",
      "key with spaces: value with: colon\nurl: http://x/y#z\n",
      "\"a\\u0000b\": 1\n",
      "'~': 1\n\"null\": 2\n'<<': {a: 1}\n",
  };
  for (const char* text : cases) {
    INFO(text);
    ExpectSameAsReference(text);
  }
}

TEST_CASE("yaml loader: positions of keys and items", "[yaml]") {
  Loaded doc = Load(
      "openapi: 3.0.3\n"
      "paths:\n"
      "  /a/{id}:\n"
      "    get:\n"
      "      parameters:\n"
      "        - {name: id, in: path}\n"
      "        - name: q\n"
      "          in: query\n"
      "      tags: [x, \"y\"]\n");
  REQUIRE(doc.ok);
  CHECK(Pos(doc, "/openapi") == "1:1-1:8");
  CHECK(Pos(doc, "/paths/~1a~1{id}") == "3:3-3:10");
  CHECK(Pos(doc, "/paths/~1a~1{id}/get/parameters/0") == "6:11-6:12");
  CHECK(Pos(doc, "/paths/~1a~1{id}/get/parameters/0/in") == "6:22-6:24");
  CHECK(Pos(doc, "/paths/~1a~1{id}/get/parameters/1") == "7:11-7:12");
  CHECK(Pos(doc, "/paths/~1a~1{id}/get/parameters/1/in") == "8:11-8:13");
  CHECK(Pos(doc, "/paths/~1a~1{id}/get/tags/1") == "9:17-9:18");
  // Columns count bytes, a BOM is not counted, CRLF ends a line once.
  Loaded utf8 = Load("\xEF\xBB\xBFk\xC3\xA9: {a: 1, b: 2}\r\nz:\r\n  - 1\r\n");
  REQUIRE(utf8.ok);
  CHECK(Pos(utf8, "/k\xC3\xA9") == "1:1-1:4");
  CHECK(Pos(utf8, "/k\xC3\xA9/b") == "1:13-1:14");
  CHECK(Pos(utf8, "/z/0") == "3:5-3:6");
  // An empty block sequence item sits where the next token starts (yaml-cpp).
  Loaded empty = Load("a:\n  -\n  - b\n");
  REQUIRE(empty.ok);
  CHECK(empty.root["a"] == json::array({nullptr, "b"}));
  CHECK(Pos(empty, "/a/0") == "3:3-3:4");
}

TEST_CASE("yaml loader: scalar typing", "[yaml]") {
  Loaded doc = Load(
      "bools: [true, True, TRUE, false, yes, no, on, off, y, n]\n"
      "nulls: [~, null, Null, NULL, '~', \"null\"]\n"
      "ints: [0, -7, 9223372036854775807, 0x1f, 0o17, 017, +1, 1_000]\n"
      "reals: [1.5, 1e3, .inf, -.inf, .nan, inf, 12345678901234567890]\n"
      "quoted: ['1', \"2.5\", !!str 3, !!int 4, 'true']\n"
      "empty:\n");
  REQUIRE(doc.ok);
  // YAML 1.2 core spellings: yes/no/on/off/y/n are strings, as in yaml-cpp.
  CHECK(doc.root["bools"] ==
        json::parse(R"([true, true, true, false, "yes", "no", "on", "off", "y", "n"])"));
  CHECK(doc.root["nulls"] == json::parse(R"([null, null, null, null, "~", "null"])"));
  // Only decimal integers are numbers; 0x/0o/+1/1_000 stay strings; 017 is 17.
  CHECK(doc.root["ints"] ==
        json::parse(R"([0, -7, 9223372036854775807, "0x1f", "0o17", 17, "+1", "1_000"])"));
  CHECK(doc.root["ints"][2].is_number_integer());
  CHECK(doc.root["reals"][0] == 1.5);
  CHECK(doc.root["reals"][1] == 1000.0);
  CHECK(doc.root["reals"][2] == ".inf");  // the YAML spelling is not one of from_chars'
  CHECK(doc.root["reals"][4] == ".nan");
  CHECK(doc.root["reals"][5].is_number_float());  // "inf" is (the rule's own quirk)
  CHECK(doc.root["reals"][6].is_number_float());  // beyond int64: a double
  CHECK(doc.root["quoted"] == json::parse(R"(["1", "2.5", "3", "4", "true"])"));
  CHECK(doc.root["empty"].is_null());
}

TEST_CASE("yaml loader: anchors, aliases and merge keys", "[yaml]") {
  Loaded doc = Load(
      "base: &b {type: string, maxLength: 3}\n"
      "list: &l [1, 2]\n"
      "use:\n"
      "  a: *b\n"
      "  b: *l\n"
      "  c:\n"
      "    <<: *b\n"
      "    maxLength: 5\n");
  REQUIRE(doc.ok);
  CHECK(doc.root["use"]["a"] == json::parse(R"({"type": "string", "maxLength": 3})"));
  CHECK(doc.root["use"]["b"] == json::array({1, 2}));
  CHECK(doc.root["use"]["c"] == json::parse(R"({"type": "string", "maxLength": 5})"));
  // An alias's content keeps the anchor's positions under the new pointer.
  CHECK(Pos(doc, "/use/a/type") == "1:11-1:15");
  CHECK(Pos(doc, "/use/c/maxLength") == "8:5-8:14");
  CHECK(Pos(doc, "/use/c/type") == "1:11-1:15");
  // An alias to itself recurses until the depth limit.
  CHECK(Load("a: &a [*a]\n").error == "1:4: nesting deeper than 256 levels");
  CHECK(Load("a: *nope\n").error ==
        "1:4: invalid YAML: the referenced anchor is not defined: *nope");
  CHECK(Load("m:\n  <<: 1\n").error == "2:7: a merge key (<<) needs mappings");
}

TEST_CASE("yaml loader: an alias bomb stops at the node budget", "[yaml]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char name = 'b'; name <= 'k'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = std::string(1, name);
  }
  Loaded doc = Load(bomb);
  CHECK_FALSE(doc.ok);
  CHECK(doc.error == "1:35: the document expands to more than 1000000 nodes (aliases?)");
  bool syntax = false;
  CHECK(ReferenceLoad(bomb, &syntax).error == doc.error);
}

TEST_CASE("yaml loader: nesting limits", "[yaml]") {
  std::string deep = "a: " + std::string(300, '[') + std::string(300, ']') + "\n";
  CHECK(Load(deep).error == "1:260: nesting deeper than 256 levels");
  std::string deeper = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  CHECK(Load(deeper).error == "1:502: invalid YAML: nesting too deep");
  std::string block;
  for (int i = 0; i < 260; ++i) block += std::string(i, ' ') + "k:\n";
  CHECK(Load(block).error.ends_with(": nesting deeper than 256 levels"));
}

TEST_CASE("yaml loader: bad input is an error with its position", "[yaml]") {
  CHECK(Load("a: 1\na: 2\n").error == "2:1: duplicate key \"a\" (YAML keeps only one of them)");
  CHECK(Load("[a, b]: 1\n").error == "1:1: keys must be strings");
  CHECK(Load("null: 1\n").error == "1:1: keys must be strings");
  CHECK(Load("a: [1, 2\n").error ==
        "2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at "
        "1:4)");
  CHECK(Load("a: b: c\n").error ==
        "1:5: invalid YAML: mapping values are not allowed in this "
        "context");
  CHECK(Load("a:\n\t- 1\n").error ==
        "2:1: invalid YAML: found character that cannot start any token (while scanning for the "
        "next token at 2:1)");
  // Only the first document is read, as before.
  Loaded multi = Load("a: 1\n---\nb: [\n");
  CHECK(multi.ok);
  CHECK(multi.root == json::parse(R"({"a": 1})"));
}

TEST_CASE("ParseApiDocument reports file:line:col with the side's note", "[yaml]") {
  ApiDocument doc;
  Diagnostics diagnostics;
  CHECK_FALSE(ParseApiDocument("api/openapi.yaml", "openapi: 3.0.0\ninfo: {a: 1, a: 2}\n",
                               " (in the baseline)", &doc, &diagnostics));
  auto all = diagnostics.Sorted();
  REQUIRE(all.size() == 1);
  CHECK(FormatDiagnostic(all[0]) ==
        "api/openapi.yaml:2:14: error: duplicate key \"a\" (YAML keeps only one of them) (in "
        "the baseline)");
}

}  // namespace
}  // namespace contract_lint
