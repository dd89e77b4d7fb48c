// End-to-end: the versioning rules (SPEC "versioning:") with the built binary
// in real git repositories: major versions are new contracts, deleting one
// names its consumers, deletions may need a deprecation first, and JSON
// Schemas with a semver `version` must bump the major for a breaking change.
#include <catch2/catch.hpp>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Has;
using testing::Replace;
using testing::Repo;

std::string Orders(const std::string& version, const std::string& fields) {
  return "syntax = \"proto3\";\n\npackage acme.orders." + version + ";\n\nmessage Order {\n" +
         fields + "}\n";
}

const char* kV1Fields = "  string id = 1;\n  int32 total = 2;\n";
const char* kConsumers = R"(version: 1
consumers:
  - name: billing
    uses: [acme.orders.v1.Order.total]
  - name: search
    uses: [acme.orders.v2.Order]
)";

TEST_CASE("a v2 package beside v1 is a new contract: its differences from v1 are not findings",
          "[versioning][e2e]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kConsumers);
  repo.Write("acme/orders/v1/order.proto", Orders("v1", kV1Fields));
  repo.Commit("v1");
  // v2 drops `total` and retypes `id`: fine, nobody compares it with v1.
  repo.Write("acme/orders/v2/order.proto", Orders("v2", "  int64 id = 1;\n"));
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(Has(result.out, "0 breaking changes"));
}

TEST_CASE("deleting v1 while a consumer uses it is breaking and names that consumer only",
          "[versioning][e2e]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kConsumers);
  repo.Write("acme/orders/v1/order.proto", Orders("v1", kV1Fields));
  repo.Write("acme/orders/v2/order.proto", Orders("v2", "  int64 id = 1;\n"));
  repo.Commit("v1-and-v2");
  std::filesystem::remove(repo.path() / "acme/orders/v1/order.proto");
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out,
            "error: FILE_NO_DELETE: Previously present file \"acme/orders/v1/order.proto\" was "
            "deleted."));
  CHECK(Has(result.out, "consumer billing: 1 breaking change [FILE_NO_DELETE]"));
  CHECK(!Has(result.out, "consumer search"));
}

TEST_CASE("a package moved to the next major version in place is not compared element by element",
          "[versioning][e2e]") {
  Repo repo;
  repo.Write("acme/orders/order.proto", Orders("v1", kV1Fields));
  repo.Commit("v1");
  repo.Write("acme/orders/order.proto", Orders("v2", "  int64 id = 1;\n  string total = 2;\n"));
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out,
            "acme/orders/order.proto:3:1: error: FILE_SAME_PACKAGE: File package changed from "
            "\"acme.orders.v1\" to \"acme.orders.v2\".\n"));
  CHECK(!Has(result.out, "FIELD_SAME_TYPE"));
  CHECK(!Has(result.out, "FIELD_SAME_NAME"));
  CHECK(Has(result.out, "1 breaking change,"));
}

TEST_CASE("require_deprecation: deleting what the baseline did not deprecate is its own finding",
          "[versioning][e2e]") {
  Repo repo;
  // WIRE allows deleting a field whose number is reserved; the policy asks for a deprecation first.
  repo.Write("contract-lint.yaml",
             "version: 1\nbreaking:\n  use: [WIRE]\nversioning:\n  require_deprecation: true\n");
  repo.Write("order.proto",
             "syntax = \"proto3\";\npackage acme.v1;\nmessage Order {\n  string id = 1;\n"
             "  string note = 2 [deprecated = true];\n  int32 gone = 3;\n}\n"
             "enum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_OLD = 1;\n}\n");
  repo.Write(
      "schemas/order.schema.json",
      "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"id\": {\"type\": \"string\"},\n"
      "    \"legacy\": {\"type\": \"string\", \"deprecated\": true},\n"
      "    \"code\": {\"type\": \"string\"}\n  }\n}\n");
  repo.Commit("base");
  repo.Write("order.proto",
             "syntax = \"proto3\";\npackage acme.v1;\nmessage Order {\n  reserved 2, 3;\n  string "
             "id = 1;\n}\n"
             "enum Status {\n  reserved 1;\n  STATUS_UNSPECIFIED = 0;\n}\n");
  repo.Write(
      "schemas/order.schema.json",
      "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"id\": {\"type\": \"string\"}\n "
      " }\n}\n");
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  const std::string rule = ": error: ELEMENT_NO_DELETE_UNLESS_DEPRECATED: ";
  CHECK(Has(result.out, "order.proto:3:1" + rule +
                            "Field \"acme.v1.Order.gone\" was deleted without being "
                            "marked deprecated in the baseline"));
  CHECK(Has(result.out, rule + "Enum value \"acme.v1.Status.STATUS_OLD\""));
  CHECK(Has(result.out, rule + "Property \"schemas/order.schema.json#/properties/code\""));
  CHECK(!Has(result.out, "acme.v1.Order.note"));
  CHECK(!Has(result.out, "#/properties/legacy\" was deleted"));
  CHECK(Has(result.out, "3 breaking changes"));

  repo.Write("contract-lint.yaml", "version: 1\nbreaking:\n  use: [WIRE]\n");
  auto off = repo.Run("--against HEAD");
  INFO(off.out << off.err);
  CHECK(!Has(off.out, "ELEMENT_NO_DELETE_UNLESS_DEPRECATED"));
}

TEST_CASE("require_deprecation reads the baseline the comparison compiled, imports included",
          "[versioning][e2e]") {
  Repo repo;
  repo.Write("contract-lint.yaml",
             "version: 1\nbreaking:\n  use: [FILE]\nversioning:\n  require_deprecation: true\n");
  // common.proto is the same on both sides (compiled once, shared); order.proto imports it.
  repo.Write("common.proto",
             "syntax = \"proto3\";\npackage acme.v1;\nmessage Money { int64 units = 1; }\n");
  repo.Write("order.proto",
             "syntax = \"proto3\";\npackage acme.v1;\nimport \"common.proto\";\n"
             "message Order { Money total = 1; }\n"
             "message Legacy { option deprecated = true; }\nmessage Gone { Money m = 1; }\n"
             "service Orders {\n  rpc Get(Order) returns (Order);\n"
             "  rpc Old(Order) returns (Order) { option deprecated = true; }\n}\n");
  repo.Commit("base");
  repo.Write("order.proto",
             "syntax = \"proto3\";\npackage acme.v1;\nimport \"common.proto\";\n"
             "message Order { Money total = 1; }\nservice Orders {}\n");
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  const std::string rule = ": error: ELEMENT_NO_DELETE_UNLESS_DEPRECATED: ";
  CHECK(Has(result.out, rule + "Message \"acme.v1.Gone\" was deleted without being marked"));
  CHECK(Has(result.out, rule + "RPC \"acme.v1.Orders.Get\" was deleted without being marked"));
  CHECK(!Has(result.out, rule + "Message \"acme.v1.Legacy\""));
  CHECK(!Has(result.out, rule + "RPC \"acme.v1.Orders.Old\""));
}

std::string VersionedSchema(const std::string& version, const std::string& required,
                            const std::string& id = "https://acme.example/schemas/v1/order.json") {
  return "{\n  \"$id\": \"" + id + "\",\n  \"version\": \"" + version +
         "\",\n  \"type\": \"object\",\n  \"properties\": {\n    \"id\": {\"type\": \"string\"},\n"
         "    \"total\": {\"type\": \"number\"}\n  },\n  \"required\": [" +
         required + "]\n}\n";
}

TEST_CASE("a semver JSON Schema needs a major bump for a breaking change and gets the next version",
          "[versioning][e2e]") {
  Repo repo;
  repo.Write("order.schema.json", VersionedSchema("1.2.0", "\"id\""));
  repo.Commit("base");
  const std::string path = "order.schema.json";

  repo.Write(path, VersionedSchema("1.3.0", "\"id\", \"total\""));
  auto minor = repo.Run("--against HEAD");
  INFO(minor.out << minor.err);
  CHECK(minor.exit_code == 1);
  CHECK(Has(minor.out,
            path + ":3:14: error: VERSION_MAJOR_BUMP_REQUIRED: Schema order.schema.json makes 1 "
                   "breaking change but its version goes from 1.2.0 to 1.3.0: a breaking change "
                   "needs a major version (2.0.0)"));
  CHECK(Has(minor.out,
            path + ":3:14: info: VERSION_NEXT: Schema order.schema.json: the changes since 1.2.0 "
                   "are breaking, so the next version is 2.0.0 (the file says 1.3.0)"));
  CHECK(Has(minor.out, "error: REQUIRED_NO_ADD"));

  repo.Write(path, VersionedSchema("2.0.0", "\"id\", \"total\""));
  auto major = repo.Run("--against HEAD");
  INFO(major.out << major.err);
  CHECK(major.exit_code == 0);
  CHECK(Has(major.out, "warning: REQUIRED_NO_ADD"));
  CHECK(Has(major.out, "(allowed by the major version bump 1.2.0 -> 2.0.0)"));
  CHECK(!Has(major.out, "VERSION_MAJOR_BUMP_REQUIRED"));

  // A description added: an annotation.
  repo.Write(path, Replace(VersionedSchema("1.2.1", "\"id\""), "\"number\"}",
                           "\"number\", \"description\": \"in cents\"}"));
  auto patch = repo.Run("--against HEAD");
  INFO(patch.out << patch.err);
  CHECK(patch.exit_code == 0);
  CHECK(
      Has(patch.out, "the changes since 1.2.0 are annotation-only, so the next version is 1.2.1"));
}

TEST_CASE("a 0.x JSON Schema may break: its breaking changes are warnings", "[versioning][e2e]") {
  Repo repo;
  repo.Write("order.schema.json", VersionedSchema("0.3.0", "\"id\""));
  repo.Commit("base");
  repo.Write("order.schema.json", VersionedSchema("0.4.0", "\"id\", \"total\""));
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(Has(result.out, "warning: REQUIRED_NO_ADD"));
  CHECK(Has(result.out, "(version 0.3.0 is 0.x, unstable: it may break, reported as a warning)"));
}

TEST_CASE("a JSON Schema whose $id moves to v2 in place is not compared: the v1 schema is deleted",
          "[versioning][e2e]") {
  Repo repo;
  repo.Write("contract-lint.yaml",
             "version: 1\nconsumers:\n  - name: billing\n    uses: "
             "[\"order.schema.json#/properties/total\"]\n");
  repo.Write("order.schema.json", VersionedSchema("1.0.0", "\"id\""));
  repo.Commit("base");
  repo.Write("order.schema.json", VersionedSchema("2.0.0", "\"id\", \"total\"",
                                                  "https://acme.example/schemas/v2/order.json"));
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out,
            "order.schema.json:2:10: error: SCHEMA_NO_DELETE: Schema order.schema.json changed its "
            "$id from "
            "\"https://acme.example/schemas/v1/order.json\" to "
            "\"https://acme.example/schemas/v2/order.json\""));
  CHECK(!Has(result.out, "REQUIRED_NO_ADD"));
  CHECK(Has(result.out, "consumer billing: 1 breaking change [SCHEMA_NO_DELETE]"));
}

}  // namespace
}  // namespace contract_lint
