// Issue 19, "must show": owners and consumers from CODEOWNERS and a Backstage
// catalog, on real git repositories with no contract-lint config: the right
// owner on each finding, exactly the consuming components, each consumer's
// source, --consumer by catalog name, and the warnings for what cannot be read.
#include <catch2/catch.hpp>

#include "acceptance/acceptance_support.h"

namespace contract_lint::acceptance {
namespace {

using testing::Has;

// The owner of the only finding in `path` (REQUIREs exactly one).
std::string OwnerIn(const nlohmann::json& report, const std::string& path) {
  std::vector<nlohmann::json> found;
  for (const auto& f : report.at("findings")) {
    if (f.at("path") == path) found.push_back(f);
  }
  INFO(report.dump(2));
  REQUIRE(found.size() == 1);
  return found[0].at("owner").get<std::string>();
}

const nlohmann::json* FindingIn(const nlohmann::json& report, const std::string& path) {
  for (const auto& f : report.at("findings")) {
    if (f.at("path") == path) return &f;
  }
  return nullptr;
}

std::string Proto(const std::string& package) {
  return "syntax = \"proto3\";\n\npackage " + package +
         ";\n\nmessage Order {\n  string id = 1;\n  int32 total = 2;\n}\n";
}

void BreakProto(const Repo& repo, const std::string& path) {
  repo.Edit(path, "int32 total", "string total");
}

TEST_CASE("ownership: a CODEOWNERS-only repository (GitHub order, last match wins, un-owning)",
          "[acceptance][ownership]") {
  Repo repo;
  repo.Write(".github/CODEOWNERS",
             "# the last matching line wins\n"
             "*                      @acme/everyone\n"
             "*.proto                @acme/proto-team\n"
             "/proto/orders/         @acme/orders-team @alice\n"
             "/proto/orders/legacy/\n");
  repo.Write("proto/orders/v1/orders.proto", Proto("acme.orders.v1"));
  repo.Write("proto/orders/legacy/old.proto", Proto("acme.orders.legacy"));
  repo.Write("proto/billing/v1/billing.proto", Proto("acme.billing.v1"));
  repo.Commit();
  for (const char* path : {"proto/orders/v1/orders.proto", "proto/orders/legacy/old.proto",
                           "proto/billing/v1/billing.proto"})
    BreakProto(repo, path);

  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  CHECK(OwnerIn(report, "proto/orders/v1/orders.proto") == "@acme/orders-team @alice");
  CHECK(OwnerIn(report, "proto/orders/legacy/old.proto") == "");
  CHECK(OwnerIn(report, "proto/billing/v1/billing.proto") == "@acme/proto-team");
  CHECK(report["consumers"].empty());

  // Turned off in the config: no owners.
  repo.Write("contract-lint.yaml", "version: 1\nownership:\n  codeowners: false\n");
  auto off = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  CHECK(OwnerIn(off, "proto/orders/v1/orders.proto") == "");
}

TEST_CASE("ownership: CODEOWNERS from a GitLab file with sections joins the sections' owners",
          "[acceptance][ownership]") {
  Repo repo;
  repo.Write(".gitlab/CODEOWNERS",
             "* @platform\n"
             "\n"
             "[Protos] @acme/proto-reviewers\n"
             "*.proto\n"
             "!proto/generated/\n"
             "\n"
             "^[Orders][2]\n"
             "proto/orders/ @acme/orders-team\n"
             "broken-owner-line not-an-owner\n");
  repo.Write("proto/orders/v1/orders.proto", Proto("acme.orders.v1"));
  repo.Write("proto/generated/v1/gen.proto", Proto("acme.gen.v1"));
  repo.Commit();
  BreakProto(repo, "proto/orders/v1/orders.proto");
  BreakProto(repo, "proto/generated/v1/gen.proto");

  auto text = repo.Run("--since main");
  INFO(text.out << text.err);
  CHECK(text.exit_code == 1);
  CHECK(Has(text.err,
            ".gitlab/CODEOWNERS:9:1: warning: CODEOWNERS: \"not-an-owner\" is not an owner "
            "(expected @user, @org/team or an email); the line is ignored (it has no other owner, "
            "and without one it would un-own its paths)"));
  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  CHECK(OwnerIn(report, "proto/orders/v1/orders.proto") ==
        "@platform @acme/proto-reviewers @acme/orders-team");
  CHECK(OwnerIn(report, "proto/generated/v1/gen.proto") == "@platform");
}

// Two APIs (one .proto, one JSON Schema in a namespace), three consuming
// components in their own folders, one component that provides the schema
// API (its owner becomes the API's), and one dangling reference.
const char* kApis = R"(apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: orders-api
spec:
  type: grpc
  owner: team-orders
  definition:
    $text: ./apis/orders/v1/orders.proto
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: order-created
  namespace: events
spec:
  type: json-schema
  definition:
    $text: ./schemas/order-created.json
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: order-service
spec:
  type: service
  owner: team-events
  providesApis: [events/order-created]
)";

const char* kOrderCreated = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "id": {"type": "string"},
    "amount": {"type": "integer"}
  }
}
)";

std::string ComponentYaml(const std::string& name, const std::string& owner,
                          const std::string& consumes) {
  return "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name +
         "\nspec:\n  type: service\n  owner: " + owner + "\n  consumesApis: " + consumes + "\n";
}

void MakeCatalogRepo(const Repo& repo) {
  repo.Write("catalog-info.yaml", kApis);
  repo.Write("apis/orders/v1/orders.proto", Proto("acme.orders.v1"));
  repo.Write("schemas/order-created.json", kOrderCreated);
  repo.Write("services/checkout/catalog-info.yaml",
             ComponentYaml("checkout", "team-checkout", "[orders-api]"));
  repo.Write("services/analytics/catalog-info.yaml",
             ComponentYaml("analytics", "team-analytics", "[\"api:events/order-created\"]"));
  repo.Write("services/ledger/catalog-info.yaml",
             ComponentYaml("ledger", "team-ledger",
                           "\n    - api:default/orders-api\n    - events/order-created\n"
                           "    - missing-api"));
  repo.Write("CODEOWNERS", "* @acme/fallback\n");
  repo.Commit();
}

const char* kDangling =
    "services/ledger/catalog-info.yaml:11:7: warning: Backstage component \"ledger\" consumes "
    "\"missing-api\", but no catalog file defines that API (looked for api:default/missing-api)";

TEST_CASE("ownership: a Backstage catalog names the owner and exactly the consuming components",
          "[acceptance][ownership]") {
  Repo repo;
  MakeCatalogRepo(repo);
  BreakProto(repo, "apis/orders/v1/orders.proto");
  repo.Edit("schemas/order-created.json", "\"amount\": {\"type\": \"integer\"}",
            "\"amount\": {\"type\": \"string\"}");

  auto text = repo.Run("--since main");
  INFO(text.out << text.err);
  CHECK(text.exit_code == 1);
  CHECK(Has(text.err, kDangling));
  CHECK(Has(text.out,
            "consumer checkout (team-checkout): 1 breaking change [FIELD_SAME_TYPE]; source: "
            "backstage:services/checkout/catalog-info.yaml:1"));

  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  const nlohmann::json* proto = FindingIn(report, "apis/orders/v1/orders.proto");
  REQUIRE(proto);
  CHECK((*proto)["owner"] == "team-orders");
  CHECK((*proto)["contract"] == "orders-api");
  CHECK(Strings((*proto)["affected"]) == std::vector<std::string>{"checkout", "ledger"});
  const nlohmann::json* schema = FindingIn(report, "schemas/order-created.json");
  REQUIRE(schema);
  CHECK((*schema)["owner"] == "team-events");  // from order-service's providesApis
  CHECK((*schema)["contract"] == "events/order-created");
  CHECK(Strings((*schema)["affected"]) == std::vector<std::string>{"analytics", "ledger"});

  std::map<std::string, std::string> sources;
  for (const auto& c : report["consumers"]) sources[c["name"]] = c["source"];
  CHECK(sources == std::map<std::string, std::string>{
                       {"analytics", "backstage:services/analytics/catalog-info.yaml:1"},
                       {"checkout", "backstage:services/checkout/catalog-info.yaml:1"},
                       {"ledger", "backstage:services/ledger/catalog-info.yaml:1"}});

  SECTION("--consumer filters by catalog name") {
    auto analytics = repo.RunJson("--since main --consumer analytics", &exit_code);
    CHECK(exit_code == 1);
    REQUIRE(analytics["findings"].size() == 1);
    CHECK(analytics["findings"][0]["path"] == "schemas/order-created.json");
    REQUIRE(analytics["consumers"].size() == 1);
    CHECK(analytics["consumers"][0]["name"] == "analytics");

    auto unknown = repo.Run("--since main --consumer nobody");
    CHECK(unknown.exit_code == 2);
    CHECK(Has(unknown.err,
              "--consumer nobody: no such consumer in the configuration or the "
              "Backstage catalog"));
  }

  SECTION("the Markdown report draws the blast radius") {
    auto md = repo.Run("--since main --format markdown");
    CHECK(md.exit_code == 1);
    CHECK(Has(md.out, "```mermaid\nflowchart LR\n"));
    CHECK(Has(md.out, "[\"checkout (team-checkout)\"]"));
    CHECK(Has(md.out, "source `backstage:services/ledger/catalog-info.yaml:1`"));
  }
}

TEST_CASE("ownership: a change only the proto consumers see leaves --consumer analytics clean",
          "[acceptance][ownership]") {
  Repo repo;
  MakeCatalogRepo(repo);
  BreakProto(repo, "apis/orders/v1/orders.proto");
  auto analytics = repo.Run("--since main --consumer analytics");
  INFO(analytics.out << analytics.err);
  CHECK(analytics.exit_code == 0);
  CHECK(FindingLines(analytics.out).empty());
  auto checkout = repo.Run("--since main --consumer checkout");
  CHECK(checkout.exit_code == 1);
  CHECK(FindingLines(checkout.out).size() == 1);
}

TEST_CASE("ownership: the config's owner and consumers win over the catalog and CODEOWNERS",
          "[acceptance][ownership]") {
  Repo repo;
  MakeCatalogRepo(repo);
  repo.Write("contract-lint.yaml",
             "version: 1\n"
             "contracts:\n"
             "  - name: orders\n"
             "    paths: [\"apis/orders/**\"]\n"
             "    owner: team-from-config\n"
             "consumers:\n"
             "  - name: checkout\n"
             "    owner: team-checkout-config\n"
             "    uses: [acme.orders.v1.Order]\n");
  BreakProto(repo, "apis/orders/v1/orders.proto");
  repo.Edit("schemas/order-created.json", "\"amount\": {\"type\": \"integer\"}",
            "\"amount\": {\"type\": \"string\"}");
  auto text = repo.Run("--since main");
  INFO(text.out << text.err);
  CHECK(Has(text.err,
            "services/checkout/catalog-info.yaml:1:1: warning: consumer \"checkout\" is defined "
            "in the config too; the config entry is used and this Backstage entity is ignored"));
  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  CHECK(OwnerIn(report, "apis/orders/v1/orders.proto") == "team-from-config");
  CHECK(OwnerIn(report, "schemas/order-created.json") == "team-events");
  bool found = false;
  for (const auto& c : report["consumers"]) {
    if (c["name"] != "checkout") continue;
    found = true;
    CHECK(c["owner"] == "team-checkout-config");
    CHECK(c["source"] == "contract-lint.yaml");
  }
  CHECK(found);

  // Backstage off: the owner of the schema falls back to CODEOWNERS.
  repo.Write("contract-lint.yaml", "version: 1\nownership:\n  backstage: false\n");
  auto off = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  CHECK(OwnerIn(off, "apis/orders/v1/orders.proto") == "@acme/fallback");
  CHECK(off["consumers"].empty());
}

TEST_CASE("ownership: definitions that are missing, remote or unreadable are warnings",
          "[acceptance][ownership]") {
  Repo repo;
  repo.Write("catalog-info.yaml",
             "kind: API\nmetadata:\n  name: gone\nspec:\n  owner: x\n  definition:\n"
             "    $text: ./apis/gone.proto\n"
             "---\n"
             "kind: API\nmetadata:\n  name: remote\nspec:\n  owner: x\n  definition:\n"
             "    $text: https://example.com/api.proto\n");
  repo.Write("a.proto", Proto("a.v1"));
  repo.Commit();
  BreakProto(repo, "a.proto");
  auto text = repo.Run("--since main");
  INFO(text.out << text.err);
  CHECK(text.exit_code == 1);
  CHECK(Has(text.err,
            "catalog-info.yaml:7:12: warning: Backstage API \"gone\": the definition "
            "apis/gone.proto does not exist"));
  CHECK(Has(text.err,
            "catalog-info.yaml:15:12: warning: Backstage API \"remote\": $text "
            "https://example.com/api.proto is outside the repository and is not "
            "fetched; the API is not checked"));

  repo.Write("catalog-info.yaml", "kind: API\nmetadata: [unclosed\n");
  auto bad = repo.Run("--since main");
  CHECK(bad.exit_code == 2);
  CHECK(Has(bad.err, "catalog-info.yaml:"));
  CHECK(Has(bad.err, "invalid YAML in the Backstage catalog"));
}

TEST_CASE("ownership: catalog entries that cannot be used are warnings at their file:line",
          "[acceptance][ownership]") {
  Repo repo;
  repo.Write("catalog-info.yaml",
             "kind: API\nmetadata:\n  name: orders-api\nspec:\n  definition:\n"     // 1-5
             "    $text: ./a.proto\n"                                               // 6
             "---\n"                                                                // 7
             "kind: API\nmetadata:\n  name: orders-api\nspec:\n  definition:\n"     // 8-12
             "    $text: ./a.proto\n"                                               // 13
             "---\n"                                                                // 14
             "kind: API\nmetadata:\n  name: open\nspec:\n  type: openapi\n"         // 15-19
             "  definition:\n    $text: ./openapi.yaml\n"                           // 20-21
             "---\n"                                                                // 22
             "kind: Component\nmetadata:\n  name: provider\nspec:\n"                // 23-26
             "  owner: team-provider\n  providesApis: [orders-api, nowhere-api]\n"  // 27-28
             "---\n"                                                                // 29
             "kind: Component\nmetadata:\n  name: weird\nspec: [1, 2]\n"            // 30-33
             "---\n"                                                                // 34
             "kind: Component\nmetadata:\n  name: odd\nspec:\n"                     // 35-38
             "  owner: {a: 1}\n  providesApis: orders-api\n"                        // 39-40
             "  consumesApis: [orders-api, {x: 1}]\n"                               // 41
             "---\n"                                                                // 42
             "kind: Location\nmetadata:\n  name: loc\nspec:\n"                      // 43-46
             "  targets: [./svc/other.yaml, https://example.com/c.yaml]\n"          // 47
             "---\n"                                                                // 48
             "kind: Component\nspec: {}\n");                                        // 49-50
  repo.Write("svc/other.yaml", "kind: Component\nmetadata:\n  name: unread\n");
  repo.Write("openapi.yaml", "openapi: 3.0.0\n");
  repo.Write("a.proto", Proto("a.v1"));
  repo.Commit();
  BreakProto(repo, "a.proto");
  auto text = repo.Run("--since main");
  INFO(text.out << text.err);
  CHECK(text.exit_code == 1);
  for (const char* warning : {
           "catalog-info.yaml:8:1: warning: Backstage API \"orders-api\" (api:default/orders-api) "
           "is defined at catalog-info.yaml:1 already; that entity is used and this one is "
           "ignored",
           "catalog-info.yaml:21:12: warning: Backstage API \"open\" (openapi): openapi.yaml is "
           "neither Protobuf (.proto) nor JSON Schema (.json); contract-lint does not check it",
           "catalog-info.yaml:28:30: warning: Backstage entity \"provider\" provides "
           "\"nowhere-api\", but no catalog file defines that API (looked for "
           "api:default/nowhere-api)",
           "catalog-info.yaml:33:7: warning: Backstage component \"weird\": spec must be a "
           "mapping; ignored",
           "catalog-info.yaml:39:10: warning: Backstage component \"odd\": spec.owner must be an "
           "entity reference; ignored",
           "catalog-info.yaml:40:17: warning: Backstage component \"odd\": spec.providesApis must "
           "be a list of entity references; ignored",
           "catalog-info.yaml:41:30: warning: Backstage component \"odd\": a consumesApis entry "
           "must be an entity reference; ignored",
           "catalog-info.yaml:47:13: warning: Backstage location \"loc\": target svc/other.yaml "
           "does not match ownership.backstage; its entities are not read",
           "catalog-info.yaml:47:31: warning: Backstage location \"loc\": "
           "https://example.com/c.yaml is outside the repository and is not fetched; its "
           "entities are not read",
           "catalog-info.yaml:49:1: warning: a Backstage entity needs kind and metadata.name; "
           "ignored",
       }) {
    CHECK(Has(text.err, warning));
  }
  // The first orders-api counts, owned through providesApis; odd still consumes it.
  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  CHECK(OwnerIn(report, "a.proto") == "team-provider");
  const nlohmann::json* finding = FindingIn(report, "a.proto");
  REQUIRE(finding);
  CHECK(Strings((*finding)["affected"]) == std::vector<std::string>{"odd"});
}

TEST_CASE("ownership: ownership.codeowners points at another file; bad values exit 2",
          "[acceptance][ownership]") {
  Repo repo;
  repo.Write("CODEOWNERS", "* @acme/default\n");
  repo.Write("config/OWNERS", "*.proto @acme/from-config-path\n");
  repo.Write("contract-lint.yaml", "version: 1\nownership:\n  codeowners: config/OWNERS\n");
  repo.Write("a.proto", Proto("a.v1"));
  repo.Commit();
  BreakProto(repo, "a.proto");
  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  CHECK(OwnerIn(report, "a.proto") == "@acme/from-config-path");

  repo.Write("contract-lint.yaml", "version: 1\nownership:\n  codeowners: config/NOPE\n");
  auto missing = repo.Run("--since main");
  CHECK(missing.exit_code == 2);
  CHECK(Has(missing.err,
            "contract-lint.yaml:3:3: error: ownership.codeowners: config/NOPE does "
            "not exist in the current side (working tree)"));

  repo.Write("contract-lint.yaml", "version: 1\nownership:\n  backstage: 3\n");
  auto bad = repo.Run("--since main");
  INFO(bad.err);
  CHECK(bad.exit_code == 2);
  CHECK(Has(bad.err, "contract-lint.yaml:3:"));
}

TEST_CASE("ownership: init writes no owner it can read and says so", "[acceptance][ownership]") {
  Repo repo;
  MakeCatalogRepo(repo);
  repo.Write("other/v1/other.proto", Proto("acme.other.v1"));
  repo.Write("CODEOWNERS", "/apis/ @acme/apis\n");
  auto init = testing::RunTool("init --print", repo.path());
  INFO(init.out << init.err);
  CHECK(init.exit_code == 0);
  CHECK(Has(init.out, "    # owner: read from the Backstage catalog on every run\n"));
  CHECK(Has(init.out, "owner: team-TODO"));  // other/ has no owner anywhere
  CHECK(Has(init.out,
            "# consumers read from the Backstage catalog on every run: analytics checkout ledger"));
  CHECK(Has(init.err, "owners are read from"));
}

}  // namespace
}  // namespace contract_lint::acceptance
