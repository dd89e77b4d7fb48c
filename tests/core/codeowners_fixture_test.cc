// Runs every folder of fixtures/codeowners/: a CODEOWNERS file at one of its
// standard locations, expected.txt ("path<TAB>owners", "-" for none) and
// optionally expected_warnings.txt. A new case is a new folder.
//
// For GitHub files, each pattern is also checked against git's own
// semantics: `git check-ignore --no-index` with that one pattern as the
// .gitignore, on a repository holding the expected paths, must match the same
// paths as CodeOwnersPatternMatches (GitHub documents CODEOWNERS patterns as
// gitignore's, without `!` and `[ ]`, which the parser warns about).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>

#include "ownership/codeowners.h"
#include "ownership/ownership.h"
#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  std::string path;
  std::string owners;  // "" for none
};

std::vector<Expectation> ReadExpected(const fs::path& file) {
  std::vector<Expectation> out;
  std::istringstream in(testing::ReadFile(file));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    std::string owners = line.substr(tab + 1);
    out.push_back({line.substr(0, tab), owners == "-" ? "" : owners});
  }
  return out;
}

// The pattern of each ownership line (first token, escapes kept), as the
// cross-check writes it to a .gitignore.
std::vector<std::string> Patterns(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    std::string token;
    for (size_t i = start; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        token += line.substr(i, 2);
        ++i;
      } else if (line[i] == ' ' || line[i] == '\t') {
        break;
      } else {
        token += line[i];
      }
    }
    // `!` and `[ ]` are not GitHub syntax: the parser warns and skips them.
    if (token[0] == '!' || token.find('[') != std::string::npos) continue;
    out.push_back(token);
  }
  return out;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(testing::SourceDir() / "fixtures" / "codeowners"))
    if (entry.is_directory()) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  return cases;
}

TEST_CASE("CODEOWNERS fixtures: owners of each path and the warnings", "[codeowners]") {
  auto cases = Cases();
  REQUIRE(cases.size() >= 8);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      std::string location;
      for (const char* candidate : kCodeOwnersLocations) {
        if (fs::exists(dir / candidate)) {
          location = candidate;
          break;
        }
      }
      REQUIRE(!location.empty());
      std::vector<Diagnostic> warnings;
      CodeOwners owners = CodeOwners::Parse(testing::ReadFile(dir / location), location, &warnings);
      for (const auto& expected : ReadExpected(dir / "expected.txt")) {
        INFO(expected.path);
        CHECK(JoinOwners(owners.OwnersOf(expected.path)) == expected.owners);
      }
      std::string actual_warnings;
      for (const auto& w : warnings) actual_warnings += FormatDiagnostic(w, "warning") + "\n";
      std::string expected_warnings = fs::exists(dir / "expected_warnings.txt")
                                          ? testing::ReadFile(dir / "expected_warnings.txt")
                                          : "";
      CHECK(actual_warnings == expected_warnings);
    }
  }
}

TEST_CASE("CODEOWNERS patterns match what git check-ignore matches", "[codeowners][git]") {
  for (const auto& dir : Cases()) {
    fs::path file;
    for (const char* candidate : {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}) {
      if (fs::exists(dir / candidate)) file = dir / candidate;
    }
    if (file.empty()) continue;  // GitLab semantics differ (unanchored paths)
    std::vector<Diagnostic> warnings;
    std::string text = testing::ReadFile(file);
    if (CodeOwners::Parse(text, "CODEOWNERS", &warnings).dialect() != CodeOwnersDialect::kGitHub)
      continue;
    DYNAMIC_SECTION(dir.filename().string()) {
      auto expected = ReadExpected(dir / "expected.txt");
      testing::TempDir repo;
      testing::Git("init -q", repo.path());
      std::string args;
      for (const auto& e : expected) {
        testing::WriteFile(repo.path(), e.path, "x\n");
        args += " " + testing::ShellQuote(e.path);
      }
      for (const auto& pattern : Patterns(text)) {
        testing::WriteFile(repo.path(), ".gitignore", pattern + "\n");
        auto result = testing::Run("git check-ignore --no-index" + args, repo.path());
        INFO("pattern " << pattern << "\n" << result.err);
        REQUIRE((result.exit_code == 0 || result.exit_code == 1));
        std::set<std::string> by_git;
        std::istringstream out(result.out);
        for (std::string line; std::getline(out, line);) by_git.insert(line);
        std::set<std::string> by_us;
        for (const auto& e : expected) {
          if (CodeOwnersPatternMatches(pattern, e.path, CodeOwnersDialect::kGitHub))
            by_us.insert(e.path);
        }
        CHECK(by_us == by_git);
      }
    }
  }
}

}  // namespace
}  // namespace contract_lint
