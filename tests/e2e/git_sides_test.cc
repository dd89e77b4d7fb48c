// End-to-end: the built binary's git errors (exit 2, the fixing command on
// stderr) and its read-only guarantee, in real repositories.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

using testing::Git;
using testing::ReadFile;
using testing::RunTool;
using testing::TempDir;
using testing::WriteFile;

// main: base -> later; feature (checked out): base -> change.
void MakeBranchedRepository(const fs::path& repo) {
  Git("init -q", repo);
  WriteFile(repo, "api.proto", "syntax = \"proto3\";\nmessage Api {}\n");
  Git("add -A", repo);
  Git("commit -qm base", repo);
  Git("checkout -qb feature", repo);
  WriteFile(repo, "api.proto", "syntax = \"proto3\";\nmessage Api { int32 x = 1; }\n");
  Git("commit -qam change", repo);
  Git("checkout -q main", repo);
  WriteFile(repo, "later.proto", "syntax = \"proto3\";\nmessage Later {}\n");
  Git("add -A", repo);
  Git("commit -qm later", repo);
  Git("checkout -q feature", repo);
}

TEST_CASE("an unknown --since REF exits 2 with the git fetch to run", "[git][e2e]") {
  TempDir repo;
  MakeBranchedRepository(repo.path());
  auto result = RunTool("--since nope --color never", repo.path());
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "error: unknown revision 'nope' (tried nope, origin/nope, refs/remotes/*/nope); fetch it "
        "with 'git fetch origin nope'\n");
}

TEST_CASE("a shallow CI clone exits 2 with git fetch --unshallow", "[git][e2e]") {
  TempDir dir;
  fs::path origin = dir.path() / "origin";
  fs::create_directories(origin);
  MakeBranchedRepository(origin);
  Git("clone -q --depth 1 --no-single-branch file://" + origin.string() + " ci", dir.path());
  Git("checkout -q feature", dir.path() / "ci");
  auto result = RunTool("--since main --color never", dir.path() / "ci");
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "error: no merge-base of main and HEAD in this shallow clone; run 'git fetch --unshallow "
        "origin main' (or set fetch-depth: 0 in CI)\n");
}

TEST_CASE("outside a repository the binary exits 2 and suggests a directory", "[git][e2e]") {
  TempDir dir;
  auto result = RunTool("--color never", dir.path());
  CHECK(result.exit_code == 2);
  CHECK(result.err == "error: not a git repository (or any parent): " + dir.path().string() +
                          "; run inside a repository or pass a directory\n");
}

TEST_CASE("a run leaves the index and the refs as they were", "[git][e2e]") {
  TempDir repo;
  MakeBranchedRepository(repo.path());
  WriteFile(repo.path(), "api.proto", "syntax = \"proto3\";\nmessage Api { int64 x = 1; }\n");
  WriteFile(repo.path(), "new.proto", "syntax = \"proto3\";\nmessage New {}\n");
  fs::path index = repo.path() / ".git" / "index";
  std::string bytes_before = ReadFile(index);
  struct stat before;
  REQUIRE(::stat(index.c_str(), &before) == 0);
  std::string refs_before = Git("for-each-ref", repo.path());

  for (const char* args : {"--since main", "--staged --since main", "--head HEAD"}) {
    auto result = RunTool(std::string(args) + " --color never", repo.path());
    INFO(args << "\n" << result.out << result.err);
    CHECK(result.err.find("git") == std::string::npos);
  }

  struct stat after;
  REQUIRE(::stat(index.c_str(), &after) == 0);
  CHECK(ReadFile(index) == bytes_before);
  CHECK(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
  CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
  CHECK(Git("for-each-ref", repo.path()) == refs_before);
}

}  // namespace
}  // namespace contract_lint
