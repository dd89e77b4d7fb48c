// End-to-end: the built binary in real git repositories made in temp dirs.
#include <catch2/catch.hpp>
#include <filesystem>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Git;
using testing::RunTool;
using testing::TempDir;
using testing::WriteFile;

const char* kOrdersV1 = R"(syntax = "proto3";

package acme.orders.v1;

message Order {
  string id = 1;
  int32 total = 2;
  string note = 3;
}
)";

// A repository with `main` holding kOrdersV1 at orders.proto.
void InitRepo(const TempDir& repo) {
  Git("init -q", repo.path());
  WriteFile(repo.path(), "orders.proto", kOrdersV1);
  Git("add -A", repo.path());
  Git("commit -qm base", repo.path());
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

TEST_CASE("a deleted field is FIELD_NO_DELETE at the message's line", "[e2e]") {
  TempDir repo;
  InitRepo(repo);
  WriteFile(repo.path(), "orders.proto", Replace(kOrdersV1, "  string note = 3;\n", ""));
  auto result = RunTool("--since main --color never", repo.path());
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("orders.proto:5:1: error: FIELD_NO_DELETE: Previously present field \"3\" "
                        "with name \"note\" on message \"Order\" was deleted.\n") !=
        std::string::npos);
}

TEST_CASE("int32 to int64 breaks FILE but not WIRE", "[e2e]") {
  TempDir repo;
  InitRepo(repo);
  WriteFile(repo.path(), "orders.proto", Replace(kOrdersV1, "int32 total", "int64 total"));
  auto file = RunTool("--since main --color never", repo.path());
  INFO(file.out << file.err);
  CHECK(file.exit_code == 1);
  CHECK(file.out.find(
            "orders.proto:7:3: error: FIELD_SAME_TYPE: Field \"2\" with name \"total\" on "
            "message \"Order\" changed type from \"int32\" to \"int64\".") != std::string::npos);

  WriteFile(repo.path(), "contract-lint.yaml", "version: 1\nbreaking:\n  use: [WIRE]\n");
  auto wire = RunTool("--since main --color never", repo.path());
  INFO(wire.out << wire.err);
  CHECK(wire.exit_code == 0);
  CHECK(wire.out.find("FIELD_") == std::string::npos);
  CHECK(wire.out.find("0 breaking changes") != std::string::npos);
}

TEST_CASE("check --since main blames only the branch's own changes", "[e2e]") {
  TempDir repo;
  InitRepo(repo);
  Git("checkout -q -b feature", repo.path());
  WriteFile(repo.path(), "orders.proto", Replace(kOrdersV1, "int32 total", "int64 total"));
  Git("commit -qam feature", repo.path());
  Git("checkout -q main", repo.path());
  // main moves on after the branch point: a field is added there.
  WriteFile(
      repo.path(), "orders.proto",
      Replace(kOrdersV1, "  string note = 3;\n", "  string note = 3;\n  string channel = 4;\n"));
  Git("commit -qam later-on-main", repo.path());
  Git("checkout -q feature", repo.path());

  auto since = RunTool("--since main --format json", repo.path());
  INFO(since.out << since.err);
  CHECK(since.exit_code == 1);
  CHECK(since.out.find("\"FIELD_SAME_TYPE\"") != std::string::npos);
  CHECK(since.out.find("\"FIELD_NO_DELETE\"") == std::string::npos);

  // Against main's tip, the field added later on main looks deleted by the branch.
  auto against = RunTool("--against main --format json", repo.path());
  CHECK(against.exit_code == 1);
  CHECK(against.out.find("\"FIELD_NO_DELETE\"") != std::string::npos);
}

TEST_CASE("check --staged sees staged changes and not unstaged ones", "[e2e]") {
  TempDir repo;
  InitRepo(repo);
  WriteFile(repo.path(), "orders.proto", Replace(kOrdersV1, "int32 total", "int64 total"));
  Git("add orders.proto", repo.path());
  // An unstaged deletion on top must not be seen by --staged.
  WriteFile(repo.path(), "orders.proto",
            Replace(Replace(kOrdersV1, "int32 total", "int64 total"), "  string note = 3;\n", ""));
  auto staged = RunTool("--staged --format json", repo.path());
  INFO(staged.out << staged.err);
  CHECK(staged.exit_code == 1);
  CHECK(staged.out.find("\"FIELD_SAME_TYPE\"") != std::string::npos);
  CHECK(staged.out.find("\"FIELD_NO_DELETE\"") == std::string::npos);

  auto worktree = RunTool("--format json", repo.path());
  CHECK(worktree.out.find("\"FIELD_NO_DELETE\"") != std::string::npos);
}

TEST_CASE("a syntax error exits 2 with path:line:col", "[e2e]") {
  TempDir repo;
  InitRepo(repo);
  WriteFile(repo.path(), "orders.proto", Replace(kOrdersV1, "int32 total = 2;", "int32 total = ;"));
  auto result = RunTool("--since main", repo.path());
  CHECK(result.exit_code == 2);
  CHECK(result.err.rfind("orders.proto:7:17: error: ", 0) == 0);
  CHECK(result.out.empty());
}

TEST_CASE("an unknown ref exits 2 and names the fix", "[e2e]") {
  TempDir repo;
  InitRepo(repo);
  auto result = RunTool("--since nope", repo.path());
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("nope") != std::string::npos);
  CHECK(result.err.find("git fetch") != std::string::npos);
}

TEST_CASE("a run leaves the repository's files, index and refs unchanged", "[e2e]") {
  TempDir repo;
  InitRepo(repo);
  WriteFile(repo.path(), "orders.proto", Replace(kOrdersV1, "int32 total", "int64 total"));
  WriteFile(repo.path(), "new.proto", "syntax = \"proto3\";\npackage x;\n");
  auto index = repo.path() / ".git" / "index";
  auto index_bytes = testing::ReadFile(index);
  auto index_mtime = std::filesystem::last_write_time(index);
  auto refs = Git("for-each-ref", repo.path());
  auto status = Git("--no-optional-locks status --porcelain", repo.path());

  // The working tree breaks `total`; nothing is staged; HEAD is main.
  const std::pair<const char*, int> runs[] = {{"--since main", 1},
                                              {"--staged", 0},
                                              {"--head HEAD", 0},
                                              {"--against HEAD --format json", 1}};
  for (const auto& [args, exit_code] : runs) {
    auto result = RunTool(args, repo.path());
    INFO(args << "\n" << result.out << result.err);
    CHECK(result.exit_code == exit_code);
  }
  CHECK(testing::ReadFile(index) == index_bytes);
  CHECK(std::filesystem::last_write_time(index) == index_mtime);
  CHECK(Git("for-each-ref", repo.path()) == refs);
  CHECK(Git("--no-optional-locks status --porcelain", repo.path()) == status);
}

TEST_CASE("usage errors exit 2", "[e2e]") {
  TempDir dir;
  auto bad_format = RunTool("--format xml", dir.path());
  CHECK(bad_format.exit_code == 2);
  CHECK(bad_format.err.find("--format") != std::string::npos);
  auto unknown_rule = RunTool("explain FEILD_NO_DELETE", dir.path());
  CHECK(unknown_rule.exit_code == 2);
  CHECK(unknown_rule.err.find("did you mean \"FIELD_NO_DELETE\"") != std::string::npos);
}

}  // namespace
}  // namespace contract_lint
