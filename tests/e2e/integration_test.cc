// End-to-end: the pre-commit hook and --report, with the built binary.
#include <catch2/catch.hpp>
#include <filesystem>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Git;
using testing::ReadFile;
using testing::Run;
using testing::RunTool;
using testing::ShellQuote;
using testing::TempDir;
using testing::WriteFile;

const char* kProto =
    "syntax = \"proto3\";\n\npackage shop.v1;\n\nmessage Cart {\n  string id = 1;\n  int32 count = "
    "2;\n}\n";

void InitRepo(const TempDir& repo) {
  Git("init -q", repo.path());
  WriteFile(repo.path(), "cart.proto", kProto);
  Git("add -A", repo.path());
  Git("commit -qm base", repo.path());
}

// `git commit` with the test identity, returning the whole result (it may fail).
// The hook calls contract-lint from PATH: the built binary's directory comes first.
testing::CommandResult Commit(const TempDir& repo, const std::string& message) {
  return Run("PATH=" + ShellQuote(testing::BinaryPath().parent_path().string()) +
                 ":\"$PATH\" "
                 "GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t "
                 "GIT_COMMITTER_EMAIL=t@example.com git -c commit.gpgsign=false commit -qm " +
                 ShellQuote(message),
             repo.path());
}

TEST_CASE("install-hook: a breaking staged change stops the commit, a safe one commits",
          "[e2e][hook]") {
  TempDir repo;
  InitRepo(repo);
  auto installed = RunTool("install-hook", repo.path());
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  CHECK(installed.out.find("pre-commit") != std::string::npos);

  std::string breaking = kProto;
  breaking.replace(breaking.find("  int32 count = 2;\n"), 18, "");
  WriteFile(repo.path(), "cart.proto", breaking);
  Git("add cart.proto", repo.path());
  auto refused = Commit(repo, "drop count");
  CHECK(refused.exit_code != 0);
  CHECK((refused.out + refused.err).find("cart.proto:5:1: error: FIELD_NO_DELETE") !=
        std::string::npos);
  CHECK(Git("rev-list --count HEAD", repo.path()) == "1\n");

  std::string safe = kProto;
  safe.replace(safe.find("  int32 count = 2;\n"), 18, "  int32 count = 2;\n  string note = 3;\n");
  WriteFile(repo.path(), "cart.proto", safe);
  Git("add cart.proto", repo.path());
  auto accepted = Commit(repo, "add note");
  INFO(accepted.out << accepted.err);
  CHECK(accepted.exit_code == 0);
  CHECK(Git("rev-list --count HEAD", repo.path()) == "2\n");
}

TEST_CASE("install-hook never overwrites a foreign hook without --force", "[e2e][hook]") {
  TempDir repo;
  InitRepo(repo);
  auto hook = repo.path() / ".git" / "hooks" / "pre-commit";
  WriteFile(repo.path(), ".git/hooks/pre-commit", "#!/bin/sh\necho foreign hook ran\n");
  std::filesystem::permissions(hook, std::filesystem::perms::owner_all);

  auto refused = RunTool("install-hook", repo.path());
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("contract-lint --staged || exit 1") != std::string::npos);
  CHECK(ReadFile(hook) == "#!/bin/sh\necho foreign hook ran\n");

  auto forced = RunTool("install-hook --force", repo.path());
  CHECK(forced.exit_code == 0);
  CHECK(ReadFile(repo.path() / ".git" / "hooks" / "pre-commit.local") ==
        "#!/bin/sh\necho foreign hook ran\n");
  WriteFile(repo.path(), "notes.txt", "hello\n");
  Git("add notes.txt", repo.path());
  auto commit = Commit(repo, "notes");
  CHECK(commit.exit_code == 0);
  CHECK((commit.out + commit.err).find("foreign hook ran") != std::string::npos);
}

TEST_CASE("check --report writes several formats, each identical to --format", "[e2e][report]") {
  TempDir repo;
  InitRepo(repo);
  std::string changed = kProto;
  changed.replace(changed.find("int32 count"), 11, "int64 count");
  WriteFile(repo.path(), "cart.proto", changed);
  auto out_dir = repo.path() / "reports-out";
  std::filesystem::create_directories(out_dir);
  std::string formats[] = {"json", "sarif", "github", "junit", "markdown", "gitlab", "text"};
  std::string args = "--since main --color never";
  for (const auto& f : formats) args += " --report " + f + "=" + ShellQuote((out_dir / f).string());
  auto combined = RunTool(args, repo.path());
  INFO(combined.err);
  CHECK(combined.exit_code == 1);
  for (const auto& f : formats) {
    auto single = RunTool("--since main --color never --format " + f, repo.path());
    INFO(f);
    CHECK(single.exit_code == 1);
    CHECK(ReadFile(out_dir / f) == single.out);
    CHECK_FALSE(single.out.empty());
  }
}

}  // namespace
}  // namespace contract_lint
