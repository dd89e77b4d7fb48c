// --since / --against / --head: which commit the against side is, and the
// messages (with the fixing git command) when it cannot be found.
#include <filesystem>

#include "sides_testing.h"

namespace contract_lint::testing {
namespace {

namespace fs = std::filesystem;

using Paths_ = std::vector<std::string>;

// main: base -> main-later (changes shared.proto); feature (checked out):
// base -> feature (changes api.proto).
void MakeBranchedRepository(const fs::path& repo) {
  Git("init -q", repo);
  WriteFile(repo, "shared.proto", "message Shared {}\n");
  WriteFile(repo, "api.proto", "message Api {}\n");
  Git("add -A", repo);
  Git("commit -q -m base", repo);
  Git("checkout -q -b feature", repo);
  WriteFile(repo, "api.proto", "message Api { int32 x = 1; }\n");
  Git("commit -q -am feature", repo);
  Git("checkout -q main", repo);
  WriteFile(repo, "shared.proto", "message Shared { int32 later = 1; }\n");
  Git("commit -q -am main-later", repo);
  Git("checkout -q feature", repo);
}

TEST_CASE("check --since REF compares with the merge-base, not REF's tip", "[git]") {
  TempDir dir;
  MakeBranchedRepository(dir.path());
  Options options;
  options.since = "main";
  Sides sides = OpenOk(options, dir.path());

  std::string base = GitLine("merge-base main HEAD", dir.path());
  CHECK(sides.against->Describe() == "merge-base " + base.substr(0, 7) + " of main and HEAD");
  // shared.proto changed only on main after the branch point: not a difference.
  CHECK(BlobIdOf(*sides.against, "shared.proto") == BlobIdOf(*sides.current, "shared.proto"));
  // api.proto changed on the branch: a difference.
  CHECK(BlobIdOf(*sides.against, "api.proto") != BlobIdOf(*sides.current, "api.proto"));
  CHECK(ReadOk(*sides.against, "api.proto") == "message Api {}\n");
}

TEST_CASE("REF falls back to origin/REF, then to any remote", "[git]") {
  TempDir dir;
  MakeBranchedRepository(dir.path());
  std::string main_tip = GitLine("rev-parse main", dir.path());
  std::string feature_tip = GitLine("rev-parse feature", dir.path());
  Git("update-ref refs/remotes/origin/release " + main_tip, dir.path());
  Git("update-ref refs/remotes/upstream/legacy " + feature_tip + "~1", dir.path());

  SECTION("origin/REF") {
    Options options;
    options.against = "release";
    Sides sides = OpenOk(options, dir.path());
    CHECK(sides.against->Describe() == "commit " + main_tip.substr(0, 7) + " (origin/release)");
    CHECK(ReadOk(*sides.against, "shared.proto") == "message Shared { int32 later = 1; }\n");
  }
  SECTION("refs/remotes/*/REF") {
    Options options;
    options.since = "legacy";
    Sides sides = OpenOk(options, dir.path());
    std::string base = GitLine("rev-parse feature~1", dir.path()).substr(0, 7);
    CHECK(sides.against->Describe() == "merge-base " + base + " of upstream/legacy and HEAD");
  }
}

TEST_CASE("an unknown REF fails with what brings it: a fetch, or more history for a commit id",
          "[git]") {
  TempDir dir;
  MakeBranchedRepository(dir.path());
  Options options;
  options.since = "foo";
  CHECK(OpenFails(options, dir.path()) ==
        "unknown revision 'foo' (tried foo, origin/foo, refs/remotes/*/foo); fetch it with "
        "'git fetch origin foo'\n");
  Options against;
  against.against = "nope";
  CHECK(OpenFails(against, dir.path()) ==
        "unknown revision 'nope' (tried nope, origin/nope, refs/remotes/*/nope); fetch it with "
        "'git fetch origin nope'\n");
  // An abbreviated commit id cannot be fetched by name: the clone lacks history.
  Options commit;
  commit.against = "abc1234";
  CHECK(OpenFails(commit, dir.path()) ==
        "unknown revision 'abc1234' (tried abc1234, origin/abc1234, refs/remotes/*/abc1234); no "
        "commit in this clone starts with abc1234; a shallow clone may lack it: fetch more history "
        "('git fetch --unshallow' or 'git fetch --deepen=N') or give the full commit id\n");
}

TEST_CASE("a shallow clone without the merge-base says to unshallow", "[git]") {
  TempDir dir;
  fs::path origin = dir.path() / "origin";
  fs::create_directories(origin);
  MakeBranchedRepository(origin);
  Git("clone -q --depth 1 --no-single-branch file://" + origin.string() + " shallow", dir.path());
  fs::path clone = dir.path() / "shallow";
  Git("checkout -q feature", clone);
  REQUIRE(fs::exists(clone / ".git" / "shallow"));

  Options options;
  options.since = "main";
  CHECK(OpenFails(options, clone) ==
        "no merge-base of main and HEAD in this shallow clone; run 'git fetch --unshallow "
        "origin main' (or set fetch-depth: 0 in CI)\n");
}

TEST_CASE("unrelated histories have no merge-base", "[git]") {
  TempDir dir;
  MakeBranchedRepository(dir.path());
  Git("checkout -q --orphan other", dir.path());
  Git("commit -q -m orphan", dir.path());
  Options options;
  options.since = "main";
  CHECK(OpenFails(options, dir.path()) ==
        "main and HEAD have no common ancestor (unrelated histories), so there is no "
        "merge-base; use --against main to compare with main itself\n");
}

TEST_CASE("check --head REV compares REV with its first parent", "[git]") {
  TempDir dir;
  MakeBranchedRepository(dir.path());
  std::string tip = GitLine("rev-parse --short=7 feature", dir.path());
  std::string parent = GitLine("rev-parse --short=7 feature^", dir.path());
  Options options;
  options.head = "feature";
  Sides sides = OpenOk(options, dir.path());
  CHECK(sides.current->Describe() == "commit " + tip + " (feature)");
  CHECK(sides.against->Describe() == "commit " + parent + " (feature^)");
  CHECK(ReadOk(*sides.current, "api.proto") == "message Api { int32 x = 1; }\n");
  CHECK(ReadOk(*sides.against, "api.proto") == "message Api {}\n");

  SECTION("a root commit is compared with an empty tree") {
    Options root;
    root.head = GitLine("rev-list --max-parents=0 HEAD", dir.path());
    Sides root_sides = OpenOk(root, dir.path());
    CHECK(root_sides.against->Files().empty());
    CHECK(root_sides.against->Describe() == "empty tree (" + root.head + " is a root commit)");
  }
  SECTION("--head with --against") {
    options.against = "main";
    Sides explicit_sides = OpenOk(options, dir.path());
    CHECK(ReadOk(*explicit_sides.against, "shared.proto") ==
          "message Shared { int32 later = 1; }\n");
  }
}

TEST_CASE("INPUT inside a repository is compared with the same subtree of REF", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  WriteFile(dir.path(), "api/v1/a.proto", "message A {}\n");
  WriteFile(dir.path(), "other/b.proto", "message B {}\n");
  Git("add -A", dir.path());
  Git("commit -q -m one", dir.path());
  Git("branch base", dir.path());
  WriteFile(dir.path(), "api/v1/a.proto", "message A { int32 x = 1; }\n");
  WriteFile(dir.path(), "api/v1/new.proto", "message N {}\n");

  Options options;
  options.input = "api";
  options.against = "base";
  Sides sides = OpenOk(options, dir.path());
  std::string base = GitLine("rev-parse --short=7 base", dir.path());
  CHECK(sides.against->Describe() == "commit " + base + " (base) at api/");
  CHECK(Paths(*sides.against) == Paths_{"v1/a.proto"});
  CHECK(Paths(*sides.current) == Paths_{"v1/a.proto", "v1/new.proto"});
  CHECK(ReadOk(*sides.against, "v1/a.proto") == "message A {}\n");

  SECTION("with --since, from a subdirectory") {
    Options since;
    since.input = "v1";
    since.since = "base";
    Sides since_sides = OpenOk(since, dir.path() / "api");
    CHECK(Paths(*since_sides.against) == Paths_{"a.proto"});
    CHECK(since_sides.root == Canonical(dir.path() / "api" / "v1"));
  }
}

}  // namespace
}  // namespace contract_lint::testing
