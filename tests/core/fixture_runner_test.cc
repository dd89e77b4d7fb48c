// Runs every fixture folder through the real pipeline:
//   fixtures/<kind>/<case>/{previous,current}/…, optional contract-lint.yaml,
//   expected.txt = the findings as the text report prints them, one per line.
// A new case is a new folder; no test code changes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "contract_lint/lint.h"
#include "report/report.h"
#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Cases(const std::string& kind) {
  std::vector<fs::path> cases;
  fs::path root = testing::SourceDir() / "fixtures" / kind;
  if (!fs::exists(root)) return cases;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "expected.txt"))
      cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

void RunCase(const fs::path& dir) {
  Options options;
  options.cwd = dir.string();
  if (fs::exists(dir / "contract-lint.yaml")) options.config_path = "contract-lint.yaml";
  LintResult result = RunLint(options, testing::FolderSnapshot(dir / "previous", "previous"),
                              testing::FolderSnapshot(dir / "current", "current"));

  std::string diagnostics;
  for (const auto& d : result.report.diagnostics) diagnostics += FormatDiagnostic(d) + "\n";
  std::string actual;
  bool any_error = false;
  for (const auto& finding : result.report.findings) {
    if (finding.suppressed) continue;
    actual += FormatFindingLine(finding) + "\n";
    any_error |= finding.severity == Severity::kError;
  }
  std::string expected = testing::ReadFile(dir / "expected.txt");
  if (fs::exists(dir / "expected_diagnostics.txt")) {
    CHECK(diagnostics == testing::ReadFile(dir / "expected_diagnostics.txt"));
    CHECK(result.exit_code == 2);
    return;
  }
  INFO("diagnostics:\n" << diagnostics);
  REQUIRE(result.report.diagnostics.empty());
  CHECK(actual == expected);
  CHECK(result.exit_code == (any_error ? 1 : 0));
}

TEST_CASE("every Protobuf fixture gives its expected findings", "[fixtures][proto]") {
  auto cases = Cases("proto");
  REQUIRE_FALSE(cases.empty());
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) { RunCase(dir); }
  }
}

TEST_CASE("every JSON Schema fixture gives its expected findings", "[fixtures][jsonschema]") {
  auto cases = Cases("jsonschema");
  REQUIRE_FALSE(cases.empty());
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) { RunCase(dir); }
  }
}

TEST_CASE("every OpenAPI fixture gives its expected findings", "[fixtures][openapi]") {
  auto cases = Cases("openapi");
  REQUIRE_FALSE(cases.empty());
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) { RunCase(dir); }
  }
}

TEST_CASE("every AsyncAPI fixture gives its expected findings", "[fixtures][asyncapi]") {
  auto cases = Cases("asyncapi");
  REQUIRE_FALSE(cases.empty());
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) { RunCase(dir); }
  }
}

}  // namespace
}  // namespace contract_lint
