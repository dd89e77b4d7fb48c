// `contract-lint rules` and `explain` for every Protobuf rule, and "did you
// mean" for misspelled rule ids and categories, with the built binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "rules/rule_rows.h"
#include "test_support.h"

namespace contract_lint {
namespace {

using testing::RunTool;
using testing::TempDir;

TEST_CASE("rules --format json lists every Protobuf rule with its categories", "[proto][cli]") {
  TempDir dir;
  auto listed = RunTool("rules --format json", dir.path());
  REQUIRE(listed.exit_code == 0);
  auto rules = nlohmann::json::parse(listed.out);
  for (const RuleInfo& row : ProtoRuleRows()) {
    INFO(row.id);
    int found = 0;
    for (const auto& rule : rules) {
      if (rule["id"] != row.id || rule["kind"] != "proto") continue;
      ++found;
      CHECK(rule["default"] == row.is_default);
      CHECK(rule["categories"].size() == static_cast<size_t>(__builtin_popcount(row.categories)));
    }
    CHECK(found == 1);
  }
}

TEST_CASE("explain works for every Protobuf rule, also where a JSON Schema rule has the same id",
          "[proto][cli]") {
  TempDir dir;
  for (const RuleInfo& row : ProtoRuleRows()) {
    auto explained = RunTool("explain " + std::string(row.id), dir.path());
    INFO(row.id << "\n" << explained.out << explained.err);
    CHECK(explained.exit_code == 0);
    CHECK(explained.out.find(std::string(row.id) + " (proto)") != std::string::npos);
    CHECK(explained.out.find("Categories: ") != std::string::npos);
  }
  auto both = RunTool("explain ENUM_NO_DELETE", dir.path());
  CHECK(both.out.find("ENUM_NO_DELETE (proto)\n\nChecks that enums are not deleted from a given "
                      "file.\n\nCategories: FILE,CSR (on by default)") != std::string::npos);
  CHECK(both.out.find("ENUM_NO_DELETE (jsonschema)") != std::string::npos);
}

TEST_CASE("explain a category lists its rules; misspellings get did you mean", "[proto][cli]") {
  TempDir dir;
  auto category = RunTool("explain WIRE_JSON", dir.path());
  CHECK(category.exit_code == 0);
  CHECK(category.out.find("\n  FIELD_WIRE_JSON_COMPATIBLE_TYPE\n") != std::string::npos);
  CHECK(category.out.find("\n  FIELD_WIRE_COMPATIBLE_TYPE\n") == std::string::npos);

  auto misspelled_category = RunTool("explain WIRE_JSN", dir.path());
  CHECK(misspelled_category.exit_code == 2);
  CHECK(misspelled_category.err.find("did you mean \"WIRE_JSON\"?") != std::string::npos);
  auto misspelled_rule = RunTool("explain RPC_SAME_REQEST_TYPE", dir.path());
  CHECK(misspelled_rule.exit_code == 2);
  CHECK(misspelled_rule.err.find("did you mean \"RPC_SAME_REQUEST_TYPE\"?") != std::string::npos);
}

}  // namespace
}  // namespace contract_lint
