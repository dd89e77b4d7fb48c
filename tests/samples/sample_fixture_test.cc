// Consumer samples end to end: every folder of fixtures/samples/ is made into
// a real git repository (previous/ committed, current/ in the working tree)
// and checked with the built binary, then checked again as two plain
// directories. Each folder holds:
//   contract-lint.yaml   the configuration (on both sides)
//   expected.txt         stdout without the summary line (exit 0/1), or
//                        stderr (exit 2)
//   expected_exit.txt    the exit code
// A new case is a new folder; no test code changes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;
using testing::Git;
using testing::ReadFile;
using testing::RunTool;
using testing::TempDir;

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  fs::path root = testing::SourceDir() / "fixtures" / "samples";
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "expected.txt"))
      cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

void CopyTree(const fs::path& from, const fs::path& to) {
  if (fs::exists(from))
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

// The report without its summary line, which names the sides (a commit id).
std::string WithoutSummary(const std::string& out) {
  std::istringstream in(out);
  std::string line, kept;
  while (std::getline(in, line)) {
    if (line.find(" changed contract file") != std::string::npos &&
        line.find(" against ") != std::string::npos) {
      continue;
    }
    kept += line + "\n";
  }
  return kept;
}

void Expect(const fs::path& dir, const testing::CommandResult& result) {
  int exit_code = std::stoi(ReadFile(dir / "expected_exit.txt"));
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  CHECK(result.exit_code == exit_code);
  std::string expected = ReadFile(dir / "expected.txt");
  CHECK((exit_code == 2 ? result.err : WithoutSummary(result.out)) == expected);
}

TEST_CASE("every consumer-sample fixture, in a git repository", "[samples][e2e]") {
  auto cases = Cases();
  REQUIRE(cases.size() >= 4);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      TempDir repo;
      Git("init -q", repo.path());
      CopyTree(dir / "previous", repo.path());
      fs::copy_file(dir / "contract-lint.yaml", repo.path() / "contract-lint.yaml");
      Git("add -A", repo.path());
      Git("commit -qm baseline", repo.path());
      for (const auto& entry : fs::directory_iterator(repo.path())) {
        if (entry.path().filename() != ".git") fs::remove_all(entry.path());
      }
      CopyTree(dir / "current", repo.path());
      fs::copy_file(dir / "contract-lint.yaml", repo.path() / "contract-lint.yaml");
      Expect(dir, RunTool("--against HEAD --color never", repo.path()));
    }
  }
}

TEST_CASE("every consumer-sample fixture, as two directories", "[samples][e2e]") {
  auto cases = Cases();
  REQUIRE(cases.size() >= 4);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      // A copy: git keeps no empty `previous/`, and a test never writes into the source tree.
      TempDir copy;
      CopyTree(dir, copy.path());
      fs::create_directories(copy.path() / "previous");
      Expect(dir, RunTool("current --against previous --config contract-lint.yaml --color never",
                          copy.path()));
    }
  }
}

}  // namespace
}  // namespace contract_lint
