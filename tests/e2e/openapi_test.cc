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

}  // namespace
}  // namespace contract_lint
