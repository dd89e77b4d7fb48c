// Schema Registry mode over fixtures/registry/<case>/{previous,current}/…:
// each case's contract-lint.yaml sets `breaking.registry`, expected.txt holds
// the findings as the text report prints them. A new case is a new folder.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <set>

#include "contract_lint/lint.h"
#include "report/report.h"
#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> RegistryCases() {
  std::vector<fs::path> cases;
  fs::path root = testing::SourceDir() / "fixtures" / "registry";
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "expected.txt"))
      cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

LintResult RunSides(const fs::path& dir, const std::string& input, const std::string& against,
                    const std::string& config_path) {
  Options options;
  options.cwd = dir.string();
  options.config_path = config_path;
  return RunLint(options, testing::FolderSnapshot(dir / against, against),
                 testing::FolderSnapshot(dir / input, input));
}

std::string Diagnostics(const LintResult& result) {
  std::string out;
  for (const auto& d : result.report.diagnostics) out += FormatDiagnostic(d) + "\n";
  return out;
}

// The verdicts of a run without their locations: (rule, severity). A deleted
// file is left out: it is about the subject's lifecycle (its next registration),
// judged in the deletion direction only, as whole-file additions are not judged.
std::set<std::pair<std::string, Severity>> Verdicts(const LintResult& result) {
  std::set<std::pair<std::string, Severity>> verdicts;
  for (const auto& finding : result.report.findings) {
    if (!finding.suppressed && finding.rule != "REGISTRY_FILE_REMOVED")
      verdicts.emplace(finding.rule, finding.severity);
  }
  return verdicts;
}

TEST_CASE("every registry fixture gives its expected findings", "[registry][fixtures]") {
  auto cases = RegistryCases();
  REQUIRE(cases.size() >= 20);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      LintResult result = RunSides(dir, "current", "previous", "contract-lint.yaml");
      INFO("diagnostics:\n" << Diagnostics(result));
      REQUIRE(result.report.diagnostics.empty());
      std::string actual;
      bool any_error = false;
      for (const auto& finding : result.report.findings) {
        if (finding.suppressed) continue;
        actual += FormatFindingLine(finding) + "\n";
        any_error |= finding.severity == Severity::kError;
      }
      CHECK(actual == testing::ReadFile(dir / "expected.txt"));
      CHECK(result.exit_code == (any_error ? 1 : 0));
    }
  }
}

TEST_CASE("FORWARD of previous -> current judges like BACKWARD of current -> previous",
          "[registry][fixtures]") {
  testing::TempDir configs;
  for (const auto& dir : RegistryCases()) {
    DYNAMIC_SECTION(dir.filename().string()) {
      std::string text = testing::ReadFile(dir / "contract-lint.yaml");
      std::regex level("registry: *[A-Z_]+");
      fs::path forward = configs.path() / (dir.filename().string() + ".forward.yaml");
      fs::path backward = configs.path() / (dir.filename().string() + ".backward.yaml");
      testing::WriteFile(configs.path(), forward.filename().string(),
                         std::regex_replace(text, level, "registry: FORWARD"));
      testing::WriteFile(configs.path(), backward.filename().string(),
                         std::regex_replace(text, level, "registry: BACKWARD"));

      LintResult forwards = RunSides(dir, "current", "previous", forward.string());
      LintResult backwards = RunSides(dir, "previous", "current", backward.string());
      INFO("diagnostics:\n" << Diagnostics(forwards) << Diagnostics(backwards));
      REQUIRE(forwards.report.diagnostics.empty());
      REQUIRE(backwards.report.diagnostics.empty());
      CHECK(Verdicts(forwards) == Verdicts(backwards));
      CHECK(forwards.exit_code == backwards.exit_code);
    }
  }
}

TEST_CASE("FULL fails when either direction fails", "[registry][fixtures]") {
  testing::TempDir configs;
  for (const auto& dir : RegistryCases()) {
    DYNAMIC_SECTION(dir.filename().string()) {
      std::string text = testing::ReadFile(dir / "contract-lint.yaml");
      std::regex level("registry: *[A-Z_]+");
      int exit_codes[3] = {};
      const char* levels[3] = {"BACKWARD", "FORWARD", "FULL"};
      for (int i = 0; i < 3; ++i) {
        std::string name = dir.filename().string() + "." + levels[i] + ".yaml";
        testing::WriteFile(configs.path(), name,
                           std::regex_replace(text, level, std::string("registry: ") + levels[i]));
        exit_codes[i] =
            RunSides(dir, "current", "previous", (configs.path() / name).string()).exit_code;
      }
      CHECK(exit_codes[2] == std::max(exit_codes[0], exit_codes[1]));
    }
  }
}

}  // namespace
}  // namespace contract_lint
