// Issue 4, "must show": a repository with Protobuf and JSON Schema contracts
// gives one report with both kinds of findings and one exit code.
#include <catch2/catch.hpp>

#include "acceptance/acceptance_support.h"

namespace contract_lint::acceptance {
namespace {

constexpr const char* kProtoLine =
    "proto/acme/orders/v1/orders.proto:7:3: error: FIELD_SAME_TYPE: Field \"2\" with name "
    "\"total\" on "
    "message \"Order\" changed type from \"int32\" to \"string\".";
constexpr const char* kSchemaLine =
    "schemas/event.schema.json:6:24: error: TYPE_NO_CHANGE: \"#/properties/amount\" type changed "
    "from "
    "\"integer\" to \"string\"";

void MakeRepo(const Repo& repo) {
  repo.Write("proto/acme/orders/v1/orders.proto", kOrdersProto);
  repo.Write("schemas/event.schema.json", kEventSchema);
  repo.Commit();
}

void BreakProto(const Repo& repo) {
  repo.Edit("proto/acme/orders/v1/orders.proto", "int32 total", "string total");
}
void BreakSchema(const Repo& repo) {
  repo.Edit("schemas/event.schema.json", R"("amount": {"type": "integer"})",
            R"("amount": {"type": "string"})");
}

TEST_CASE("mixed repository: one text report with a Protobuf and a JSON Schema finding, exit 1",
          "[acceptance][mixed]") {
  Repo repo;
  MakeRepo(repo);
  BreakProto(repo);
  BreakSchema(repo);
  auto result = repo.Run("--since main");
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.empty());
  auto lines = FindingLines(result.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == kProtoLine);
  CHECK(lines[1].starts_with(kSchemaLine));
  CHECK(lines[1].find("documents valid before are now rejected") != std::string::npos);
  CHECK(result.out.find("2 breaking changes, 0 warnings, 0 infos in 2 changed contract files") !=
        std::string::npos);
}

TEST_CASE("mixed repository: one JSON report with kind proto and kind jsonschema, exit 1",
          "[acceptance][mixed]") {
  Repo repo;
  MakeRepo(repo);
  BreakProto(repo);
  BreakSchema(repo);
  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  REQUIRE(report["findings"].size() == 2);

  auto proto = FindingsWithRule(report, "FIELD_SAME_TYPE");
  REQUIRE(proto.size() == 1);
  CHECK(proto[0]["kind"] == "proto");
  CHECK(proto[0]["severity"] == "error");
  CHECK(proto[0]["path"] == "proto/acme/orders/v1/orders.proto");
  CHECK(proto[0]["line"] == 7);
  CHECK(proto[0]["column"] == 3);
  CHECK(proto[0]["subject"] == "acme.orders.v1.Order.total");
  CHECK(proto[0]["before"] == "int32");
  CHECK(proto[0]["after"] == "string");

  auto schema = FindingsWithRule(report, "TYPE_NO_CHANGE");
  REQUIRE(schema.size() == 1);
  CHECK(schema[0]["kind"] == "jsonschema");
  CHECK(schema[0]["severity"] == "error");
  CHECK(schema[0]["path"] == "schemas/event.schema.json");
  CHECK(schema[0]["line"] == 6);
  CHECK(schema[0]["column"] == 24);
  CHECK(schema[0]["subject"] == "schemas/event.schema.json#/properties/amount");
  CHECK(schema[0]["direction"] == "both");

  CHECK(report["summary"]["errors"] == 2);
  CHECK(report["summary"]["proto_files"] == 1);
  CHECK(report["summary"]["jsonschema_files"] == 1);
  CHECK(report["summary"]["changed_files"] == 2);
  CHECK(report["diagnostics"].empty());
}

TEST_CASE("mixed repository: a break in either kind alone fails the run, safe changes in both pass",
          "[acceptance][mixed]") {
  SECTION("only the JSON Schema breaks; the Protobuf change is safe") {
    Repo repo;
    MakeRepo(repo);
    repo.Edit("proto/acme/orders/v1/orders.proto", "  int32 total = 2;\n",
              "  int32 total = 2;\n  string note = 3;\n");
    BreakSchema(repo);
    auto result = repo.Run("--since main");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    auto lines = FindingLines(result.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].starts_with(kSchemaLine));
  }
  SECTION("only the Protobuf breaks; the JSON Schema change is safe") {
    Repo repo;
    MakeRepo(repo);
    BreakProto(repo);
    repo.Edit("schemas/event.schema.json", R"("amount": {"type": "integer"})",
              R"("amount": {"type": "integer", "description": "in cents"})");
    auto result = repo.Run("--since main");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    auto lines = FindingLines(result.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == kProtoLine);
  }
  SECTION("both changes are safe") {
    Repo repo;
    MakeRepo(repo);
    repo.Edit("proto/acme/orders/v1/orders.proto", "  int32 total = 2;\n",
              "  int32 total = 2;\n  string note = 3;\n");
    repo.Edit("schemas/event.schema.json", R"("amount": {"type": "integer"})",
              R"("amount": {"type": "integer", "description": "in cents"})");
    auto result = repo.Run("--since main");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(FindingLines(result.out).empty());
    CHECK(result.out.find("0 breaking changes") != std::string::npos);
  }
}

}  // namespace
}  // namespace contract_lint::acceptance
