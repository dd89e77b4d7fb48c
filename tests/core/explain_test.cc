// `contract-lint explain`: every rule explains itself, and a rule with a
// fixture shows that fixture's before/after and the finding it gives.
#include <catch2/catch.hpp>

#include "policy/rule_docs.h"
#include "policy/rule_examples.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

TEST_CASE("explain shows the break from the rule's own fixture", "[core][explain]") {
  std::string text;
  REQUIRE(ExplainRule("FIELD_SAME_TYPE", &text));
  CHECK(text.find("Example (fixtures/proto/") != std::string::npos);
  CHECK(text.find("  -   int32 total = 2;\n  +   int64 total = 2;\n") != std::string::npos);
  CHECK(text.find("gives:\n  acme/v1/order.proto:7:3: error: FIELD_SAME_TYPE: ") !=
        std::string::npos);
  CHECK(text.find("How to evolve safely: ") != std::string::npos);
  CHECK(text.find("// contract-lint:ignore FIELD_SAME_TYPE") != std::string::npos);

  REQUIRE(ExplainRule("MAX_LENGTH_NO_DECREASE", &text));
  CHECK(text.find("Example (fixtures/jsonschema/") != std::string::npos);
  CHECK(text.find(": error: MAX_LENGTH_NO_DECREASE: ") != std::string::npos);
  CHECK(text.find("\"x-contract-lint-ignore\": [\"MAX_LENGTH_NO_DECREASE\"]") != std::string::npos);
}

TEST_CASE("each rule's family is its table's, whatever its id looks like", "[core][explain]") {
  CHECK(FamilyOf("FIELD_NO_DELETE") == RuleFamily::kBuf);
  CHECK(FamilyOf("SCHEMA_NO_DELETE") == RuleFamily::kJsonSchema);
  CHECK(FamilyOf("REGISTRY_FIELD_SCALAR_GROUP_CHANGED") == RuleFamily::kRegistry);
  CHECK(FamilyOf("SAMPLE_REJECTED") == RuleFamily::kSample);
  CHECK(FamilyOf("VERSION_MAJOR_BUMP_REQUIRED") == RuleFamily::kVersioning);
  CHECK(FamilyOf("request-body-removed") == RuleFamily::kOpenApi);
  CHECK(FamilyOf("ASYNCAPI_CHANNEL_DELETED") == RuleFamily::kAsyncApi);
  CHECK_FALSE(FamilyOf("NOT_A_RULE").has_value());
  for (const auto& rule : AllRules()) {
    INFO(rule.id);
    if (rule.id.starts_with("REGISTRY_")) CHECK(rule.family == RuleFamily::kRegistry);
    if (rule.id.starts_with("SAMPLE_")) CHECK(rule.family == RuleFamily::kSample);
  }
}

TEST_CASE("every buf, JSON Schema and OpenAPI rule has an example", "[core][explain]") {
  for (const auto& rule : AllRules()) {
    bool buf_rule =
        rule.kind == ContractKind::kProto && rule.categories != 0 && rule.replaced_by.empty();
    bool schema_rule = rule.kind == ContractKind::kJsonSchema &&
                       rule.id.find("VERSION_") == std::string_view::npos &&
                       rule.id != "REF_UNRESOLVED_REMOTE" && !rule.id.starts_with("SAMPLE_");
    bool openapi_rule = rule.kind == ContractKind::kOpenApi || rule.kind == ContractKind::kAsyncApi;
    if (!buf_rule && !schema_rule && !openapi_rule) continue;
    INFO(rule.id);
    std::string example = RuleExample(rule.id, rule.kind);
    CHECK(example.find("gives:\n") != std::string::npos);
    CHECK(example.find(": " + std::string(rule.id) + ": ") != std::string::npos);
  }
}

TEST_CASE("an OpenAPI rule explains oasdiff's level and shows its fixture", "[core][explain]") {
  std::string text;
  REQUIRE(ExplainRule("request-property-removed", &text));
  CHECK(text.starts_with("request-property-removed (openapi)\n"));
  CHECK(text.find("oasdiff check, level WARN (warning)") != std::string::npos);
  CHECK(text.find("Example (fixtures/openapi/request_property_removed/)") != std::string::npos);
  CHECK(text.find(": warning: request-property-removed: request property \"qty\" removed") !=
        std::string::npos);
  CHECK(text.find("breaking.ignore_only: {request-property-removed: [path]}") != std::string::npos);
}

TEST_CASE("explain of an unknown rule suggests the nearest one", "[core][explain]") {
  std::string text;
  CHECK_FALSE(ExplainRule("FIELD_NO_DELET", &text));
  CHECK(text ==
        "unknown rule \"FIELD_NO_DELET\"; did you mean \"FIELD_NO_DELETE\"? "
        "(`contract-lint rules` lists them all)");
}

}  // namespace
}  // namespace contract_lint
