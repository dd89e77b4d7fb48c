// The registry rows of the rule table, and how a policy picks registry mode.
#include <catch2/catch.hpp>

#include "config/config.h"
#include "policy/rule_docs.h"
#include "rules/rule_table.h"
#include "schema_registry/registry_check.h"

namespace contract_lint {
namespace {

TEST_CASE("registry rules are listed, explained and belong to no buf category", "[registry]") {
  int count = 0;
  for (const auto& rule : AllRules()) {
    if (!rule.id.starts_with("REGISTRY_")) continue;
    ++count;
    INFO(rule.id);
    CHECK(rule.kind == ContractKind::kProto);
    CHECK(rule.categories == 0u);
    CHECK(rule.purpose.starts_with("Checks that "));
    std::string text;
    CHECK(ExplainRule(rule.id, &text));
    CHECK(text.find("breaking.registry") != std::string::npos);
  }
  CHECK(count == 28);
  CHECK(RenderRuleList(false).find("REGISTRY_ONEOF_FIELDS_MERGED") != std::string::npos);
}

TEST_CASE("a contract naming buf rules leaves an inherited registry mode", "[registry]") {
  MemorySnapshot current(std::map<std::string, std::string>{{"contract-lint.yaml", R"(version: 1
breaking: {registry: FULL}
contracts:
  - {name: api, paths: ["proto/api/**"], breaking: {use: [FILE]}}
  - {name: events, paths: ["proto/events/**"], breaking: {except: [REGISTRY_FIELD_ADDED]}}
  - {name: audit, paths: ["proto/audit/**"], breaking: {registry: FORWARD_TRANSITIVE}}
)"}});
  Config config;
  Diagnostics diagnostics;
  std::vector<Diagnostic> warnings;
  REQUIRE(LoadConfig(current, "", "/", &config, &diagnostics, &warnings));
  CHECK(RegistryLevelFor(config, "proto/api/a.proto").empty());
  CHECK(RegistryLevelFor(config, "proto/events/a.proto") == "FULL");
  CHECK(RegistryLevelFor(config, "proto/audit/a.proto") == "FORWARD_TRANSITIVE");
  CHECK(RegistryLevelFor(config, "proto/other/a.proto") == "FULL");
}

}  // namespace
}  // namespace contract_lint
