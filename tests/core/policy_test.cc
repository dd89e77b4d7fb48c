// Suppression, baselines, ownership and consumer impact over findings made
// in the test (the comparison itself is covered by the fixtures).
#include "policy/policy.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "base/edit_distance.h"
#include "base/version_component.h"
#include "config/config.h"
#include "config/starter_config.h"
#include "impact/impact.h"
#include "policy/suppression.h"

namespace contract_lint {
namespace {

Finding ProtoFinding(std::string rule, std::string path, int line, std::string subject) {
  Finding f;
  f.rule = std::move(rule);
  f.kind = ContractKind::kProto;
  f.location = Location{std::move(path), line, 1, line, 10, Side::kCurrent};
  f.subject = std::move(subject);
  f.message = "m";
  return f;
}

Config ConfigFrom(const std::string& yaml) {
  MemorySnapshot snapshot(std::map<std::string, std::string>{{"contract-lint.yaml", yaml}});
  Config config;
  Diagnostics diagnostics;
  std::vector<Diagnostic> warnings;
  REQUIRE(LoadConfig(snapshot, "", "", &config, &diagnostics, &warnings));
  return config;
}

TEST_CASE("one spelling of a version component for packages, $ids and paths",
          "[core][versioning]") {
  CHECK(VersionComponentMajor("v2") == 2);
  CHECK(VersionComponentMajor("v1beta1") == 1);
  CHECK(VersionComponentMajor("v2p1alpha3") == 2);
  CHECK(VersionComponentMajor("v3test") == 3);
  for (const char* other : {"v", "2", "version2", "v2x", "vbeta", "V2", ""}) {
    INFO(other);
    CHECK_FALSE(VersionComponentMajor(other).has_value());
  }
  // Too large for an int: not a version (versioning.cc's std::stoi used to throw on it).
  CHECK_FALSE(VersionComponentMajor("v99999999999").has_value());
}

}  // namespace

TEST_CASE("a proto comment on or above the element suppresses that rule only",
          "[core][suppression]") {
  MemorySnapshot current(std::map<std::string, std::string>{
      {"a.proto",
       "syntax = \"proto3\";\n"
       "message A {\n"
       "  // contract-lint:ignore FIELD_SAME_TYPE widening is fine here\n"
       "  int64 x = 1;\n"
       "  int64 y = 2; // contract-lint:ignore FIELD_SAME_NAME,FIELD_SAME_TYPE ok\n"
       "  int64 z = 3;\n"
       "}\n"}});
  std::vector<Finding> findings = {
      ProtoFinding("FIELD_SAME_TYPE", "a.proto", 4, "A.x"),
      ProtoFinding("FIELD_SAME_NAME", "a.proto", 4, "A.x"),
      ProtoFinding("FIELD_SAME_TYPE", "a.proto", 5, "A.y"),
      ProtoFinding("FIELD_SAME_TYPE", "a.proto", 6, "A.z"),
  };
  ApplyInlineSuppressions(current, &findings);
  CHECK(findings[0].suppressed);
  CHECK(findings[0].suppressed_by == "inline");
  CHECK_FALSE(findings[1].suppressed);
  CHECK(findings[2].suppressed);
  CHECK_FALSE(findings[3].suppressed);
}

TEST_CASE("x-contract-lint-ignore in a JSON subschema suppresses findings inside it",
          "[core][suppression]") {
  MemorySnapshot current(std::map<std::string, std::string>{
      {"s.schema.json",
       R"({"properties": {"a": {"type": "integer", "x-contract-lint-ignore": ["TYPE_NARROWED"]},
                               "b": {"type": "integer"}}})"}});
  Finding a;
  a.kind = ContractKind::kJsonSchema;
  a.rule = "TYPE_NARROWED";
  a.location = Location{"s.schema.json", 1, 1, 1, 2, Side::kCurrent};
  a.subject = "s.schema.json#/properties/a/type";
  Finding b = a;
  b.subject = "s.schema.json#/properties/b/type";
  Finding other_rule = a;
  other_rule.rule = "ENUM_VALUE_NO_DELETE";
  std::vector<Finding> findings = {a, b, other_rule};
  ApplyInlineSuppressions(current, &findings);
  CHECK(findings[0].suppressed);
  CHECK_FALSE(findings[1].suppressed);
  CHECK_FALSE(findings[2].suppressed);
}

TEST_CASE("a fingerprint ignores the location, so a baseline survives line moves",
          "[core][suppression]") {
  Finding before = ProtoFinding("FIELD_SAME_TYPE", "a.proto", 4, "pkg.A.x");
  before.before = "int32";
  before.after = "int64";
  Finding moved = before;
  moved.location.line = 24;
  CHECK(Fingerprint(before) == Fingerprint(moved));
  Finding different = before;
  different.after = "string";
  CHECK(Fingerprint(before) != Fingerprint(different));

  before.fingerprint = Fingerprint(before);
  moved.fingerprint = Fingerprint(moved);
  std::vector<Finding> findings = {moved};
  ApplyBaseline({before.fingerprint}, &findings);
  CHECK(findings[0].suppressed);
  CHECK(findings[0].suppressed_by == "baseline");
}

TEST_CASE("findings get their contract, owner and per-contract policy", "[core][policy]") {
  Config config = ConfigFrom(
      "version: 1\nbreaking:\n  use: [FILE]\n"
      "contracts:\n"
      "  - name: orders\n    paths: ['proto/orders/**']\n    owner: team-orders\n"
      "  - name: events\n    paths: ['proto/events/**']\n    owner: team-events\n"
      "    breaking: {use: [WIRE]}\n");
  std::vector<Finding> findings = {
      ProtoFinding("FIELD_SAME_TYPE", "proto/orders/o.proto", 3, "o.A.x"),
      ProtoFinding("FIELD_SAME_TYPE", "proto/events/e.proto", 3, "e.A.x"),
      ProtoFinding("FIELD_WIRE_COMPATIBLE_TYPE", "proto/events/e.proto", 4, "e.A.y"),
  };
  ApplyPolicy(config, &findings);
  // FIELD_SAME_TYPE is FILE-only: dropped for the WIRE contract.
  std::sort(findings.begin(), findings.end(), FindingLess);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].location.path == "proto/events/e.proto");
  CHECK(findings[0].rule == "FIELD_WIRE_COMPATIBLE_TYPE");
  CHECK(findings[0].contract == "events");
  CHECK(findings[0].owner == "team-events");
  CHECK(findings[1].rule == "FIELD_SAME_TYPE");
  CHECK(findings[1].owner == "team-orders");
}

TEST_CASE("breaking.openapi and breaking.asyncapi select findings by id and level",
          "[core][policy][openapi][asyncapi]") {
  Config config = ConfigFrom(
      "version: 1\nbreaking:\n  openapi:\n    use: [ERR, endpoint-added]\n"
      "    except: [request-body-removed]\n  asyncapi:\n    except: [INFO, "
      "ASYNCAPI_CHANNEL_DELETED]\n");
  auto make = [](ContractKind kind, std::string rule, Severity severity) {
    Finding f = ProtoFinding(std::move(rule), "api/openapi.yaml", 3, "api/openapi.yaml#x");
    f.kind = kind;
    f.severity = severity;
    return f;
  };
  std::vector<Finding> findings = {
      make(ContractKind::kOpenApi, "request-property-type-changed", Severity::kError),  // ERR
      make(ContractKind::kOpenApi, "endpoint-added", Severity::kError),            // INFO, by id
      make(ContractKind::kOpenApi, "request-property-removed", Severity::kError),  // WARN: not used
      make(ContractKind::kOpenApi, "request-body-removed", Severity::kError),      // excepted
      make(ContractKind::kAsyncApi, "ASYNCAPI_CHANNEL_DELETED", Severity::kError),  // excepted
      make(ContractKind::kAsyncApi, "TYPE_NO_CHANGE", Severity::kInfo),  // INFO: excepted
      make(ContractKind::kAsyncApi, "TYPE_NO_CHANGE", Severity::kError),
  };
  ApplyPolicy(config, &findings);
  std::vector<std::string> kept;
  for (const auto& f : findings)
    kept.push_back(f.rule + "/" + std::string(SeverityName(f.severity)));
  std::sort(kept.begin(), kept.end());
  CHECK(kept == std::vector<std::string>{"TYPE_NO_CHANGE/error", "endpoint-added/info",
                                         "request-property-type-changed/error"});
}

TEST_CASE("selectors cover what SPEC's table says", "[core][impact]") {
  ImpactGraph graph;
  graph.Add("acme.v1.OrderService", "acme.v1.OrderService.GetOrder");
  graph.Add("acme.v1.OrderService.GetOrder", "acme.v1.GetOrderRequest");
  graph.Add("acme.v1.OrderService.GetOrder", "acme.v1.GetOrderResponse");
  graph.Add("acme.v1.GetOrderResponse.order", "acme.v1.Order");
  graph.Add("acme.v1.Order.total", "acme.common.v1.Money");
  graph.Add("acme.v1.Order.items", "acme.v1.LineItem");
  graph.Add("s/o.schema.json#/properties/total", "s/o.schema.json#/$defs/money");

  auto finding = [](std::string subject) {
    return ProtoFinding("R", "x.proto", 1, std::move(subject));
  };
  ConsumerSelector method("acme.v1.OrderService/GetOrder", graph);
  CHECK(method.Covers(finding("acme.common.v1.Money.nanos")));  // three levels below the response
  CHECK(method.Covers(finding("acme.v1.LineItem.sku")));
  CHECK(method.Covers(finding("acme.v1.OrderService.GetOrder")));
  CHECK_FALSE(method.Covers(finding("acme.v1.Unrelated.x")));
  CHECK_FALSE(method.Covers(finding("acme.v1.OrderService.ListOrders")));

  ConsumerSelector service("acme.v1.OrderService", graph);
  CHECK(service.Covers(finding("acme.v1.OrderService.ListOrders")));
  CHECK(service.Covers(finding("acme.common.v1.Money")));

  ConsumerSelector field("acme.v1.Order.total", graph);
  CHECK(field.Covers(finding("acme.common.v1.Money.units")));
  CHECK_FALSE(field.Covers(finding("acme.v1.LineItem.sku")));
  CHECK_FALSE(field.Covers(finding("acme.v1.Order.totally")));

  ConsumerSelector glob("acme.v1.Order*", graph);
  CHECK(glob.Covers(finding("acme.v1.OrderService.GetOrder")));
  CHECK_FALSE(glob.Covers(finding("acme.v2.Order")));

  Finding schema;
  schema.kind = ContractKind::kJsonSchema;
  schema.subject = "s/o.schema.json#/$defs/money/properties/units";
  ConsumerSelector pointer("s/o.schema.json#/properties/total", graph);
  CHECK(pointer.Covers(schema));
  schema.subject = "s/o.schema.json#/properties/channel";
  CHECK_FALSE(pointer.Covers(schema));
  ConsumerSelector whole_file("s/o.schema.json", graph);
  CHECK(whole_file.Covers(schema));
}

TEST_CASE("a deleted element takes what is inside it; a removed constraint does not",
          "[core][impact]") {
  ImpactGraph graph;
  ConsumerSelector money_units("acme.v1.Money.units", graph);
  // The message the consumer's field lives in is gone: under buf's rule and
  // under the registry's, and a moved package takes its files' contents.
  CHECK(money_units.Covers(ProtoFinding("MESSAGE_NO_DELETE", "m.proto", 1, "acme.v1.Money")));
  CHECK(
      money_units.Covers(ProtoFinding("REGISTRY_MESSAGE_REMOVED", "m.proto", 1, "acme.v1.Money")));
  CHECK(money_units.Covers(
      ProtoFinding("ELEMENT_NO_DELETE_UNLESS_DEPRECATED", "m.proto", 1, "acme.v1.Money")));
  // Not deletions: the message is still there.
  CHECK_FALSE(money_units.Covers(
      ProtoFinding("RESERVED_MESSAGE_NO_DELETE", "m.proto", 1, "acme.v1.Money")));
  CHECK_FALSE(money_units.Covers(
      ProtoFinding("EXTENSION_MESSAGE_NO_DELETE", "m.proto", 1, "acme.v1.Money")));

  auto schema = [](std::string rule, std::string subject) {
    Finding f;
    f.rule = std::move(rule);
    f.kind = ContractKind::kJsonSchema;
    f.subject = std::move(subject);
    return f;
  };
  ConsumerSelector street("s/a.schema.json#/properties/address/properties/street", graph);
  CHECK(street.Covers(schema("PROPERTY_NO_DELETE", "s/a.schema.json#/properties/address")));
  CHECK(street.Covers(schema("SCHEMA_NO_DELETE", "s/a.schema.json#")));
  // `pattern` removed from the address subschema: street is unaffected.
  CHECK_FALSE(street.Covers(schema("PATTERN_NO_DELETE", "s/a.schema.json#/properties/address")));
  CHECK_FALSE(street.Covers(schema("REQUIRED_NO_DELETE", "s/a.schema.json#/properties/address")));
}

TEST_CASE("ApplyImpact names affected consumers and counts their breaking changes",
          "[core][impact]") {
  Config config = ConfigFrom(
      "version: 1\nconsumers:\n"
      "  - name: billing\n    contact: '@acme/billing'\n    uses: [acme.v1.Order]\n"
      "  - name: search\n    uses: [acme.v1.Catalog]\n");
  ImpactGraph graph;
  std::vector<Finding> findings = {
      ProtoFinding("FIELD_SAME_TYPE", "o.proto", 3, "acme.v1.Order.total")};
  auto impacts = ApplyImpact(config, graph, &findings);
  CHECK(findings[0].affected == std::vector<std::string>{"billing"});
  REQUIRE(impacts.size() == 1);
  CHECK(impacts[0].name == "billing");
  CHECK(impacts[0].contact == "@acme/billing");
  CHECK(impacts[0].breaking == 1);
  CHECK(impacts[0].rules == std::vector<std::string>{"FIELD_SAME_TYPE"});
}

TEST_CASE("init's starter config infers roots, contracts and schema globs", "[core][init]") {
  std::string config = StarterConfig({
      {"proto/acme/orders/v1/orders.proto", "syntax = \"proto3\";\npackage acme.orders.v1;\n"},
      {"proto/acme/common/v1/money.proto", "syntax = \"proto3\";\npackage acme.common.v1;\n"},
      {"schemas/orders/created.schema.json", "{\"$schema\": \"x\"}"},
      {"api/orders.yaml", "openapi: 3.1.0\ninfo: {title: Orders, version: 1.0.0}\n"},
      {"api/billing.json", "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {}\n}\n"},
      {"deploy/values.yaml", "image: orders\n"},
  });
  CHECK(config.find("openapi:\n  include: [\"api/billing.json\", \"api/orders.yaml\"]\n") !=
        std::string::npos);
  CHECK(config.find("roots: [\"proto\"]") != std::string::npos);
  CHECK(config.find("- name: acme.orders\n    paths: [\"proto/acme/orders/**\"]") !=
        std::string::npos);
  CHECK(config.find("- name: acme.common\n") != std::string::npos);
  CHECK(config.find("include: [\"**/*.schema.json\"]") != std::string::npos);
  CHECK(config.find("- name: schemas/orders\n    paths: [\"schemas/orders/**\"]") !=
        std::string::npos);
  CHECK(config.find("# consumers:") != std::string::npos);
  // What init writes is a valid configuration.
  MemorySnapshot snapshot(std::map<std::string, std::string>{{"contract-lint.yaml", config}});
  Config loaded;
  Diagnostics diagnostics;
  std::vector<Diagnostic> warnings;
  CHECK(LoadConfig(snapshot, "", "", &loaded, &diagnostics, &warnings));
}

TEST_CASE("init's contract globs name the files' directories when packages do not",
          "[core][init]") {
  // Package a.v1 in apis/: a glob a/** would match nothing and leave the
  // contract unowned.
  std::string config = StarterConfig({
      {"apis/orders.proto", "syntax = \"proto3\";\npackage a.v1;\n"},
      {"apis/extra/more.proto", "syntax = \"proto3\";\npackage a.v1;\n"},
      {"proto/acme/users/v1/users.proto", "syntax = \"proto3\";\npackage acme.users.v1;\n"},
  });
  INFO(config);
  // The first file of the package names the contract, the other directory is named.
  CHECK(config.find("- name: a\n    paths: [\"apis/extra/**\"]") != std::string::npos);
  CHECK(config.find("- name: a (apis)\n    paths: [\"apis/**\"]") != std::string::npos);
  CHECK(config.find("- name: acme.users\n    paths: [\"proto/acme/users/**\"]") !=
        std::string::npos);
  CHECK(config.find("\"a/**\"") == std::string::npos);
}

TEST_CASE("the did-you-mean search keeps the nearest word within reach, the first on a tie",
          "[policy]") {
  NearestWord nearest("FIELD_NO_DELTE", 3);
  CHECK_FALSE(nearest.Offer("FILE"));  // 10 edits away: out of reach
  CHECK(nearest.best().empty());
  CHECK(nearest.Offer("FIELD_NO_DELETES"));      // 2 edits
  CHECK(nearest.Offer("FIELD_NO_DELETE"));       // 1 edit: nearer
  CHECK_FALSE(nearest.Offer("FIELD_NO_DELTA"));  // 1 edit too: the first stays
  CHECK(nearest.best() == "FIELD_NO_DELETE");

  NearestWord far("proto", 1);
  far.Offer("protobuf");  // 3 edits: more than 1
  CHECK(far.best().empty());
}

}  // namespace contract_lint
