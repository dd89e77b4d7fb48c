// End-to-end: issue 16, "no silent pass" — the configuration, registry,
// transitive, sample, selector, init and JSON Schema location items. Each
// test is named after its item and runs the built binary in a real git
// repository.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Git;
using testing::Has;
using testing::Repo;
using testing::RunTool;

const char* kOrderProto = R"(syntax = "proto3";

package acme.orders.v1;

message Order {
  string id = 1;
  int64 amount = 2;
}
)";

// The order proto without its amount field (FIELD_NO_DELETE).
std::string WithoutAmount() { return testing::Replace(kOrderProto, "  int64 amount = 2;\n", ""); }

TEST_CASE("no silent pass 1: config paths that match nothing", "[e2e][silent]") {
  Repo repo;
  repo.Write("api/acme/orders/v1/order.proto", kOrderProto);
  repo.Write("contract-lint.yaml", "version: 1\nproto:\n  roots: [proto]\n");
  repo.Commit();
  repo.Write("api/acme/orders/v1/order.proto", WithoutAmount());

  SECTION("a root that is not a directory is an error with a did-you-mean") {
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 2);
    CHECK(Has(result.err,
              "contract-lint.yaml:3:11: error: proto.roots[0]: \"proto\" is not a "
              "directory of the repository"));
    CHECK(Has(result.err, "its directories are \"api\""));
    repo.Write("contract-lint.yaml", "version: 1\nproto:\n  roots: [apii]\n");
    result = repo.Run("");
    CHECK(result.exit_code == 2);
    CHECK(Has(result.err,
              "proto.roots[0]: \"apii\" is not a directory of the repository; did "
              "you mean \"api\"?"));
  }
  SECTION("a buf.yaml module path that is not a directory is an error") {
    std::filesystem::remove(repo.path() / "contract-lint.yaml");
    repo.Write("buf.yaml", "version: v2\nmodules:\n  - path: proto\n");
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 2);
    CHECK(Has(result.err, "buf.yaml:3:5: error: modules[0].path: \"proto\" is not a directory"));
  }
  SECTION("globs that match nothing warn, and the check still runs") {
    repo.Write("contract-lint.yaml",
               "version: 1\nproto:\n  roots: [api]\n  exclude: [\"api/legacy/**\"]\n"
               "jsonschema:\n  include: [\"schemas/**/*.json\"]\n"
               "openapi:\n  include: [\"api/openapi.yml\"]\n"
               "asyncapi:\n  include: [\"events/asyncapi.yml\"]\ncontracts:\n"
               "  - name: orders\n    paths: [\"api/acme/order/**\"]\n");
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(Has(result.out, "FIELD_NO_DELETE"));
    CHECK(Has(result.err,
              "contract-lint.yaml:4:13: warning: proto.exclude[0]: \"api/legacy/**\" "
              "matches no file on either side"));
    CHECK(Has(result.err, "jsonschema.include[0]: \"schemas/**/*.json\" matches no file"));
    CHECK(Has(result.err, "contracts[0].paths[0]: \"api/acme/order/**\" matches no file"));
    // A mistyped document path must not read as "no HTTP or event contracts".
    CHECK(Has(result.err,
              "contract-lint.yaml:8:13: warning: openapi.include[0]: \"api/openapi.yml\" "
              "matches no file"));
    CHECK(Has(result.err,
              "contract-lint.yaml:10:13: warning: asyncapi.include[0]: "
              "\"events/asyncapi.yml\" matches no file"));
  }
}

TEST_CASE("no silent pass 2: --config FILE from a subdirectory", "[e2e][silent]") {
  Repo repo;
  repo.Write("services/orders/proto/acme/orders/v1/order.proto", kOrderProto);
  repo.Write("services/orders/contract-lint.yaml",
             "version: 1\nproto:\n  roots: [proto]\ncontracts:\n  - name: orders\n"
             "    owner: \"@orders\"\n    paths: [\"proto/**\"]\n");
  repo.Commit();
  repo.Write("services/orders/proto/acme/orders/v1/order.proto", WithoutAmount());
  // From the repository root: roots: [proto] means services/orders/proto.
  int exit_code = 0;
  auto json = repo.RunJson("--config services/orders/contract-lint.yaml", &exit_code);
  INFO(json.dump(2));
  CHECK(exit_code == 1);
  REQUIRE(json["findings"].size() == 1);
  CHECK(json["findings"][0]["rule"] == "FIELD_NO_DELETE");
  CHECK(json["findings"][0]["path"] == "services/orders/proto/acme/orders/v1/order.proto");
  CHECK(json["findings"][0]["contract"] == "orders");
  CHECK(json["findings"][0]["owner"] == "@orders");
  // The same from another directory.
  std::filesystem::create_directories(repo.path() / "tools");
  auto result = RunTool("--config ../services/orders/contract-lint.yaml", repo.path() / "tools");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out,
            "services/orders/proto/acme/orders/v1/order.proto:5:1: error: "
            "FIELD_NO_DELETE"));
}

TEST_CASE("no silent pass 3: config discovery in a monorepo", "[e2e][silent]") {
  Repo repo;
  repo.Write("services/orders/proto/acme/orders/v1/order.proto", kOrderProto);
  repo.Write("services/orders/contract-lint.yaml",
             "version: 1\nproto:\n  roots: [proto]\nbreaking:\n  use: [WIRE]\n");
  repo.Write("contract-lint.yaml", "version: 1\nbreaking:\n  use: [FILE]\n");
  repo.Commit();
  // A rename is FILE-breaking but wire-safe: the service's own policy decides.
  repo.Edit("services/orders/proto/acme/orders/v1/order.proto", "int64 amount", "int64 total");
  auto dir = repo.path() / "services" / "orders";

  auto result = RunTool("-v --format json", dir);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(Has(result.err, "using the configuration services/orders/contract-lint.yaml"));
  auto json = nlohmann::json::parse(result.out);
  CHECK(json["config_source"] == "services/orders/contract-lint.yaml");
  // From a directory below it, the nearest config up the tree still applies.
  std::filesystem::create_directories(dir / "proto");
  CHECK(RunTool("--verbose", dir / "proto").exit_code == 0);
  // From the root, the root config (FILE) applies.
  auto root = repo.Run("--format json");
  CHECK(root.exit_code == 1);
  CHECK(nlohmann::json::parse(root.out)["config_source"] == "contract-lint.yaml");
  // An invalid config in the subdirectory is read and refused.
  repo.Write("services/orders/contract-lint.yaml", "version: 1\nbreaking:\n  use: [WIRE_JSNO]\n");
  result = RunTool("", dir);
  CHECK(result.exit_code == 2);
  CHECK(Has(result.err, "services/orders/contract-lint.yaml:3:9: error: breaking.use[0]"));
}

const char* kEventsConfig =
    "version: 1\nproto:\n  roots: [proto]\nbreaking: {registry: BACKWARD}\nconsumers:\n"
    "  - name: billing\n    owner: team-billing\n    uses: [acme.events.v1.OrderPlaced]\n";

TEST_CASE("no silent pass 5: registry mode, a deleted .proto contract", "[e2e][silent]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kEventsConfig);
  repo.Write("proto/acme/events/v1/order_placed.proto",
             "syntax = \"proto3\";\n\npackage acme.events.v1;\n\nmessage OrderPlaced {\n"
             "  string id = 1;\n}\n");
  repo.Write("proto/acme/events/v1/other.proto",
             "syntax = \"proto3\";\n\npackage acme.events.v1;\n\nmessage Other {\n"
             "  string id = 1;\n}\n");
  repo.Commit();
  Git("rm -q proto/acme/events/v1/order_placed.proto", repo.path());

  int exit_code = 0;
  auto json = repo.RunJson("", &exit_code);
  INFO(json.dump(2));
  CHECK(exit_code == 1);
  REQUIRE(json["findings"].size() == 1);
  const auto& f = json["findings"][0];
  CHECK(f["rule"] == "REGISTRY_FILE_REMOVED");
  CHECK(f["severity"] == "error");
  CHECK(f["path"] == "proto/acme/events/v1/order_placed.proto");
  CHECK(f["side"] == "against");
  CHECK(Has(f["message"].get<std::string>(), "acme.events.v1.OrderPlaced"));
  CHECK(f["affected"] == nlohmann::json::array({"billing"}));
  // The message moved to another file: the subject loses nothing it registered, a warning.
  repo.Write("proto/acme/events/v1/other.proto",
             "syntax = \"proto3\";\n\npackage acme.events.v1;\n\nmessage Other {\n"
             "  string id = 1;\n}\n\nmessage OrderPlaced {\n  string id = 1;\n}\n");
  json = repo.RunJson("", &exit_code);
  CHECK(exit_code == 0);
  bool warned = false;
  for (const auto& finding : json["findings"]) {
    if (finding["rule"] == "REGISTRY_FILE_REMOVED") warned = finding["severity"] == "warning";
  }
  CHECK(warned);
}

TEST_CASE("no silent pass 6: _TRANSITIVE does not re-judge unchanged contracts", "[e2e][silent]") {
  Repo repo;
  repo.Write("contract-lint.yaml",
             "version: 1\nproto:\n  roots: [proto]\nbreaking: {registry: BACKWARD_TRANSITIVE}\n");
  const std::string head = "syntax = \"proto3\";\n\npackage acme.events.v1;\n\nmessage Order {\n";
  repo.Write("proto/order.proto", head + "  string note = 3;\n}\n");
  repo.Write(
      "proto/item.proto",
      "syntax = \"proto3\";\n\npackage acme.events.v1;\n\nmessage Item {\n  string id = 1;\n}\n");
  repo.Commit("v1");
  Git("tag v1", repo.path());
  // A historic break after v1: note became an int32 (another wire group).
  repo.Write("proto/order.proto", head + "  int32 note = 3;\n}\n");
  Git("commit -qam break", repo.path());
  // An unrelated later change to another file.
  repo.Edit("proto/item.proto", "  string id = 1;\n", "  string id = 1;\n  string sku = 2;\n");
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(!Has(result.out, "REGISTRY_FIELD_SCALAR_GROUP_CHANGED"));
  CHECK(Has(result.out, "0 breaking changes"));
  // A change to order.proto itself is judged against v1 again.
  repo.Edit("proto/order.proto", "  int32 note = 3;\n", "  int32 note = 3;\n  string tag = 4;\n");
  result = repo.Run("--against HEAD");
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out, "REGISTRY_FIELD_SCALAR_GROUP_CHANGED"));
  CHECK(Has(result.out, "(against release v1)"));
}

TEST_CASE("no silent pass 7: a stale sample hides a new rejection", "[e2e][silent]") {
  Repo repo;
  repo.Write("contract-lint.yaml",
             "version: 1\nconsumers:\n  - name: billing\n    uses: [schemas/payment.schema.json]\n"
             "    samples: [\"samples/*.json\"]\n");
  const std::string schema =
      "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
      "  \"type\": \"object\",\n  \"properties\": {\n"
      "    \"channel\": {\"enum\": [\"web\", \"app\"]},\n"
      "    \"amount\": {\"type\": \"number\"}\n  }\n}\n";
  repo.Write("schemas/payment.schema.json", schema);
  // Already rejected on the baseline, at /channel.
  repo.Write("samples/pay.json",
             "{\n  \"$schema\": \"schemas/payment.schema.json\",\n  \"channel\": \"pos\",\n"
             "  \"amount\": 12.5\n}\n");
  repo.Commit();
  SECTION("the same rejection only: SAMPLE_STALE") {
    repo.Edit("schemas/payment.schema.json", "\"type\": \"object\",",
              "\"type\": \"object\", \"title\": \"Payment\",");
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(Has(result.out, "warning: SAMPLE_STALE"));
  }
  SECTION("a new rejection at /amount: SAMPLE_REJECTED") {
    repo.Edit("schemas/payment.schema.json", "\"amount\": {\"type\": \"number\"}",
              "\"amount\": {\"type\": \"integer\"}");
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(Has(result.out, "samples/pay.json:4:13: error: SAMPLE_REJECTED: "));
    CHECK(Has(result.out, "at /amount"));
    CHECK(!Has(result.out, "SAMPLE_STALE"));
    CHECK(Has(result.out, "samples: 1 checked, 1 rejected"));
  }
}

TEST_CASE("no silent pass 8: consumer selectors and inline ignores that match nothing",
          "[e2e][silent]") {
  Repo repo;
  repo.Write("contract-lint.yaml",
             "version: 1\nproto:\n  roots: [proto]\nbreaking:\n  ignore: [\"proto/legacy/**\"]\n"
             "consumers:\n  - name: billing\n"
             "    uses: [acme.orders.v1.Ordr, schemas/ordr.schema.json, acme.orders.v1.Order]\n");
  repo.Write("proto/acme/orders/v1/order.proto", kOrderProto);
  repo.Write("schemas/order.schema.json", "{\"type\": \"object\"}\n");
  repo.Commit();

  SECTION("selectors naming nothing warn with a did-you-mean") {
    repo.Edit("proto/acme/orders/v1/order.proto", "string id = 1;",
              "string id = 1;\n  string note = 3;");
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(Has(result.err,
              "contract-lint.yaml:8:12: warning: consumers[0].uses[0]: "
              "\"acme.orders.v1.Ordr\" names no element on either side; did you "
              "mean \"acme.orders.v1.Order\"?"));
    CHECK(Has(result.err,
              "consumers[0].uses[1]: \"schemas/ordr.schema.json\" names no element "
              "on either side; did you mean \"schemas/order.schema.json\"?"));
    CHECK(!Has(result.err, "consumers[0].uses[2]"));
  }
  SECTION("an inline ignore with an unknown rule id warns with a did-you-mean") {
    repo.Write("proto/acme/orders/v1/order.proto",
               testing::Replace(kOrderProto, "  int64 amount = 2;\n",
                                "  // contract-lint:ignore FIELD_SAME_TYP widened on purpose\n"
                                "  int32 amount = 2;\n"));
    repo.Write("schemas/order.schema.json",
               "{\"type\": \"object\", \"x-contract-lint-ignore\": [\"PROPERTY_NO_ADDD\"]}\n");
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);  // nothing is suppressed by a misspelled id
    CHECK(Has(result.out, "FIELD_SAME_TYPE"));
    CHECK(Has(result.err,
              "proto/acme/orders/v1/order.proto:7:27: warning: contract-lint:ignore "
              "names an unknown rule id \"FIELD_SAME_TYP\"; did you mean "
              "\"FIELD_SAME_TYPE\"?"));
    CHECK(Has(result.err,
              "schemas/order.schema.json:1:46: warning: \"x-contract-lint-ignore\" "
              "names an unknown rule id \"PROPERTY_NO_ADDD\"; did you mean "
              "\"PROPERTY_NO_ADD\"?"));
  }
  SECTION("--report-unused lists ignores and baseline entries that suppress nothing") {
    repo.Write("proto/acme/orders/v1/order.proto",
               testing::Replace(kOrderProto, "  int64 amount = 2;\n",
                                "  // contract-lint:ignore FIELD_NO_DELETE kept for later\n"
                                "  int64 amount = 2;\n  // contract-lint:ignore FIELD_SAME_TYPE\n"
                                "  int32 count = 3;\n"));
    repo.Commit("with ignores");
    repo.Edit("proto/acme/orders/v1/order.proto", "int32 count = 3;", "int64 count = 3;");
    repo.Write("baseline.json",
               "{\"version\": 1, \"findings\": [{\"fingerprint\": \"0123456789abcdef\"}]}\n");
    auto plain = repo.Run("--baseline baseline.json");
    INFO(plain.out << plain.err);
    CHECK(plain.exit_code == 0);
    CHECK(!Has(plain.err, "suppresses nothing"));
    int exit_code = 0;
    auto result = testing::RunTool("--baseline baseline.json --report-unused", repo.path());
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(Has(result.err,
              "proto/acme/orders/v1/order.proto:7:27: warning: contract-lint:ignore "
              "FIELD_NO_DELETE suppresses nothing (--report-unused)"));
    CHECK(!Has(result.err, "FIELD_SAME_TYPE suppresses nothing"));
    CHECK(Has(result.err,
              "contract-lint.yaml:5:12: warning: breaking.ignore[0]: "
              "\"proto/legacy/**\" suppresses nothing"));
    CHECK(Has(result.err,
              "baseline.json:1:45: warning: baseline entry 0123456789abcdef suppresses "
              "nothing"));
    CHECK(Has(result.out, "1 suppressed, 3 unused suppressions"));
    auto json = repo.RunJson("--baseline baseline.json --report-unused", &exit_code);
    CHECK(json["summary"]["unused_suppressions"] == 3);
  }
}

TEST_CASE("no silent pass 9: package glob selectors", "[e2e][silent]") {
  Repo repo;
  repo.Write(
      "contract-lint.yaml",
      "version: 1\nproto:\n  roots: [proto]\nconsumers:\n  - name: billing\n"
      "    uses: [\"acme.orders.v1.*\"]\n  - name: exact\n    uses: [acme.orders.v1.Order]\n");
  repo.Write("proto/acme/common/v1/money.proto",
             "syntax = \"proto3\";\n\npackage acme.common.v1;\n\nmessage Money {\n"
             "  int64 units = 1;\n  string currency = 2;\n}\n");
  repo.Write("proto/acme/orders/v1/order.proto",
             "syntax = \"proto3\";\n\npackage acme.orders.v1;\n\n"
             "import \"acme/common/v1/money.proto\";\n\nmessage Order {\n  string id = 1;\n"
             "  acme.common.v1.Money total = 2;\n}\n");
  repo.Commit();
  repo.Edit("proto/acme/common/v1/money.proto", "  string currency = 2;\n", "");
  int exit_code = 0;
  auto json = repo.RunJson("", &exit_code);
  INFO(json.dump(2));
  CHECK(exit_code == 1);
  REQUIRE(json["findings"].size() == 1);
  CHECK(json["findings"][0]["rule"] == "FIELD_NO_DELETE");
  CHECK(json["findings"][0]["affected"] == nlohmann::json::array({"billing", "exact"}));
}

TEST_CASE("no silent pass 10: registry-mode enum values and scalar widenings", "[e2e][silent]") {
  Repo repo;
  repo.Write("contract-lint.yaml",
             "version: 1\nproto:\n  roots: [proto]\nbreaking: {registry: BACKWARD}\nconsumers:\n"
             "  - name: app\n    uses: [acme.v1.Channel.CHANNEL_APP]\n");
  repo.Write("proto/acme/v1/order.proto",
             "syntax = \"proto3\";\n\npackage acme.v1;\n\nenum Channel {\n"
             "  CHANNEL_UNSPECIFIED = 0;\n  CHANNEL_APP = 1;\n}\n\nmessage Order {\n"
             "  int32 qty = 1;\n  Channel channel = 2;\n}\n");
  repo.Commit();
  repo.Edit("proto/acme/v1/order.proto", "  CHANNEL_APP = 1;\n", "");
  repo.Edit("proto/acme/v1/order.proto", "int32 qty", "int64 qty");
  int exit_code = 0;
  auto json = repo.RunJson("", &exit_code);
  INFO(json.dump(2));
  CHECK(exit_code == 0);
  std::map<std::string, nlohmann::json> by_rule;
  for (const auto& f : json["findings"]) by_rule[f["rule"]] = f;
  REQUIRE(by_rule.count("REGISTRY_ENUM_VALUE_REMOVED"));
  CHECK(by_rule["REGISTRY_ENUM_VALUE_REMOVED"]["subject"] == "acme.v1.Channel.CHANNEL_APP");
  CHECK(by_rule["REGISTRY_ENUM_VALUE_REMOVED"]["affected"] == nlohmann::json::array({"app"}));
  REQUIRE(by_rule.count("REGISTRY_FIELD_SCALAR_TYPE_CHANGED"));
  const auto& widened = by_rule["REGISTRY_FIELD_SCALAR_TYPE_CHANGED"];
  CHECK(widened["severity"] == "info");
  CHECK(widened["subject"] == "acme.v1.Order.qty");
  CHECK(widened["before"] == "int32");
  CHECK(widened["after"] == "int64");
  // --consumer app sees the value's removal.
  json = repo.RunJson("--consumer app", &exit_code);
  CHECK(json["findings"].size() == 1);
}

TEST_CASE("no silent pass 22: init with a buf.yaml", "[e2e][silent]") {
  Repo repo;
  repo.Write("buf.yaml",
             "version: v2\nmodules:\n  - path: proto\n    excludes: [proto/vendor]\n"
             "breaking:\n  use: [WIRE_JSON]\n  ignore: [proto/acme/legacy]\n");
  repo.Write("proto/acme/v1/a.proto", "syntax = \"proto3\";\npackage acme.v1;\n");
  repo.Write("proto/acme/orders/v1/o.proto", "syntax = \"proto3\";\npackage acme.orders.v1;\n");
  repo.Write("schemas/order.schema.json",
             "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"}\n");
  repo.Write("samples/billing/order.json", "{\"$schema\": \"schemas/order.schema.json\"}\n");
  repo.Commit();
  auto result = RunTool("init", repo.path());
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(Has(result.out, "buf.yaml's roots, excludes and breaking policy were carried over"));
  std::string config = repo.Read("contract-lint.yaml");
  INFO(config);
  CHECK(Has(config, "roots: [\"proto\"]"));
  CHECK(Has(config, "exclude: [\"proto/vendor\"]"));
  CHECK(Has(config, "use: [\"WIRE_JSON\"]"));
  CHECK(Has(config, "ignore: [\"proto/acme/legacy\"]"));
  CHECK(!Has(config, "samples/billing"));
  // acme.orders (proto/acme/orders/**) comes before acme (proto/acme/**), which would shadow it.
  size_t orders = config.find("- name: acme.orders\n");
  size_t acme = config.find("- name: acme\n");
  REQUIRE(orders != std::string::npos);
  REQUIRE(acme != std::string::npos);
  CHECK(orders < acme);
  // The written config is valid and used in place of buf.yaml.
  auto check = RunTool("-v", repo.path());
  CHECK(check.exit_code == 0);
  CHECK(Has(check.err, "using the configuration contract-lint.yaml"));
}

TEST_CASE("no silent pass 22: init without JSON Schemas writes no glob that matches nothing",
          "[e2e][silent]") {
  Repo repo;
  repo.Write("proto/acme/v1/a.proto", "syntax = \"proto3\";\npackage acme.v1;\n");
  REQUIRE(RunTool("init", repo.path()).exit_code == 0);
  repo.Commit();
  auto check = repo.Run("");
  INFO(repo.Read("contract-lint.yaml") << check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(!Has(check.err, "warning"));
}

TEST_CASE("no silent pass 23: BOM and deleted-property locations in JSON Schema", "[e2e][silent]") {
  Repo repo;
  const std::string schema =
      "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"id\": {\"type\": \"string\"},\n"
      "    \"amount\": {\"type\": \"integer\"}\n  }\n}\n";
  repo.Write("order.schema.json", "\xEF\xBB\xBF" + schema);
  repo.Commit();
  SECTION("a BOM does not move locations") {
    repo.Edit("order.schema.json", "\"id\": {\"type\": \"string\"}",
              "\"id\": {\"type\": \"integer\"}");
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(Has(result.out, "order.schema.json:4:20: error: TYPE_NO_CHANGE"));
  }
  SECTION("a deleted property is located at its parent in the current file") {
    repo.Write("order.schema.json",
               testing::Replace(schema, ",\n    \"amount\": {\"type\": \"integer\"}", ""));
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(Has(result.out, "order.schema.json:3:17: info: PROPERTY_NO_DELETE"));
  }
}

}  // namespace
}  // namespace contract_lint
