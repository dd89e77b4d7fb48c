// End-to-end: OpenAPI documents in a real git repository, a feature branch
// checked with --since main in every report format.
#include <catch2/catch.hpp>
#include <filesystem>

#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;
using testing::Git;
using testing::Has;
using testing::ReadFile;
using testing::Repo;

// The orders_mixed fixture: a YAML document with a $ref to a second file.
void WriteSide(const Repo& repo, const std::string& side) {
  fs::path dir = testing::SourceDir() / "fixtures" / "openapi" / "orders_mixed" / side / "api";
  for (const char* name : {"openapi.yaml", "schemas.yaml"})
    repo.Write(std::string("api/") + name, ReadFile(dir / name));
}

TEST_CASE("OpenAPI: a feature branch is checked with --since main in every format",
          "[e2e][openapi]") {
  Repo repo;
  WriteSide(repo, "previous");
  repo.Commit();
  Git("checkout -q -b feature", repo.path());
  WriteSide(repo, "current");
  repo.Commit("feature");

  auto text = repo.Run("--since main");
  CHECK(text.exit_code == 1);
  CHECK(Has(text.out,
            "api/schemas.yaml:9:5: error: new-required-request-property: new required request "
            "property \"currency\" in POST /orders request body application/json"));
  CHECK(Has(text.out,
            "api/openapi.yaml:38:5: error: api-path-removed-without-deprecation: path "
            "/legacy removed without deprecating GET /legacy first: clients calling it "
            "now fail (in the baseline)"));
  CHECK(Has(text.out, "info: response-non-success-status-removed"));
  // 8 of the document's own, plus the major version its info.version (1.0.0 -> 1.1.0) lacks.
  CHECK(Has(text.out,
            "api/openapi.yaml:4:3: error: VERSION_MAJOR_BUMP_REQUIRED: OpenAPI document "
            "api/openapi.yaml makes 8 breaking changes but its info.version goes from 1.0.0 to "
            "1.1.0: a breaking change needs a major version (2.0.0)"));
  CHECK(Has(text.out, "9 breaking changes, 0 warnings, 3 infos in 1 changed contract file"));
  // The path parameter rename (/orders/{orderId} -> /orders/{id}) is no change.
  CHECK_FALSE(Has(text.out, "endpoint-added"));
  CHECK_FALSE(Has(text.out, "request-parameter-removed"));

  int exit_code = 0;
  nlohmann::json report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  REQUIRE(report["findings"].size() == 12);  // with VERSION_MAJOR_BUMP_REQUIRED and VERSION_NEXT
  for (const auto& finding : report["findings"]) {
    CHECK(finding["kind"] == "openapi");
    CHECK(finding["line"].get<int>() > 0);
  }
  for (const char* format : {"sarif", "junit", "github", "gitlab", "markdown"}) {
    INFO(format);
    auto result = repo.Run(std::string("--since main --format ") + format);
    CHECK(result.exit_code == 1);
    CHECK(Has(result.out, "response-property-type-changed"));
  }
}

TEST_CASE("OpenAPI: a matched file that is not OpenAPI 3.x is an input error", "[e2e][openapi]") {
  Repo repo;
  repo.Write("api/openapi.yaml", "openapi: 3.0.3\npaths: {}\n");
  repo.Commit();
  repo.Write("api/openapi.yaml", "swagger: \"2.0\"\nopenapi: 2.0.0\npaths: {}\n");
  auto result = repo.Run("");
  CHECK(result.exit_code == 2);
  CHECK(Has(result.out + result.err,
            "api/openapi.yaml:2:1: error: not an OpenAPI 3.0/3.1 document: a file matched by "
            "openapi.include needs a top-level `openapi: 3.0.x` or `openapi: 3.1.x` (found "
            "\"2.0.0\")"));
}

// The orders service of tests/e2e/data/orders_service: a REST API of 15
// operations whose schemas, parameters and responses live in a second file,
// and the service's AsyncAPI 3.0 events on Kafka, whose payloads $ref the same
// shared components. The feature branch makes the changes a team typically
// makes in one pull request.
void WriteService(const Repo& repo, const std::string& side) {
  fs::path root = testing::SourceDir() / "tests" / "e2e" / "data" / "orders_service" / side;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file())
      repo.Write(entry.path().lexically_relative(root).generic_string(), ReadFile(entry.path()));
  }
}

TEST_CASE("an orders service's REST API and its Kafka events, checked together on a feature branch",
          "[e2e][openapi][asyncapi]") {
  Repo repo;
  WriteService(repo, "previous");
  repo.Commit();
  Git("checkout -q -b feature", repo.path());
  Git("rm -q -r api events", repo.path());
  WriteService(repo, "current");
  repo.Commit("feature");

  auto text = repo.Run("--since main");
  INFO(text.out << text.err);
  CHECK(text.exit_code == 1);
  // A shared schema changed once, reported where it changed, for every operation it reaches.
  CHECK(Has(
      text.out,
      "api/components.yaml:73:11: error: response-property-type-changed: response property "
      "\"quantity\" type changed from integer to string in GET /orders/{orderId}/items/{itemId} "
      "response 200 application/json"));
  CHECK(Has(text.out,
            "api/components.yaml:73:11: error: response-property-type-changed: response property "
            "\"orders/items/items/items/quantity\" type changed from integer to string in GET "
            "/orders response 200 application/json"));
  // ... and in the event that carries the same schema (sent: judged FORWARD).
  CHECK(Has(text.out,
            "api/components.yaml:73:11: error: TYPE_NO_CHANGE: payload of message OrderCreated of "
            "operation publishOrderLifecycle at /properties/items/items/properties/quantity: type "
            "changed from \"integer\" to \"string\""));
  // A shared query parameter narrowed: each operation using it.
  CHECK(Has(text.out,
            "api/components.yaml:21:9: error: request-parameter-max-decreased: query parameter "
            "\"limit\" maximum decreased from 100 to 50 in GET /orders:"));
  CHECK(Has(text.out,
            "api/components.yaml:21:9: error: request-parameter-max-decreased: query parameter "
            "\"limit\" maximum decreased from 100 to 50 in GET /customers/{customerId}/orders:"));
  CHECK(Has(text.out,
            "api/components.yaml:108:9: error: request-property-became-required: request property "
            "\"customerId\" became required in POST /orders request body application/json"));
  CHECK(Has(text.out,
            "api/openapi.yaml:179:5: error: api-removed-without-deprecation: operation DELETE "
            "/orders/{orderId}/items/{itemId} removed without deprecating it first"));
  // A new enum value: a warning for responses, a break for the sent event.
  CHECK(Has(
      text.out,
      "api/components.yaml:52:29: warning: response-property-enum-value-added: response "
      "property \"status\" enum value \"on_hold\" added in GET /orders/{orderId} response 200"));
  CHECK(
      Has(text.out,
          "api/components.yaml:52:29: error: ENUM_VALUE_NO_ADD: payload of message OrderCreated"));
  CHECK(Has(text.out,
            "events/asyncapi.yaml:48:11: error: ASYNCAPI_KAFKA_KEY_CHANGED: the Kafka message key "
            "schema changed in message OrderCreated of operation publishOrderLifecycle"));
  CHECK(
      Has(text.out,
          "events/asyncapi.yaml:55:9: error: REQUIRED_NO_DELETE: payload of message OrderCancelled "
          "of operation publishOrderLifecycle: property \"reason\" is no longer required"));
  // Additions stay informational; the minor version bumps are not enough.
  CHECK(Has(text.out,
            "api/openapi.yaml:18:11: info: new-optional-request-parameter: new optional "
            "query parameter \"sort\" in GET /orders"));
  CHECK(Has(text.out,
            "api/openapi.yaml:239:5: info: endpoint-added: endpoint GET "
            "/orders/{orderId}/invoice added"));
  CHECK(Has(text.out,
            "api/openapi.yaml:4:3: error: VERSION_MAJOR_BUMP_REQUIRED: OpenAPI document "
            "api/openapi.yaml makes 14 breaking changes but its info.version goes from "
            "1.4.0 to 1.5.0"));
  CHECK(Has(text.out,
            "events/asyncapi.yaml:4:3: error: VERSION_MAJOR_BUMP_REQUIRED: AsyncAPI "
            "document events/asyncapi.yaml makes 5 breaking changes"));
  CHECK(Has(text.out, "21 breaking changes, 6 warnings, 5 infos in 2 changed contract files"));

  int exit_code = 0;
  nlohmann::json report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  REQUIRE(report["findings"].size() == 32);
  int openapi = 0, asyncapi = 0;
  for (const auto& finding : report["findings"]) {
    CHECK(finding["line"].get<int>() > 0);
    openapi += finding["kind"] == "openapi";
    asyncapi += finding["kind"] == "asyncapi";
  }
  CHECK(openapi == 25);
  CHECK(asyncapi == 7);
  for (const char* format : {"sarif", "junit", "github", "gitlab", "markdown"}) {
    INFO(format);
    auto result = repo.Run(std::string("--since main --format ") + format);
    CHECK(result.exit_code == 1);
    CHECK(Has(result.out, "response-property-type-changed"));
    CHECK(Has(result.out, "ASYNCAPI_KAFKA_KEY_CHANGED"));
    CHECK(Has(result.out, "api/components.yaml"));
  }
}

}  // namespace
}  // namespace contract_lint
