// Runs every fixtures/jsonschema/<case>/ through CheckJsonSchemas over
// in-memory snapshots, applies the mode's severities and compares with
// expected.txt; then checks properties that must hold on every fixture
// (FORWARD/BACKWARD symmetry, FULL = union, draft spellings agree).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "jsonschema/jsonschema_check.h"
#include "policy/policy.h"
#include "report/report.h"
#include "rules/rule_rows.h"
#include "rules/rule_table.h"
#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

struct FixtureCase {
  fs::path dir;
  std::map<std::string, std::string> previous;
  std::map<std::string, std::string> current;
  std::string mode = "BACKWARD";
  JsonSchemaSettings settings;
};

std::map<std::string, std::string> LoadTree(const fs::path& root) {
  std::map<std::string, std::string> files;
  if (!fs::exists(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    files[fs::relative(entry.path(), root).generic_string()] = testing::ReadFile(entry.path());
  }
  return files;
}

FixtureCase LoadCase(const fs::path& dir) {
  FixtureCase c;
  c.dir = dir;
  c.previous = LoadTree(dir / "previous");
  c.current = LoadTree(dir / "current");
  if (fs::exists(dir / "contract-lint.yaml")) {
    YAML::Node config = YAML::LoadFile((dir / "contract-lint.yaml").string());
    if (config["breaking"] && config["breaking"]["jsonschema"]) {
      c.mode = config["breaking"]["jsonschema"].as<std::string>();
    }
    if (config["breaking"] && config["breaking"]["content_model"]) {
      c.settings.lenient = config["breaking"]["content_model"].as<std::string>() == "lenient";
    }
  }
  return c;
}

std::vector<FixtureCase> AllCases() {
  std::vector<FixtureCase> cases;
  fs::path root = testing::SourceDir() / "fixtures" / "jsonschema";
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "expected.txt"))
      dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) cases.push_back(LoadCase(dir));
  return cases;
}

// The findings of old -> new, with severities as the policy sets them for `mode`.
std::vector<Finding> Run(const std::map<std::string, std::string>& old_files,
                         const std::map<std::string, std::string>& new_files,
                         const std::string& mode, const JsonSchemaSettings& settings,
                         Diagnostics* diagnostics) {
  MemorySnapshot against(old_files, "previous");
  MemorySnapshot current(new_files, "current");
  std::vector<Finding> findings;
  CheckJsonSchemas(against, current, settings, &findings, diagnostics);
  for (auto& finding : findings) {
    if (finding.direction != Direction::kAnnotation && finding.direction != Direction::kNone) {
      finding.severity =
          DirectionBreaks(finding.direction, mode) ? Severity::kError : Severity::kInfo;
    }
  }
  std::sort(findings.begin(), findings.end(), FindingLess);
  return findings;
}

std::string Lines(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& finding : findings) out += FormatFindingLine(finding) + "\n";
  return out;
}

bool Breaks(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kError; });
}

std::set<std::string> ErrorLines(const std::vector<Finding>& findings) {
  std::set<std::string> lines;
  for (const auto& f : findings) {
    if (f.severity == Severity::kError) lines.insert(FormatFindingLine(f));
  }
  return lines;
}

TEST_CASE("every JSON Schema fixture gives expected.txt", "[jsonschema]") {
  auto cases = AllCases();
  REQUIRE(cases.size() >= 40);
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.dir.filename().string()) {
      Diagnostics diagnostics;
      auto findings = Run(c.previous, c.current, c.mode, c.settings, &diagnostics);
      std::string diagnostic_text;
      for (const auto& d : diagnostics.Sorted()) diagnostic_text += FormatDiagnostic(d) + "\n";
      INFO("diagnostics:\n" << diagnostic_text);
      REQUIRE(diagnostics.empty());
      // UPDATE_FIXTURES=1 rewrites expected.txt: read the diff before committing.
      if (std::getenv("UPDATE_FIXTURES")) {
        std::ofstream(c.dir / "expected.txt", std::ios::binary) << Lines(findings);
      }
      CHECK(Lines(findings) == testing::ReadFile(c.dir / "expected.txt"));
      for (const auto& finding : findings) {
        const RuleInfo* rule = FindRule(finding.rule, ContractKind::kJsonSchema);
        INFO(finding.rule);
        REQUIRE(rule != nullptr);
        CHECK(rule->kind == ContractKind::kJsonSchema);
        CHECK(finding.kind == ContractKind::kJsonSchema);
        if (finding.location.side == Side::kCurrent) {
          CHECK(finding.location.line >= 1);
          CHECK(finding.location.column >= 1);
          CHECK(finding.location.end_line >= finding.location.line);
          CHECK(c.current.count(finding.location.path) == 1);
        }
      }
    }
  }
}

bool SameFiles(const FixtureCase& c) {
  if (c.previous.size() != c.current.size()) return false;
  for (const auto& [path, content] : c.previous) {
    if (!c.current.count(path)) return false;
  }
  return true;
}

// A file that exists on one side only is a contract added (nothing) or
// deleted (narrowing), not a change of accepted sets: those fixtures are left
// out of the symmetry check.
TEST_CASE("FORWARD(A to B) gives the verdict of BACKWARD(B to A) on every fixture",
          "[jsonschema]") {
  for (const auto& c : AllCases()) {
    if (!SameFiles(c)) continue;
    DYNAMIC_SECTION(c.dir.filename().string()) {
      Diagnostics diagnostics;
      bool forward = Breaks(Run(c.previous, c.current, "FORWARD", c.settings, &diagnostics));
      bool backward = Breaks(Run(c.current, c.previous, "BACKWARD", c.settings, &diagnostics));
      CHECK(forward == backward);
      forward = Breaks(Run(c.current, c.previous, "FORWARD", c.settings, &diagnostics));
      backward = Breaks(Run(c.previous, c.current, "BACKWARD", c.settings, &diagnostics));
      CHECK(forward == backward);
      CHECK(diagnostics.empty());
    }
  }
}

TEST_CASE("FULL breaks exactly where BACKWARD or FORWARD does, NONE nowhere", "[jsonschema]") {
  for (const auto& c : AllCases()) {
    DYNAMIC_SECTION(c.dir.filename().string()) {
      Diagnostics diagnostics;
      auto backward = ErrorLines(Run(c.previous, c.current, "BACKWARD", c.settings, &diagnostics));
      auto forward = ErrorLines(Run(c.previous, c.current, "FORWARD", c.settings, &diagnostics));
      auto full = Run(c.previous, c.current, "FULL", c.settings, &diagnostics);
      std::set<std::string> expected = backward;
      expected.insert(forward.begin(), forward.end());
      CHECK(ErrorLines(full) == expected);
      CHECK_FALSE(Breaks(Run(c.previous, c.current, "NONE", c.settings, &diagnostics)));
    }
  }
}

// Fixtures named <name>_draft04 and <name>_draft2020 spell the same change
// in both drafts: the rules and directions must agree.
TEST_CASE("the same change in draft-04 and 2020-12 spelling gives the same verdicts",
          "[jsonschema]") {
  auto cases = AllCases();
  std::map<std::string, const FixtureCase*> by_name;
  for (const auto& c : cases) by_name[c.dir.filename().string()] = &c;
  int pairs = 0;
  for (const auto& [name, c] : by_name) {
    const std::string suffix = "_draft04";
    if (name.size() < suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix))
      continue;
    auto other = by_name.find(name.substr(0, name.size() - suffix.size()) + "_draft2020");
    REQUIRE(other != by_name.end());
    ++pairs;
    DYNAMIC_SECTION(name) {
      for (const char* mode : {"BACKWARD", "FORWARD"}) {
        Diagnostics diagnostics;
        auto verdicts = [&](const FixtureCase& fc) {
          std::multiset<std::tuple<std::string, Direction, Severity>> out;
          for (const auto& f : Run(fc.previous, fc.current, mode, fc.settings, &diagnostics)) {
            out.insert({f.rule, f.direction, f.severity});
          }
          return out;
        };
        auto draft04 = verdicts(*c);
        CHECK_FALSE(draft04.empty());
        CHECK(draft04 == verdicts(*other->second));
        CHECK(diagnostics.empty());
      }
    }
  }
  CHECK(pairs >= 2);
}

// A snapshot whose blob ids never match the other side's, so that every file
// counts as changed and is compared.
class ChangedEverywhere : public Snapshot {
 public:
  ChangedEverywhere(const std::map<std::string, std::string>& files, const std::string& salt)
      : inner_(files) {
    for (auto file : inner_.Files()) {
      file.blob_id += salt;
      files_.push_back(file);
    }
  }
  const std::vector<SnapshotFile>& Files() const override { return files_; }
  bool Read(std::string_view path, std::string* contents, std::string* error) const override {
    return inner_.Read(path, contents, error);
  }
  std::string Describe() const override { return "salted"; }

 private:
  MemorySnapshot inner_;
  std::vector<SnapshotFile> files_;
};

TEST_CASE("skipping unchanged files gives the findings of comparing every file", "[jsonschema]") {
  for (const auto& c : AllCases()) {
    DYNAMIC_SECTION(c.dir.filename().string()) {
      Diagnostics diagnostics;
      std::string incremental = Lines(Run(c.previous, c.current, "FULL", c.settings, &diagnostics));
      ChangedEverywhere against(c.previous, "-old");
      ChangedEverywhere current(c.current, "-new");
      std::vector<Finding> findings;
      CheckJsonSchemas(against, current, c.settings, &findings, &diagnostics);
      for (auto& f : findings) {
        if (f.direction != Direction::kAnnotation && f.direction != Direction::kNone) {
          f.severity = DirectionBreaks(f.direction, "FULL") ? Severity::kError : Severity::kInfo;
        }
      }
      std::sort(findings.begin(), findings.end(), FindingLess);
      CHECK(Lines(findings) == incremental);
      CHECK(diagnostics.empty());
    }
  }
}

TEST_CASE("every JSON Schema rule has a purpose and a fixture", "[jsonschema]") {
  std::string all_expected;
  for (const auto& c : AllCases()) all_expected += testing::ReadFile(c.dir / "expected.txt");
  int rules = 0;
  for (const auto& rule : JsonSchemaRuleRows()) {
    ++rules;
    CHECK(rule.kind == ContractKind::kJsonSchema);
    REQUIRE(FindRule(rule.id, ContractKind::kJsonSchema) != nullptr);
    CHECK(FindRule(rule.id, ContractKind::kJsonSchema)->kind == ContractKind::kJsonSchema);
    INFO(rule.id);
    CHECK(rule.purpose.substr(0, 12) == "Checks that ");
    CHECK(rule.is_default);
    CHECK(FindRule(rule.id, ContractKind::kJsonSchema)->family == RuleFamily::kJsonSchema);
    bool is_remote = rule.id == "REF_UNRESOLVED_REMOTE";
    CHECK(
        (is_remote || all_expected.find(": " + std::string(rule.id) + ": ") != std::string::npos));
  }
  CHECK(rules >= 80);
}

}  // namespace
}  // namespace contract_lint
