// End-to-end: one repository, a gRPC contract on buf's FILE rules and an
// event contract on Schema Registry rules, judged in one run of the binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "contract_lint/lint.h"
#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Git;
using testing::RunTool;
using testing::TempDir;
using testing::WriteFile;

constexpr const char* kConfig = R"(version: 1
contracts:
  - name: orders-api
    paths: ["proto/acme/orders/**"]
    owner: team-orders
    breaking: {use: [FILE]}
  - name: order-events
    paths: ["proto/acme/events/**"]
    owner: team-events
    breaking: {registry: BACKWARD}
)";

// The same edit on both contracts: a field removed, a field renamed, an
// int32 widened to int64 (one wire group), and a string turned into an int32.
std::string Message(const std::string& package, bool edited) {
  std::string text = "syntax = \"proto3\";\n\npackage " + package + ";\n\nmessage Order {\n";
  if (!edited) {
    text += "  string id = 1;\n  int32 count = 2;\n  string note = 3;\n  string region = 4;\n";
  } else {
    text += "  string order_id = 1;\n  int64 count = 2;\n  int32 region = 4;\n";
  }
  return text + "}\n";
}

TEST_CASE("registry mode and buf rules give each contract its own verdicts in one report",
          "[registry][e2e]") {
  TempDir repo;
  Git("init -q", repo.path());
  WriteFile(repo.path(), "contract-lint.yaml", kConfig);
  WriteFile(repo.path(), "proto/acme/orders/v1/order.proto", Message("acme.orders.v1", false));
  WriteFile(repo.path(), "proto/acme/events/v1/order.proto", Message("acme.events.v1", false));
  Git("add -A", repo.path());
  Git("commit -qm base", repo.path());
  WriteFile(repo.path(), "proto/acme/orders/v1/order.proto", Message("acme.orders.v1", true));
  WriteFile(repo.path(), "proto/acme/events/v1/order.proto", Message("acme.events.v1", true));

  auto text = RunTool("--against HEAD --color never", repo.path());
  INFO(text.out << text.err);
  CHECK(text.exit_code == 1);
  const std::string api = "proto/acme/orders/v1/order.proto:";
  const std::string events = "proto/acme/events/v1/order.proto:";
  for (const std::string& line : std::vector<std::string>{
           api + "5:1: error: FIELD_NO_DELETE:",
           api + "6:10: error: FIELD_SAME_NAME:",
           api + "7:3: error: FIELD_SAME_TYPE:",
           events + "6:3: info: REGISTRY_FIELD_RENAMED: Field \"1\" on message \"Order\" changed "
                    "name from \"id\" to \"order_id\".",
           events + "8:3: error: REGISTRY_FIELD_SCALAR_GROUP_CHANGED: Field \"4\" with name "
                    "\"region\" on message \"Order\" changed type from \"string\" to \"int32\", "
                    "which is another wire group.",
           events + "8:3: info: REGISTRY_FIELD_REMOVED: Previously present field \"3\" with name "
                    "\"note\" on message \"Order\" was removed.",
       }) {
    CHECK(text.out.find(line) != std::string::npos);
  }

  auto json = RunTool("--against HEAD --format json", repo.path());
  auto report = nlohmann::json::parse(json.out);
  for (const auto& finding : report["findings"]) {
    std::string rule = finding["rule"];
    std::string contract = finding["contract"];
    bool registry = rule.rfind("REGISTRY_", 0) == 0;
    INFO(rule << " in " << contract);
    // Each contract is judged only by its own rule set.
    CHECK(registry == (contract == "order-events"));
    CHECK(finding["owner"] == (registry ? "team-events" : "team-orders"));
    // int32 -> int64 stays in one wire group: the registry accepts it, reported as info.
    if (finding["subject"] == "acme.events.v1.Order.count") {
      CHECK(rule == "REGISTRY_FIELD_SCALAR_TYPE_CHANGED");
      CHECK(finding["severity"] == "info");
    }
  }
}

// A required property added narrows the schema: BACKWARD rejects it, FORWARD
// accepts it. The registry level overrides `breaking.jsonschema`.
TEST_CASE("a registry level judges JSON Schemas instead of breaking.jsonschema", "[registry]") {
  TempDir dir;
  WriteFile(dir.path(), "previous/order.schema.json",
            R"({"type": "object", "properties": {"id": {"type": "string"}}})");
  WriteFile(dir.path(), "current/order.schema.json",
            R"({"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]})");
  for (const std::string level : {"FORWARD", "BACKWARD"}) {
    WriteFile(dir.path(), "contract-lint.yaml",
              "version: 1\nbreaking: {jsonschema: NONE, registry: " + level + "}\n");
    Options options;
    options.cwd = dir.path().string();
    options.input = "current";
    options.against = "previous";
    options.config_path = "contract-lint.yaml";
    LintResult result = RunLint(options);
    REQUIRE(result.report.diagnostics.empty());
    bool narrowing = false;
    for (const auto& finding : result.report.findings) {
      if (finding.direction != Direction::kNarrowing) continue;
      narrowing = true;
      CHECK(finding.severity == (level == "BACKWARD" ? Severity::kError : Severity::kInfo));
    }
    CHECK(narrowing);
    CHECK(result.exit_code == (level == "BACKWARD" ? 1 : 0));
  }
}

}  // namespace
}  // namespace contract_lint
