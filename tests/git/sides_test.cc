// Errors of OpenSides that a user sees, and the read-only guarantee.
#include <sys/stat.h>

#include <filesystem>

#include "sides_testing.h"

namespace contract_lint::testing {
namespace {

namespace fs = std::filesystem;

TEST_CASE("outside a repository, without INPUT, says how to fix it", "[git]") {
  TempDir dir;
  fs::create_directories(dir.path() / "plain");
  fs::path plain = dir.path() / "plain";
  CHECK(OpenFails(Options{}, plain) == "not a git repository (or any parent): " + plain.string() +
                                           "; run inside a repository or pass a directory\n");
}

TEST_CASE("INPUT without --against is an error", "[git]") {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  Options options;
  options.input = "in";
  CHECK(OpenFails(options, dir.path()) ==
        "INPUT needs --against REF or DIR (or --since REF) to compare with\n");
}

TEST_CASE("INPUT that is not a directory is an error", "[git]") {
  TempDir dir;
  Options options;
  options.input = "missing";
  options.against = "missing-too";
  CHECK(OpenFails(options, dir.path()) == "INPUT 'missing' is not a directory\n");
}

TEST_CASE("INPUT outside a repository cannot be compared with a revision", "[git]") {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  Options options;
  options.input = "in";
  options.against = "main";
  CHECK(OpenFails(options, dir.path()) ==
        "--against main needs a git repository, but INPUT " + Canonical(dir.path() / "in") +
            " is not inside one; pass --against DIR to compare two directories\n");
}

TEST_CASE("an empty repository has no HEAD to compare against", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  WriteFile(dir.path(), "a.proto", "message A {}\n");
  CHECK(OpenFails(Options{}, dir.path()) ==
        "HEAD has no commit yet (empty repository), so there is nothing to compare against; "
        "make a first commit or pass --against DIR\n");
}

TEST_CASE("conflicting side options are refused", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  Options both;
  both.since = "main";
  both.against = "main";
  CHECK(OpenFails(both, dir.path()) ==
        "--since and --against both choose the against side; pass only one\n");
  Options staged_head;
  staged_head.staged = true;
  staged_head.head = "HEAD";
  CHECK(OpenFails(staged_head, dir.path()) ==
        "--staged and --head both choose the current side; pass only one\n");
}

struct IndexState {
  std::string bytes;
  timespec mtime{};
};

IndexState ReadIndexState(const fs::path& repo) {
  IndexState state;
  state.bytes = ReadFile(repo / ".git" / "index");
  struct stat st;
  REQUIRE(::stat((repo / ".git" / "index").c_str(), &st) == 0);
  state.mtime = st.st_mtim;
  return state;
}

TEST_CASE("opening and reading the sides leaves index and refs untouched", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  WriteFile(dir.path(), "a.proto", "message A {}\n");
  WriteFile(dir.path(), "b.proto", "message B {}\n");
  Git("add -A", dir.path());
  Git("commit -q -m one", dir.path());
  Git("branch base", dir.path());
  // Make every index entry stale, so that a refreshing reader would want to write.
  WriteFile(dir.path(), "a.proto", "message A { int32 x = 1; }\n");
  fs::last_write_time(dir.path() / "b.proto",
                      fs::last_write_time(dir.path() / "b.proto") + std::chrono::seconds(5));
  WriteFile(dir.path(), "c.proto", "message C {}\n");

  IndexState before = ReadIndexState(dir.path());
  std::string refs_before = Git("for-each-ref", dir.path());

  for (int mode = 0; mode < 3; ++mode) {
    Options options;
    options.since = "base";
    options.staged = mode == 1;
    if (mode == 2) options.head = "HEAD";
    Sides sides = OpenOk(options, dir.path());
    for (const auto& file : sides.current->Files()) ReadOk(*sides.current, file.path);
    for (const auto& file : sides.against->Files()) ReadOk(*sides.against, file.path);
  }

  IndexState after = ReadIndexState(dir.path());
  CHECK(after.bytes == before.bytes);
  CHECK(after.mtime.tv_sec == before.mtime.tv_sec);
  CHECK(after.mtime.tv_nsec == before.mtime.tv_nsec);
  CHECK(Git("for-each-ref", dir.path()) == refs_before);
  CHECK_FALSE(fs::exists(dir.path() / ".git" / "index.lock"));
}

}  // namespace
}  // namespace contract_lint::testing
