// Real collections (issue 14): $id is per document, unresolvable $refs stop
// nothing the change did not break, invalid schemas are refused with their
// location, only what the change reaches is parsed, and every counterexample
// the containment check prints is real (valijson on both sides).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <regex>

#include "jsonschema/jsonschema_check.h"
#include "jsonschema/schema_containment.h"
#include "jsonschema/schema_side.h"
#include "test_support.h"

namespace contract_lint {
namespace {

using Files = std::map<std::string, std::string>;
using nlohmann::json;

struct Outcome {
  std::vector<Finding> findings;
  std::vector<std::string> diagnostics;  // formatted
};

Outcome Check(const Files& previous, const Files& current, SchemaLoadOptions load = {}) {
  MemorySnapshot against(previous, "previous");
  MemorySnapshot now(current, "current");
  Outcome outcome;
  Diagnostics diagnostics;
  CheckJsonSchemas(against, now, JsonSchemaSettings{}, &outcome.findings, &diagnostics, load);
  for (const auto& d : diagnostics.Sorted()) outcome.diagnostics.push_back(FormatDiagnostic(d));
  return outcome;
}

const Finding* FindRule(const Outcome& outcome, const std::string& rule) {
  for (const auto& f : outcome.findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

const char* kDraft7 = "http://json-schema.org/draft-07/schema#";

std::string Schema(const std::string& id, const std::string& body) {
  return std::string("{\"$schema\": \"") + kDraft7 + "\", \"$id\": \"" + id + "\", " + body + "}";
}

TEST_CASE("a fragment-only $ref resolves in its own file when another copies its $id",
          "[jsonschema][collection]") {
  std::string a = Schema("https://example.com/a.json",
                         "\"properties\": {\"m\": {\"$ref\": \"#/definitions/meta\"}}, "
                         "\"definitions\": {\"meta\": {\"type\": \"string\"}}");
  std::string b_old = Schema("https://example.com/a.json",
                             "\"properties\": {\"o\": {\"$ref\": \"#/definitions/owner\"}}, "
                             "\"definitions\": {\"owner\": {\"type\": \"string\"}}");
  std::string b_new = b_old;
  b_new.replace(b_new.rfind("\"string\""), 8, "\"integer\"");
  auto outcome = Check({{"a.schema.json", a}, {"b.schema.json", b_old}},
                       {{"a.schema.json", a}, {"b.schema.json", b_new}});
  CHECK(outcome.diagnostics.empty());
  const Finding* dup = FindRule(outcome, "SCHEMA_ID_DUPLICATE");
  REQUIRE(dup != nullptr);
  CHECK(dup->severity == Severity::kWarning);
  CHECK(dup->location.path == "b.schema.json");
  CHECK(dup->location.line == 1);
  CHECK_THAT(dup->message, Catch::Contains("b.schema.json is also the $id of a.schema.json"));
  // The change inside b is found through b's own #/definitions/owner.
  const Finding* type = FindRule(outcome, "TYPE_NO_CHANGE");
  REQUIRE(type != nullptr);
  CHECK(type->location.path == "b.schema.json");
}

TEST_CASE("a $ref by a copied $id from a third file names both candidates",
          "[jsonschema][collection]") {
  std::string copy =
      Schema("https://example.com/shared.json", "\"definitions\": {\"x\": {\"type\": \"string\"}}");
  std::string user_old = Schema("https://example.com/user.json", "\"type\": \"object\"");
  std::string user_new = Schema(
      "https://example.com/user.json",
      "\"properties\": {\"x\": {\"$ref\": \"https://example.com/shared.json#/definitions/x\"}}");
  auto outcome =
      Check({{"one.schema.json", copy}, {"two.schema.json", copy}, {"user.schema.json", user_old}},
            {{"one.schema.json", copy}, {"two.schema.json", copy}, {"user.schema.json", user_new}});
  REQUIRE(outcome.diagnostics.size() == 1);
  CHECK_THAT(outcome.diagnostics[0],
             Catch::Contains("user.schema.json:1:") &&
                 Catch::Contains("is ambiguous: https://example.com/shared.json is the $id of "
                                 "both one.schema.json and two.schema.json"));
}

// Resolve() remembers its answers (issue 14, speed): a document loaded later
// that copies the $id must make the same reference ambiguous, as it would
// be without the memory.
TEST_CASE("a remembered $ref answer is dropped when a later document claims the same $id",
          "[jsonschema][collection]") {
  std::string copy =
      Schema("https://example.com/shared.json", "\"definitions\": {\"x\": {\"type\": \"string\"}}");
  std::string ref = "https://example.com/shared.json#/definitions/x";
  std::string user = Schema("https://example.com/user.json",
                            "\"properties\": {\"x\": {\"$ref\": \"" + ref + "\"}}");
  MemorySnapshot snapshot(
      Files{{"one.schema.json", copy}, {"two.schema.json", copy}, {"user.schema.json", user}},
      "current");
  JsonSchemaSettings settings;
  Diagnostics diagnostics;
  SchemaSide side(snapshot, settings, "", &diagnostics);
  const SchemaDocument* one = side.Load("one.schema.json");
  const SchemaDocument* user_doc = side.Load("user.schema.json");
  REQUIRE(one);
  REQUIRE(user_doc);
  SchemaNode at = side.Child(side.Root(*user_doc), "properties", "x");
  for (int i = 0; i < 2; ++i) {  // the second answer is the remembered one
    RefTarget target = side.Resolve(at, ref);
    REQUIRE(target.status == RefTarget::kFound);
    CHECK(target.node.doc == one);
    CHECK(target.node.pointer == "/definitions/x");
  }
  REQUIRE(side.Load("two.schema.json"));
  RefTarget after = side.Resolve(at, ref);
  CHECK(after.status == RefTarget::kError);
  CHECK_THAT(after.message, Catch::Contains("is ambiguous: https://example.com/shared.json is the "
                                            "$id of both one.schema.json and two.schema.json"));
}

TEST_CASE("a copied $id resolves to the file its URI names", "[jsonschema][collection]") {
  std::string base = Schema("https://example.com/base.json",
                            "\"definitions\": {\"path\": {\"type\": \"string\"}}");
  std::string copy = Schema("https://example.com/base.json", "\"type\": \"object\"");
  std::string user = Schema(
      "https://example.com/user.json",
      "\"properties\": {\"p\": {\"$ref\": \"https://example.com/base.json#/definitions/path\"}}");
  std::string user_new = user;
  user_new.insert(user_new.rfind('}'), ", \"required\": [\"p\"]");
  auto outcome = Check({{"base.json", base}, {"copy.json", copy}, {"user.json", user}},
                       {{"base.json", base}, {"copy.json", copy}, {"user.json", user_new}});
  CHECK(outcome.diagnostics.empty());
}

TEST_CASE("an unresolvable $ref the baseline had too is a warning, a new one an input error",
          "[jsonschema][collection]") {
  std::string old_schema = Schema("https://example.com/pkg.json",
                                  "\"properties\": {\"license\": {\"$ref\": \"osi-license\"}, "
                                  "\"name\": {\"type\": \"string\"}}");
  std::string new_schema = old_schema;
  new_schema.replace(new_schema.rfind("\"string\""), 8, "\"string\", \"minLength\": 1");
  auto kept = Check({{"pkg.schema.json", old_schema}}, {{"pkg.schema.json", new_schema}});
  CHECK(kept.diagnostics.empty());
  const Finding* warning = FindRule(kept, "REF_UNRESOLVED");
  REQUIRE(warning != nullptr);
  CHECK(warning->severity == Severity::kWarning);
  CHECK(warning->location.line == 1);
  CHECK_THAT(warning->message, Catch::Contains("$ref \"osi-license\" points at osi-license, "
                                               "which does not exist: not followed"));
  REQUIRE(FindRule(kept, "MIN_LENGTH_NO_INCREASE") != nullptr);

  // The change adds the $ref: an input error at it.
  std::string before = Schema("https://example.com/pkg.json", "\"type\": \"object\"");
  auto added = Check({{"pkg.schema.json", before}}, {{"pkg.schema.json", old_schema}});
  REQUIRE(added.diagnostics.size() == 1);
  CHECK_THAT(added.diagnostics[0], Catch::StartsWith("pkg.schema.json:1:") &&
                                       Catch::Contains("$ref \"osi-license\" at "
                                                       "\"#/properties/license\" points at "
                                                       "osi-license, which does not exist"));

  // The change deletes the file an unchanged $ref points at: an input error too.
  std::string user = Schema("https://example.com/u.json",
                            "\"properties\": {\"d\": {\"$ref\": \"dep.schema.json\"}}");
  std::string dep = Schema("https://example.com/dep.json", "\"type\": \"string\"");
  auto deleted =
      Check({{"u.schema.json", user}, {"dep.schema.json", dep}}, {{"u.schema.json", user}});
  REQUIRE(deleted.diagnostics.size() == 1);
  CHECK_THAT(deleted.diagnostics[0], Catch::Contains("dep.schema.json, which does not exist"));
}

TEST_CASE("an invalid schema is refused at the failing value, with a did-you-mean",
          "[jsonschema][collection]") {
  auto typo = Check({{"a.schema.json", "{\"type\": \"string\"}"}},
                    {{"a.schema.json", "{\n  \"type\": \"strin\"\n}"}});
  REQUIRE(typo.diagnostics.size() == 1);
  CHECK(typo.diagnostics[0] ==
        "a.schema.json:2:11: error: not a valid JSON Schema (its draft-07 metaschema rejects it): "
        "\"type\" names no type \"strin\" (array, boolean, integer, null, number, object, "
        "string); did you mean \"string\"? at \"#/type\"");
  auto array = Check({{"a.schema.json", "{}"}}, {{"a.schema.json", "[1, 2]"}});
  REQUIRE(array.diagnostics.size() == 1);
  CHECK(array.diagnostics[0] ==
        "a.schema.json:1:1: error: not a valid JSON Schema (its draft-07 metaschema rejects it): a "
        "schema is an object or a boolean, not an array at \"#\"");
  // Invalid in the baseline too: a warning, and the rest is still compared.
  std::string legacy =
      "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"required\": "
      "[], \"properties\": {\"n\": {\"type\": \"string\"}}}";
  std::string legacy_new = legacy;
  legacy_new.replace(legacy_new.rfind("\"string\""), 8, "\"integer\"");
  auto old_mistake = Check({{"l.schema.json", legacy}}, {{"l.schema.json", legacy_new}});
  CHECK(old_mistake.diagnostics.empty());
  const Finding* invalid = FindRule(old_mistake, "SCHEMA_INVALID");
  REQUIRE(invalid != nullptr);
  CHECK(invalid->severity == Severity::kWarning);
  CHECK(FindRule(old_mistake, "TYPE_NO_CHANGE") != nullptr);
}

TEST_CASE("an unchanged schema the change cannot reach is not parsed", "[jsonschema][collection]") {
  // broken.schema.json is not JSON: parsing it would be an input error.
  Files previous = {{"a.schema.json", "{\"type\": \"string\"}"},
                    {"broken.schema.json", "{not json"}};
  Files current = {{"a.schema.json", "{\"type\": \"integer\"}"},
                   {"broken.schema.json", "{not json"}};
  auto incremental = Check(previous, current);
  CHECK(incremental.diagnostics.empty());
  REQUIRE(FindRule(incremental, "TYPE_NO_CHANGE") != nullptr);
  SchemaLoadOptions full;
  full.full = true;
  auto everything = Check(previous, current, full);
  CHECK(everything.diagnostics.size() == 1);
  // A file whose $ref reaches the change is compared (by file name): its
  // unresolvable $ref, which the baseline had too, is a warning there (only
  // compared files report one).
  Files refs_before = {{"dep.schema.json", "{\"type\": \"string\"}"},
                       {"user.schema.json",
                        "{\"properties\": {\"d\": {\"$ref\": "
                        "\"dep.schema.json\"}, \"e\": {\"$ref\": \"missing.schema.json\"}}}"}};
  Files refs_after = refs_before;
  refs_after["dep.schema.json"] = "{\"type\": \"integer\"}";
  auto reached = Check(refs_before, refs_after);
  CHECK(reached.diagnostics.empty());
  bool at_user = false;
  for (const auto& f : reached.findings)
    at_user = at_user || (f.location.path == "user.schema.json" && f.rule == "REF_UNRESOLVED");
  CHECK(at_user);
  // One that reaches nothing changed is not: no warning from it.
  Files unrelated_after = refs_before;
  unrelated_after["other.schema.json"] = "{\"type\": \"string\"}";
  Files unrelated_before = refs_before;
  unrelated_before["other.schema.json"] = "{\"type\": \"integer\"}";
  auto unrelated = Check(unrelated_before, unrelated_after);
  CHECK(unrelated.diagnostics.empty());
  for (const auto& f : unrelated.findings) CHECK(f.location.path != "user.schema.json");
}

// The counterexample of a finding ("e.g. X is accepted before and rejected
// now"), and which side accepts it.
struct Example {
  json document;
  bool narrowing;
  std::string at;  // the subschema it is one for, when not the finding's subject
};

std::vector<Example> Examples(const std::string& message) {
  std::vector<Example> out;
  static const std::regex kExample(
      R"(e\.g\. (.*?) is accepted (before and rejected now|now and rejected before))");
  for (auto it = std::sregex_iterator(message.begin(), message.end(), kExample);
       it != std::sregex_iterator(); ++it) {
    std::string text = (*it)[1];
    std::string at;
    if (size_t where = text.find(" at \"#"); where != std::string::npos) {
      at = text.substr(where + 6, text.size() - where - 7);
      text = text.substr(0, where);
    }
    out.push_back(Example{json::parse(text), (*it)[2] == "before and rejected now", at});
  }
  return out;
}

// `schema` (at `path` in `files`) with its $refs replaced by their targets:
// fragment pointers in the same file or in a file relative to it (what the
// fixtures use). Null when one cannot be followed or recursion runs deep.
std::optional<json> Inlined(const Files& files, const std::string& path, const json& schema,
                            int depth = 0) {
  if (depth > 24) return std::nullopt;
  if (schema.is_array()) {
    json out = json::array();
    for (const auto& item : schema) {
      auto inlined = Inlined(files, path, item, depth + 1);
      if (!inlined) return std::nullopt;
      out.push_back(*inlined);
    }
    return out;
  }
  if (!schema.is_object()) return schema;
  if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
    std::string text = ref->get<std::string>();
    std::string file = text.substr(0, text.find('#'));
    std::string fragment =
        text.find('#') == std::string::npos ? "" : text.substr(text.find('#') + 1);
    std::string target = path;
    if (!file.empty()) {
      target =
          (std::filesystem::path(path).parent_path() / file).lexically_normal().generic_string();
    }
    auto it = files.find(target);
    if (it == files.end()) return std::nullopt;
    json doc = json::parse(it->second);
    json::json_pointer at(fragment);
    if (!doc.contains(at)) return std::nullopt;
    return Inlined(files, target, doc.at(at), depth + 1);
  }
  json out = json::object();
  for (const auto& [key, value] : schema.items()) {
    if (key == "enum" || key == "const" || key == "default" || key == "examples") {
      out[key] = value;
      continue;
    }
    if (key == "definitions" || key == "$defs") continue;
    auto inlined = Inlined(files, path, value, depth + 1);
    if (!inlined) return std::nullopt;
    out[key] = *inlined;
  }
  return out;
}

TEST_CASE(
    "every counterexample printed on a fixture is accepted by one side and rejected by the "
    "other (valijson)",
    "[jsonschema][collection]") {
  namespace fs = std::filesystem;
  int checked = 0;
  for (const auto& entry :
       fs::directory_iterator(testing::SourceDir() / "fixtures" / "jsonschema")) {
    if (!fs::exists(entry.path() / "expected.txt")) continue;
    Files previous, current;
    for (const char* side : {"previous", "current"}) {
      fs::path root = entry.path() / side;
      if (!fs::exists(root)) continue;
      for (const auto& file : fs::recursive_directory_iterator(root)) {
        if (!file.is_regular_file()) continue;
        auto& files = std::string(side) == "previous" ? previous : current;
        files[fs::relative(file.path(), root).generic_string()] = testing::ReadFile(file.path());
      }
    }
    auto outcome = Check(previous, current);
    for (const auto& finding : outcome.findings) {
      for (const auto& example : Examples(finding.message)) {
        // The subject's subschema on both sides, its $refs followed.
        std::string path = finding.subject.substr(0, finding.subject.find('#'));
        std::string pointer =
            example.at.empty() ? finding.subject.substr(finding.subject.find('#') + 1) : example.at;
        if (!previous.count(path) || !current.count(path)) continue;
        json before = json::parse(previous[path]), after = json::parse(current[path]);
        json::json_pointer at(pointer);
        if (!before.contains(at) || !after.contains(at)) continue;
        INFO(entry.path().filename().string() << ": " << finding.message);
        auto old_schema = Inlined(previous, path, before.at(at));
        auto new_schema = Inlined(current, path, after.at(at));
        if (!old_schema || !new_schema) continue;  // recursive: not inlined
        Draft draft = DraftOf(after);
        bool old_accepts = AcceptsDocument(*old_schema, example.document, draft);
        bool new_accepts = AcceptsDocument(*new_schema, example.document, draft);
        CHECK(old_accepts == example.narrowing);
        CHECK(new_accepts == !example.narrowing);
        ++checked;
      }
    }
  }
  CHECK(checked >= 5);
}

// Documents drawn from OLD (a small generator over simple values and the
// schema's own constants): whenever NEW rejects one, the engine must not
// have answered "compatible".
TEST_CASE("the containment check never proves compatible what a generated document refutes",
          "[jsonschema][collection]") {
  std::vector<json> schemas = {
      json::parse(R"({"type": "string"})"),
      json::parse(R"({"type": "integer"})"),
      json::parse(R"({"type": ["string", "null"]})"),
      json::parse(R"({"anyOf": [{"type": "string"}, {"type": "integer"}]})"),
      json::parse(R"({"oneOf": [{"type": "string"}, {"type": "integer"}]})"),
      json::parse(R"({"oneOf": [{"type": "string"}, {"type": "string", "maxLength": 3}]})"),
      json::parse(R"({"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]})"),
      json::parse(R"({"allOf": [{"type": "string"}, {"minLength": 2}]})"),
      json::parse(R"({"allOf": [{"type": "integer", "minimum": 0}]})"),
      json::parse(R"({"type": "number", "minimum": 0, "maximum": 10})"),
      json::parse(R"({"enum": ["a", "b", 1]})"),
      json::parse(R"({"const": "a"})"),
      json::parse(R"({"type": "object", "required": ["a"]})"),
      json::parse(R"({"type": "object", "required": ["a", "b"]})"),
      json::parse(R"({"oneOf": [{"type": "object", "required": ["a"]}, {"type": "object"}]})"),
      json::parse(R"({"type": "object", "properties": {"a": {"type": "string"}},
                      "additionalProperties": false})"),
      json::parse(R"({"type": "object", "properties": {"a": {"type": ["string", "integer"]}},
                      "additionalProperties": false})"),
      json::parse(R"({"type": "array", "items": {"type": "string"}, "maxItems": 2})"),
      json::parse(R"({"type": "string", "not": {"type": "null"}})"),
      json::parse(R"({"type": ["string", "null"], "not": {"type": "null"}})"),
      json::parse(R"({"not": {"type": "string"}})"),
      json::parse(R"({"not": {"type": "integer"}})"),
      json::parse(R"({"enum": ["a", 1, 2.5], "not": {"const": 1}})"),
      json::parse(R"({"enum": ["a", 1, 2.5], "not": {"type": "integer"}})"),
      json::parse(R"({"type": "string", "if": {"maxLength": 1}, "then": {"const": "a"}})"),
      json::parse(R"({"type": "string", "if": {"type": "integer"}, "then": {"minimum": 5}})"),
      json::parse(
          R"({"if": {"type": "string"}, "then": {"maxLength": 3}, "else": {"type": "integer"}})"),
      json::parse(R"({"type": "string", "if": {"type": "string"}, "then": {"maxLength": 3}})"),
      json::parse(R"({"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]},
                      "else": {"required": ["b"]}})"),
      json::parse(R"({"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}})"),
      json::parse(R"({"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]},
                      "else": {"maxProperties": 0}})"),
      json::parse(R"({"type": "object", "required": ["b"]})"),
      json::parse(R"(true)"),
      json::parse(R"(false)"),
  };
  std::vector<json> documents = {nullptr,
                                 true,
                                 false,
                                 0,
                                 1,
                                 -1,
                                 2.5,
                                 1.0,
                                 11,
                                 "",
                                 "a",
                                 "ab",
                                 "abcd",
                                 json::array(),
                                 json::array({"x"}),
                                 json::array({"x", "y", "z"}),
                                 json::object(),
                                 json::parse(R"({"a": "x"})"),
                                 json::parse(R"({"a": 1})"),
                                 json::parse(R"({"a": "x", "b": 1})"),
                                 json::parse(R"({"b": 1})")};
  int proved = 0;
  for (const auto& old_schema : schemas) {
    for (const auto& new_schema : schemas) {
      Containment verdict = Contains(old_schema, new_schema, Draft::k07);
      if (verdict.answer == Containment::kYes) ++proved;
      for (const auto& document : documents) {
        if (!AcceptsDocument(old_schema, document, Draft::k07)) continue;
        if (AcceptsDocument(new_schema, document, Draft::k07)) continue;
        INFO(old_schema.dump() << " -> " << new_schema.dump() << ": " << document.dump());
        CHECK(verdict.answer != Containment::kYes);
      }
      if (verdict.answer == Containment::kNo) {
        json cx = json::parse(verdict.counterexample);
        CHECK(AcceptsDocument(old_schema, cx, Draft::k07));
        CHECK_FALSE(AcceptsDocument(new_schema, cx, Draft::k07));
      }
    }
  }
  CHECK(proved > static_cast<int>(schemas.size()));  // more than the identities
}

}  // namespace
}  // namespace contract_lint

namespace contract_lint {
namespace {

TEST_CASE("a schema moved with the same $id is compared, not deleted", "[jsonschema][collection]") {
  std::string before =
      Schema("https://example.com/order.json", "\"properties\": {\"n\": {\"type\": \"string\"}}");
  std::string after =
      Schema("https://example.com/order.json", "\"properties\": {\"n\": {\"type\": \"integer\"}}");
  SchemaLoadOptions full;
  full.full = true;
  for (const auto& load : {SchemaLoadOptions{}, full}) {
    auto outcome =
        Check({{"v1/order.schema.json", before}}, {{"orders/order.schema.json", after}}, load);
    CHECK(outcome.diagnostics.empty());
    CHECK(FindRule(outcome, "SCHEMA_NO_DELETE") == nullptr);
    const Finding* type = FindRule(outcome, "TYPE_NO_CHANGE");
    REQUIRE(type != nullptr);
    CHECK(type->location.path == "orders/order.schema.json");
  }
  // Another $id: deleted, and the new file is not compared with it.
  std::string other =
      Schema("https://example.com/other.json", "\"properties\": {\"n\": {\"type\": \"integer\"}}");
  auto renamed = Check({{"v1/order.schema.json", before}}, {{"orders/other.schema.json", other}});
  REQUIRE(FindRule(renamed, "SCHEMA_NO_DELETE") != nullptr);
  CHECK(FindRule(renamed, "TYPE_NO_CHANGE") == nullptr);
}

}  // namespace
}  // namespace contract_lint

namespace contract_lint {
namespace {

// A changed definition shared by several uses is reported at the definition
// and at every use where the change breaks there: each use its own finding
// (its own file, line and subject, for suppression and consumers), so one
// ignore at one place hides nothing elsewhere.
TEST_CASE("a changed shared definition is reported at every use it breaks",
          "[jsonschema][collection]") {
  auto ids = [](int max) {
    return Schema("https://example.com/ids.schema.json",
                  "\"definitions\": {\"id\": {\"type\": \"string\", \"maxLength\": " +
                      std::to_string(max) + "}}");
  };
  std::string order =
      Schema("https://example.com/order.schema.json",
             "\"properties\": {\"id\": {\"$ref\": \"ids.schema.json#/definitions/id\"}}");
  std::string customer =
      Schema("https://example.com/customer.schema.json",
             "\"properties\": {\"id\": {\"$ref\": \"ids.schema.json#/definitions/id\"},\n"
             "\"alias\": {\"anyOf\": [{\"$ref\": \"ids.schema.json#/definitions/id\"}, {\"type\": "
             "\"string\"}]},\n"
             "\"tags\": {\"type\": \"array\", \"items\": {\"$ref\": "
             "\"ids.schema.json#/definitions/id\"}}}");
  Files before = {{"ids.schema.json", ids(10)},
                  {"order.schema.json", order},
                  {"customer.schema.json", customer}};
  Files after = before;
  after["ids.schema.json"] = ids(5);
  SchemaLoadOptions full;
  full.full = true;
  for (const auto& load : {SchemaLoadOptions{}, full}) {
    auto outcome = Check(before, after, load);
    CHECK(outcome.diagnostics.empty());
    std::set<std::string> at;
    for (const auto& f : outcome.findings) {
      if (f.rule != "MAX_LENGTH_NO_DECREASE") continue;
      CHECK(f.direction == Direction::kNarrowing);
      CHECK(f.location.line >= 1);
      at.insert(f.subject + " @" + f.location.path + ":" + std::to_string(f.location.line));
      if (f.location.path != "ids.schema.json") {
        CHECK_THAT(f.message,
                   Catch::Contains("through $ref \"ids.schema.json#/definitions/id\" to "
                                   "ids.schema.json#/definitions/id (one of its 4 uses)"));
      }
    }
    // The definition, and each use but the one an anyOf beside a wider
    // branch covers (proved by containment, its $ref followed).
    CHECK(at == std::set<std::string>{
                    "ids.schema.json#/definitions/id @ids.schema.json:1",
                    "order.schema.json#/properties/id @order.schema.json:1",
                    "customer.schema.json#/properties/id @customer.schema.json:1",
                    "customer.schema.json#/properties/tags/items @customer.schema.json:3"});
  }
  // Used once: one finding, at the definition.
  Files single_before = {{"ids.schema.json", ids(10)}, {"order.schema.json", order}};
  Files single_after = single_before;
  single_after["ids.schema.json"] = ids(5);
  auto single = Check(single_before, single_after);
  REQUIRE(single.findings.size() == 1);
  CHECK(single.findings[0].subject == "ids.schema.json#/definitions/id");
  // Widened: no use breaks under BACKWARD (each use says widening).
  Files wide_after = before;
  wide_after["ids.schema.json"] = ids(20);
  for (const auto& f : Check(before, wide_after).findings)
    CHECK(f.direction == Direction::kWidening);
}

}  // namespace
}  // namespace contract_lint
