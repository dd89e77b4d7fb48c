// Input errors and edge cases of the JSON Schema check: exact diagnostics
// for bad JSON and bad $refs, termination on cycles, which files compare.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "jsonschema/jsonschema_check.h"

namespace contract_lint {
namespace {

using Files = std::map<std::string, std::string>;

struct Outcome {
  std::vector<Finding> findings;
  std::vector<std::string> diagnostics;  // formatted
};

Outcome Check(const Files& previous, const Files& current, JsonSchemaSettings settings = {}) {
  MemorySnapshot against(previous, "previous");
  MemorySnapshot now(current, "current");
  Outcome outcome;
  Diagnostics diagnostics;
  CheckJsonSchemas(against, now, settings, &outcome.findings, &diagnostics);
  for (const auto& d : diagnostics.Sorted()) outcome.diagnostics.push_back(FormatDiagnostic(d));
  return outcome;
}

std::vector<std::string> Rules(const Outcome& outcome) {
  std::vector<std::string> rules;
  for (const auto& f : outcome.findings) rules.push_back(f.rule);
  std::sort(rules.begin(), rules.end());
  return rules;
}

TEST_CASE("invalid JSON gives a diagnostic at its line and column", "[jsonschema]") {
  std::string bad =
      "{\n"
      "  \"type\": \"object\",\n"
      "  \"properties\": {\"a\": {\"type\": \"string\",}}\n"
      "}\n";
  auto outcome = Check({{"a.schema.json", "{}"}}, {{"a.schema.json", bad}});
  REQUIRE(outcome.diagnostics.size() == 1);
  CHECK(
      outcome.diagnostics[0] ==
      "a.schema.json:3:41: error: invalid JSON: syntax error while parsing object key - unexpected "
      "'}'; expected string literal");
  CHECK(outcome.findings.empty());
}

TEST_CASE("invalid JSON in the baseline says so", "[jsonschema]") {
  auto outcome = Check({{"a.schema.json", "{\"type\": nope}"}}, {{"a.schema.json", "{}"}});
  REQUIRE(outcome.diagnostics.size() == 1);
  CHECK(outcome.diagnostics[0] ==
        "a.schema.json:1:11: error: invalid JSON: syntax error while parsing value - invalid "
        "literal; "
        "last read: '\"type\": no' (in the baseline)");
}

TEST_CASE("nesting beyond 512 levels is an input error, not a crash", "[jsonschema]") {
  std::string deep = "{\"properties\": {\"x\": {\"const\": " + std::string(5000, '[') +
                     std::string(5000, ']') + "}}}";
  auto outcome = Check({{"a.schema.json", "{}"}}, {{"a.schema.json", deep}});
  REQUIRE(outcome.diagnostics.size() == 1);
  CHECK(outcome.diagnostics[0] ==
        "a.schema.json:1:541: error: invalid JSON: nesting deeper than 512 levels");
}

TEST_CASE("a $ref out of the repository is refused with file and pointer", "[jsonschema]") {
  std::string schema =
      "{\n"
      "  \"properties\": {\n"
      "    \"x\": {\"$ref\": \"../../etc/passwd\"},\n"
      "    \"y\": {\"$ref\": \"/etc/passwd\"},\n"
      "    \"z\": {\"$ref\": \"file:///etc/passwd\"}\n"
      "  }\n"
      "}\n";
  auto outcome = Check({{"schemas/a.schema.json", "{}"}}, {{"schemas/a.schema.json", schema}});
  CHECK(outcome.diagnostics ==
        std::vector<std::string>{"schemas/a.schema.json:3:19: error: $ref \"../../etc/passwd\" at "
                                 "\"#/properties/x\" leaves the "
                                 "repository",
                                 "schemas/a.schema.json:4:19: error: $ref \"/etc/passwd\" at "
                                 "\"#/properties/y\" is an absolute "
                                 "path, which leaves the repository",
                                 "schemas/a.schema.json:5:19: error: $ref \"file:///etc/passwd\" "
                                 "at \"#/properties/z\" leaves the "
                                 "repository"});
}

TEST_CASE("a $ref to a missing file, pointer or anchor is an input error", "[jsonschema]") {
  std::string schema =
      "{\"properties\": {\"a\": {\"$ref\": \"other.schema.json\"}, \"b\": {\"$ref\": "
      "\"#/$defs/nope\"},"
      " \"c\": {\"$ref\": \"#nope\"}}}";
  auto outcome = Check({{"a.schema.json", "{}"}}, {{"a.schema.json", schema}});
  CHECK(outcome.diagnostics ==
        std::vector<std::string>{
            "a.schema.json:1:31: error: $ref \"other.schema.json\" at \"#/properties/a\" points at "
            "other.schema.json, which does not exist",
            "a.schema.json:1:67: error: $ref \"#/$defs/nope\" at \"#/properties/b\" points at "
            "\"#/$defs/nope\", "
            "which does not exist in a.schema.json",
            "a.schema.json:1:98: error: $ref \"#nope\" at \"#/properties/c\" names an anchor "
            "\"nope\" that "
            "a.schema.json does not define"});
}

TEST_CASE("a cycle of bare $refs terminates with a diagnostic", "[jsonschema]") {
  std::string schema =
      "{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}},"
      " \"properties\": {\"x\": {\"$ref\": \"#/$defs/a\"}, \"self\": {\"$ref\": "
      "\"#/properties/self\"}}}";
  auto outcome = Check({{"a.schema.json", "{\"type\": \"object\"}"}}, {{"a.schema.json", schema}});
  REQUIRE_FALSE(outcome.diagnostics.empty());
  for (const auto& d : outcome.diagnostics) {
    CHECK_THAT(d, Catch::Contains("is part of a cycle of $refs that never reaches a schema"));
  }
}

TEST_CASE("recursive schemas compare as a fix-point and report a change once", "[jsonschema]") {
  std::string before =
      "{\"$ref\": \"#/$defs/node\", \"$defs\": {\"node\": {\"type\": \"object\", \"properties\": "
      "{\"value\": {\"type\": \"number\"}, \"children\": {\"type\": \"array\", \"items\": "
      "{\"$ref\": \"#/$defs/node\"}}, \"next\": {\"$ref\": \"#\"}}}}}";
  std::string after = before;
  after.replace(after.find("\"number\""), 8, "\"integer\"");
  auto outcome = Check({{"tree.schema.json", before}}, {{"tree.schema.json", after}});
  CHECK(outcome.diagnostics.empty());
  REQUIRE(outcome.findings.size() == 1);
  CHECK(outcome.findings[0].rule == "TYPE_NO_NARROW");
  CHECK(outcome.findings[0].subject == "tree.schema.json#/$defs/node/properties/value");
  // Two different recursive shapes (mutual recursion on one side) terminate too.
  std::string mutual =
      "{\"$ref\": \"#/$defs/a\", \"$defs\": {\"a\": {\"properties\": {\"b\": {\"$ref\": "
      "\"#/$defs/b\"}}},"
      " \"b\": {\"properties\": {\"a\": {\"$ref\": \"#/$defs/a\"}, \"n\": {\"type\": "
      "\"string\"}}}}}";
  outcome = Check({{"tree.schema.json", before}}, {{"tree.schema.json", mutual}});
  CHECK(outcome.diagnostics.empty());
  CHECK_FALSE(outcome.findings.empty());
}

TEST_CASE("remote $refs are never fetched and give a warning", "[jsonschema]") {
  std::string schema = "{\"properties\": {\"a\": {\"$ref\": \"https://example.com/x.json\"}}}";
  auto outcome =
      Check({{"a.schema.json", "{\"properties\": {\"a\": {}}}"}}, {{"a.schema.json", schema}});
  CHECK(outcome.diagnostics.empty());
  REQUIRE(outcome.findings.size() == 1);
  const Finding& f = outcome.findings[0];
  CHECK(f.rule == "REF_UNRESOLVED_REMOTE");
  CHECK(f.severity == Severity::kWarning);
  CHECK(f.direction == Direction::kNone);
  CHECK(f.location.line == 1);
  CHECK(f.location.column == 31);
  CHECK(f.message ==
        "\"#/properties/a\" $ref \"https://example.com/x.json\" is remote and was not checked: "
        "remote "
        "references are never fetched");
}

TEST_CASE("a deleted schema is reported at the baseline file, an added one not at all",
          "[jsonschema]") {
  auto outcome = Check({{"old.schema.json", "{}"}}, {{"new.schema.json", "{}"}});
  REQUIRE(outcome.findings.size() == 1);
  const Finding& f = outcome.findings[0];
  CHECK(f.rule == "SCHEMA_NO_DELETE");
  CHECK(f.direction == Direction::kNarrowing);
  CHECK(f.location.path == "old.schema.json");
  CHECK(f.location.line == 1);
  CHECK(f.location.column == 1);
  CHECK(f.location.side == Side::kAgainst);
  CHECK(f.message ==
        "schema file old.schema.json deleted: documents valid before are now rejected");
}

TEST_CASE("files outside include, or excluded, are not contracts", "[jsonschema]") {
  JsonSchemaSettings settings;
  settings.include = {"schemas/**/*.json"};
  settings.exclude = {"schemas/vendor/**"};
  auto outcome = Check({{"schemas/a.json", "{\"type\": \"string\"}"},
                        {"schemas/vendor/b.json", "{\"type\": \"string\"}"},
                        {"other/c.json", "{\"type\": \"string\"}"}},
                       {{"schemas/a.json", "{\"type\": \"integer\"}"},
                        {"schemas/vendor/b.json", "{\"type\": \"integer\"}"},
                        {"other/c.json", "{\"type\": \"integer\"}"}},
                       settings);
  CHECK(Rules(outcome) == std::vector<std::string>{"TYPE_NO_CHANGE"});
}

TEST_CASE("an unchanged file is compared when a file it references changed", "[jsonschema]") {
  Files previous = {
      {"a.schema.json", "{\"properties\": {\"m\": {\"$ref\": \"common.json#/$defs/m\"}}}"},
      {"common.json", "{\"$defs\": {\"m\": {\"type\": \"string\"}}}"}};
  Files current = previous;
  current["common.json"] = "{\"$defs\": {\"m\": {\"type\": \"string\", \"maxLength\": 3}}}";
  auto outcome = Check(previous, current);
  CHECK(outcome.diagnostics.empty());
  REQUIRE(outcome.findings.size() == 1);
  CHECK(outcome.findings[0].rule == "MAX_LENGTH_NO_DECREASE");
  CHECK(outcome.findings[0].location.path == "common.json");
  // Nothing changed anywhere: nothing compared, nothing found.
  CHECK(Check(previous, previous).findings.empty());
}

TEST_CASE("$refs resolve by $id, $anchor, escaped pointers and $dynamicRef", "[jsonschema]") {
  auto make = [](const std::string& type) {
    return Files{
        {"a.schema.json",
         "{\"$id\": \"https://x.example/a.json\", \"properties\": {"
         "\"byid\": {\"$ref\": \"https://x.example/b.json#/$defs/t\"},"
         "\"relative\": {\"$ref\": \"b.json#pos\"},"
         "\"escaped\": {\"$ref\": \"#/$defs/a~1b/properties/c%25d\"},"
         "\"dynamic\": {\"$dynamicRef\": \"#meta\"}},"
         "\"$defs\": {\"a/b\": {\"properties\": {\"c%d\": {\"type\": \"" +
             type +
             "\"}}},"
             "\"m\": {\"$dynamicAnchor\": \"meta\", \"type\": \"" +
             type + "\"}}}"},
        {"b.schema.json",
         "{\"$id\": \"https://x.example/b.json\", \"$defs\": {\"t\": {\"type\": \"" + type +
             "\"},"
             "\"u\": {\"$anchor\": \"pos\", \"type\": \"" +
             type + "\"}}}"}};
  };
  auto outcome = Check(make("string"), make("integer"));
  CHECK(outcome.diagnostics.empty());
  std::set<std::string> subjects;
  for (const auto& f : outcome.findings) subjects.insert(f.subject);
  CHECK(subjects == std::set<std::string>{"a.schema.json#/$defs/a~1b/properties/c%d",
                                          "a.schema.json#/$defs/m", "b.schema.json#/$defs/t",
                                          "b.schema.json#/$defs/u"});
}

TEST_CASE("hostile inputs never crash", "[jsonschema]") {
  const char* inputs[] = {"",
                          "[",
                          "{\"$ref\": 5}",
                          "{\"properties\": []}",
                          "{\"items\": [1, 2]}",
                          "{\"anyOf\": {}}",
                          "{\"required\": [1, null]}",
                          "{\"enum\": 3}",
                          "{\"patternProperties\": {\"[\": {}}, \"properties\": {\"x\": {}}}",
                          "{\"type\": 7, \"minimum\": \"a\", \"multipleOf\": 0}",
                          "true",
                          "false",
                          "null",
                          "{\"$id\": \"\", \"$ref\": \"#\"}",
                          "{\"$schema\": 1, \"$defs\": 2}",
                          "{\"dependencies\": {\"a\": 1}, \"if\": 2, \"not\": []}"};
  auto parses = [](const char* text) {
    return !nlohmann::json::parse(text, nullptr, false).is_discarded();
  };
  for (const char* before : inputs) {
    for (const char* after : inputs) {
      INFO("before: " << before << "\nafter: " << after);
      Outcome outcome = Check({{"a.schema.json", before}}, {{"a.schema.json", after}});
      if (std::string_view(before) != after && (!parses(before) || !parses(after))) {
        // Not JSON: an input error at a position, never a comparison (an
        // unchanged file is not parsed: see the collection tests).
        REQUIRE_FALSE(outcome.diagnostics.empty());
        CHECK(outcome.diagnostics[0].starts_with("a.schema.json:1:"));
        CHECK(outcome.findings.empty());
      } else if (std::string_view(before) == after) {
        CHECK(outcome.findings.empty());  // the same file on both sides changes nothing
      }
    }
  }
}

}  // namespace
}  // namespace contract_lint

namespace contract_lint {
namespace {

// d0 -> d1 -> ... -> d{levels-1}, each a property that $refs the next; the
// last one's type is `leaf`.
std::string DeepChain(int levels, const std::string& leaf) {
  std::string defs;
  for (int i = 0; i < levels; ++i) {
    if (!defs.empty()) defs += ",\n";
    defs += "\"d" + std::to_string(i) + "\": ";
    defs += i + 1 < levels
                ? "{\"type\": \"object\", \"properties\": {\"n\": {\"$ref\": \"#/$defs/d" +
                      std::to_string(i + 1) + "\"}}}"
                : "{\"type\": \"" + leaf + "\"}";
  }
  return "{\"$ref\": \"#/$defs/d0\", \"$defs\": {\n" + defs + "\n}}\n";
}

TEST_CASE("a change deeper than the comparison goes is an input error, not a silent pass",
          "[jsonschema][hostile]") {
  // 100 levels: compared, the change is found.
  auto shallow = Check({{"a.schema.json", DeepChain(100, "string")}},
                       {{"a.schema.json", DeepChain(100, "integer")}});
  CHECK(shallow.diagnostics.empty());
  REQUIRE(shallow.findings.size() == 1);
  CHECK(shallow.findings[0].subject.find("#/$defs/d99") != std::string::npos);
  // 400 levels: beyond the limit; said so at the subschema where it stopped.
  auto deep = Check({{"a.schema.json", DeepChain(400, "string")}},
                    {{"a.schema.json", DeepChain(400, "integer")}});
  REQUIRE(deep.diagnostics.size() == 1);
  CHECK(deep.diagnostics[0].find("a.schema.json:") == 0);
  CHECK(
      deep.diagnostics[0].find(": error: the comparison nests deeper than 300 subschemas (through "
                               "$refs) at #/$defs/d") != std::string::npos);
  CHECK(deep.diagnostics[0].find(": not compared; flatten the schema or split it") !=
        std::string::npos);
  // Unchanged, the same depth is no error: equal subtrees are never walked.
  auto same = Check({{"a.schema.json", DeepChain(400, "string")}},
                    {{"a.schema.json", DeepChain(400, "string")}});
  CHECK(same.diagnostics.empty());
  CHECK(same.findings.empty());
}

}  // namespace
}  // namespace contract_lint
