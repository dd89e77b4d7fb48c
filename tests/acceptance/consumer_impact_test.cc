// Issue 5, "must show": consumer impact end to end. A consumer of
// OrderService/GetOrder is hurt by a type change three message levels below
// the response (through an import); a consumer of an unrelated message is not.
// The same for JSON Schema consumers whose selector's subtree reaches the
// changed subschema through a chain of $refs into other files.
#include <algorithm>
#include <catch2/catch.hpp>

#include "acceptance/acceptance_support.h"

namespace contract_lint::acceptance {
namespace {

const char* kOrders = R"(syntax = "proto3";

package acme.orders.v1;

import "acme/common/v1/address.proto";

service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}

message GetOrderRequest {
  string id = 1;
}

message GetOrderResponse {
  Order order = 1;
}

message Order {
  string id = 1;
  Customer customer = 2;
}

message Customer {
  string name = 1;
  acme.common.v1.Address address = 2;
}

message Invoice {
  string number = 1;
  int64 total_cents = 2;
}
)";

const char* kAddress = R"(syntax = "proto3";

package acme.common.v1;

message Address {
  string street = 1;
  int32 zip = 2;
}
)";

const char* kConfig = R"(version: 1
proto:
  roots: [proto]
jsonschema:
  include: ["schemas/**/*.schema.json"]
contracts:
  - name: orders
    paths: ["proto/acme/orders/**"]
    owner: team-orders
  - name: common
    paths: ["proto/acme/common/**"]
    owner: team-platform
consumers:
  - name: checkout
    owner: team-checkout
    contact: "@acme/checkout"
    uses: [acme.orders.v1.OrderService/GetOrder]
  - name: accounting
    owner: team-accounting
    contact: "@acme/accounting"
    uses: [acme.orders.v1.Invoice]
)";

// Response → Order (1) → Customer (2) → Address (3): Address.zip changes type.
void MakeProtoRepo(const Repo& repo) {
  repo.Write("contract-lint.yaml", kConfig);
  repo.Write("proto/acme/orders/v1/orders.proto", kOrders);
  repo.Write("proto/acme/common/v1/address.proto", kAddress);
  repo.Commit();
  repo.Edit("proto/acme/common/v1/address.proto", "int32 zip", "string zip");
}

constexpr const char* kZipLine =
    "proto/acme/common/v1/address.proto:7:3: error: FIELD_SAME_TYPE: Field \"2\" with name \"zip\" "
    "on "
    "message \"Address\" changed type from \"int32\" to \"string\".";

TEST_CASE("impact: a Service/Method consumer is affected three message levels below the response",
          "[acceptance][impact]") {
  Repo repo;
  MakeProtoRepo(repo);

  auto text = repo.Run("--since main");
  INFO("stdout:\n" << text.out << "stderr:\n" << text.err);
  CHECK(text.exit_code == 1);
  CHECK(FindingLines(text.out) == std::vector<std::string>{kZipLine});
  CHECK(text.out.find(
            "consumer checkout (team-checkout): 1 breaking change [FIELD_SAME_TYPE]; contact "
            "@acme/checkout") != std::string::npos);
  CHECK(text.out.find("consumer accounting") == std::string::npos);

  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  auto zip = FindingsWithRule(report, "FIELD_SAME_TYPE");
  REQUIRE(zip.size() == 1);
  CHECK(zip[0]["subject"] == "acme.common.v1.Address.zip");
  CHECK(Strings(zip[0]["affected"]) == std::vector<std::string>{"checkout"});
  CHECK(zip[0]["contract"] == "common");
  CHECK(zip[0]["owner"] == "team-platform");
  REQUIRE(report["consumers"].size() == 1);
  CHECK(report["consumers"][0]["name"] == "checkout");
  CHECK(report["consumers"][0]["contact"] == "@acme/checkout");
  CHECK(report["consumers"][0]["breaking"] == 1);
  CHECK(Strings(report["consumers"][0]["rules"]) == std::vector<std::string>{"FIELD_SAME_TYPE"});
}

TEST_CASE("impact: --consumer keeps only what hurts that consumer", "[acceptance][impact]") {
  Repo repo;
  MakeProtoRepo(repo);
  auto checkout = repo.Run("--since main --consumer checkout");
  INFO(checkout.out << checkout.err);
  CHECK(checkout.exit_code == 1);
  CHECK(FindingLines(checkout.out) == std::vector<std::string>{kZipLine});

  auto accounting = repo.Run("--since main --consumer accounting");
  INFO(accounting.out << accounting.err);
  CHECK(accounting.exit_code == 0);
  CHECK(FindingLines(accounting.out).empty());
}

TEST_CASE("impact: a change in the unrelated message affects only its own consumer",
          "[acceptance][impact]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kConfig);
  repo.Write("proto/acme/orders/v1/orders.proto", kOrders);
  repo.Write("proto/acme/common/v1/address.proto", kAddress);
  repo.Commit();
  repo.Edit("proto/acme/orders/v1/orders.proto", "int64 total_cents", "int32 total_cents");
  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  auto total = FindingsWithRule(report, "FIELD_SAME_TYPE");
  REQUIRE(total.size() == 1);
  CHECK(total[0]["subject"] == "acme.orders.v1.Invoice.total_cents");
  CHECK(Strings(total[0]["affected"]) == std::vector<std::string>{"accounting"});
  CHECK(total[0]["owner"] == "team-orders");
  REQUIRE(report["consumers"].size() == 1);
  CHECK(report["consumers"][0]["name"] == "accounting");
}

// order-created#/properties/order → order.schema.json (another file) →
// #/properties/customer → #/$defs/customer → properties/zip changes type.
const char* kOrderCreated = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "id": {"type": "string"},
    "order": {"$ref": "order.schema.json"},
    "note": {"type": "string"}
  }
}
)";

const char* kOrderSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "customer": {"$ref": "#/$defs/customer"}
  },
  "$defs": {
    "customer": {
      "type": "object",
      "properties": {
        "zip": {"type": "integer"}
      }
    }
  }
}
)";

const char* kSchemaConsumers = R"(version: 1
jsonschema:
  include: ["schemas/**/*.schema.json"]
contracts:
  - name: order-events
    paths: ["schemas/**"]
    owner: team-orders
consumers:
  - name: analytics
    owner: team-analytics
    contact: "@acme/analytics"
    uses: ["schemas/events/order-created.schema.json#/properties/order"]
  - name: notifier
    contact: "@acme/notifier"
    uses: ["schemas/events/order-created.schema.json#/properties/note"]
)";

TEST_CASE("impact: a JSON pointer consumer is affected through a $ref chain into another file",
          "[acceptance][impact]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kSchemaConsumers);
  repo.Write("schemas/events/order-created.schema.json", kOrderCreated);
  repo.Write("schemas/events/order.schema.json", kOrderSchema);
  repo.Commit();
  repo.Edit("schemas/events/order.schema.json", R"("zip": {"type": "integer"})",
            R"("zip": {"type": "string"})");

  auto text = repo.Run("--since main");
  INFO("stdout:\n" << text.out << "stderr:\n" << text.err);
  CHECK(text.exit_code == 1);
  auto lines = FindingLines(text.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].starts_with(
      "schemas/events/order.schema.json:11:25: error: TYPE_NO_CHANGE: "
      "\"#/$defs/customer/properties/zip\" type changed from \"integer\" to \"string\""));
  CHECK(text.out.find(
            "consumer analytics (team-analytics): 1 breaking change [TYPE_NO_CHANGE]; contact "
            "@acme/analytics") != std::string::npos);
  CHECK(text.out.find("consumer notifier") == std::string::npos);

  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  auto zip = FindingsWithRule(report, "TYPE_NO_CHANGE");
  REQUIRE(zip.size() == 1);
  CHECK(zip[0]["subject"] == "schemas/events/order.schema.json#/$defs/customer/properties/zip");
  CHECK(Strings(zip[0]["affected"]) == std::vector<std::string>{"analytics"});
  CHECK(zip[0]["owner"] == "team-orders");
  REQUIRE(report["consumers"].size() == 1);
  CHECK(report["consumers"][0]["name"] == "analytics");
  CHECK(report["consumers"][0]["breaking"] == 1);
}

// The same chain spelled with an absolute $id and an $anchor, as the
// comparison itself resolves them.
TEST_CASE("impact: the $ref chain is followed through $id references and $anchors too",
          "[acceptance][impact]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kSchemaConsumers);
  repo.Write(
      "schemas/events/order-created.schema.json",
      Replace(Replace(kOrderCreated, R"("$ref": "order.schema.json")",
                      R"("$ref": "https://acme.example/schemas/order.schema.json")"),
              R"("type": "object",)",
              "\"$id\": \"https://acme.example/schemas/events/order-created.schema.json\",\n  "
              "\"type\": \"object\","));
  repo.Write(
      "schemas/shared/order.schema.json",
      Replace(Replace(kOrderSchema, R"("$ref": "#/$defs/customer")", R"("$ref": "#customer")"),
              R"("customer": {
      "type": "object",)",
              R"("customer": {
      "$anchor": "customer",
      "type": "object",)")
          .insert(2, "  \"$id\": \"https://acme.example/schemas/order.schema.json\",\n"));
  repo.Commit();
  repo.Edit("schemas/shared/order.schema.json", R"("zip": {"type": "integer"})",
            R"("zip": {"type": "string"})");

  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  auto zip = FindingsWithRule(report, "TYPE_NO_CHANGE");
  REQUIRE(zip.size() == 1);
  CHECK(zip[0]["subject"] == "schemas/shared/order.schema.json#/$defs/customer/properties/zip");
  CHECK(Strings(zip[0]["affected"]) == std::vector<std::string>{"analytics"});
  REQUIRE(report["consumers"].size() == 1);
  CHECK(report["consumers"][0]["name"] == "analytics");
}

}  // namespace
}  // namespace contract_lint::acceptance
