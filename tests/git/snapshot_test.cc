// Listings and reads of the four kinds of git-backed snapshots, checked
// against what the git command line says about the same repository.
#include <atomic>
#include <filesystem>
#include <thread>

#include "sides_testing.h"

namespace contract_lint::testing {
namespace {

namespace fs = std::filesystem;

using Paths_ = std::vector<std::string>;

// A repository with tracked, staged, unstaged, deleted, untracked, ignored
// files, a symlink and a submodule-like nested repository.
void MakeMixedRepository(const fs::path& repo) {
  Git("init -q", repo);
  WriteFile(repo, ".gitignore", "ignored/\n*.tmp\n");
  WriteFile(repo, "a.proto", "syntax = \"proto3\";\nmessage A {}\n");
  WriteFile(repo, "dir/b.proto", "syntax = \"proto3\";\nmessage B {}\n");
  WriteFile(repo, "d.proto", "syntax = \"proto3\";\nmessage D {}\n");
  fs::create_symlink("a.proto", repo / "link.proto");
  Git("add -A", repo);
  Git("commit -q -m one", repo);
  WriteFile(repo, "dir/b.proto", "syntax = \"proto3\";\nmessage B { int32 staged = 1; }\n");
  Git("add dir/b.proto", repo);
  WriteFile(repo, "dir/b.proto", "syntax = \"proto3\";\nmessage B { int32 unstaged = 1; }\n");
  WriteFile(repo, "a.proto", "syntax = \"proto3\";\nmessage A { int32 x = 1; }\n");
  fs::remove(repo / "d.proto");
  WriteFile(repo, "new/untracked.proto", "syntax = \"proto3\";\n");
  WriteFile(repo, "ignored/x.proto", "syntax = \"proto3\";\n");
  WriteFile(repo, "scratch.tmp", "x");
  fs::create_symlink("/etc/hostname", repo / "outside.proto");
  WriteFile(repo, "nested/.git/HEAD", "ref: refs/heads/main\n");
  WriteFile(repo, "nested/inner.proto", "x");
}

TEST_CASE("the working tree lists tracked and untracked-not-ignored files with git's ids",
          "[git]") {
  TempDir dir;
  MakeMixedRepository(dir.path());
  Sides sides = OpenOk(Options{}, dir.path());
  const Snapshot& current = *sides.current;

  CHECK(current.Describe() == "working tree");
  CHECK(Paths(current) == Paths_{".gitignore", "a.proto", "dir/b.proto", "new/untracked.proto"});
  for (const auto& path : Paths(current)) {
    CHECK(BlobIdOf(current, path) == GitLine("hash-object " + path, dir.path()));
  }
  CHECK(ReadOk(current, "dir/b.proto") ==
        "syntax = \"proto3\";\nmessage B { int32 unstaged = 1; }\n");
  CHECK(sides.root == Canonical(dir.path()));
}

TEST_CASE("the default against side is HEAD's tree, without symlinks", "[git]") {
  TempDir dir;
  MakeMixedRepository(dir.path());
  Sides sides = OpenOk(Options{}, dir.path());
  const Snapshot& against = *sides.against;

  std::string head = GitLine("rev-parse --short=7 HEAD", dir.path());
  CHECK(against.Describe() == "commit " + head + " (HEAD)");
  CHECK(Paths(against) == Paths_{".gitignore", "a.proto", "d.proto", "dir/b.proto"});
  for (const auto& path : Paths(against)) {
    CHECK(BlobIdOf(against, path) == GitLine("rev-parse HEAD:" + path, dir.path()));
  }
  CHECK(ReadOk(against, "d.proto") == "syntax = \"proto3\";\nmessage D {}\n");
}

TEST_CASE("check --staged sees the staged content, not the unstaged edit", "[git]") {
  TempDir dir;
  MakeMixedRepository(dir.path());
  Options options;
  options.staged = true;
  Sides sides = OpenOk(options, dir.path());
  const Snapshot& index = *sides.current;

  CHECK(index.Describe() == "index");
  // d.proto was deleted on disk but not with `git rm`: still in the index.
  CHECK(Paths(index) == Paths_{".gitignore", "a.proto", "d.proto", "dir/b.proto"});
  CHECK(ReadOk(index, "dir/b.proto") == "syntax = \"proto3\";\nmessage B { int32 staged = 1; }\n");
  CHECK(ReadOk(index, "a.proto") == "syntax = \"proto3\";\nmessage A {}\n");
  CHECK(BlobIdOf(index, "dir/b.proto") == GitLine("rev-parse :dir/b.proto", dir.path()));
}

TEST_CASE("the working tree rehashes a same-size edit made right after staging", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  WriteFile(dir.path(), "a.proto", "message A {}\n");
  Git("add a.proto", dir.path());
  Git("commit -q -m one", dir.path());
  WriteFile(dir.path(), "a.proto", "message B {}\n");  // same size, same second
  Sides sides = OpenOk(Options{}, dir.path());
  CHECK(BlobIdOf(*sides.current, "a.proto") == GitBlobId("message B {}\n"));
  CHECK(BlobIdOf(*sides.against, "a.proto") == GitBlobId("message A {}\n"));
}

TEST_CASE("the working tree sees an edit whose mtime was put back, as git status does", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  WriteFile(dir.path(), "a.proto", "message A {}\n");
  auto committed_mtime = fs::last_write_time(dir.path() / "a.proto");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  Git("add a.proto", dir.path());
  Git("commit -q -m one", dir.path());
  // Same size and mtime as indexed; only the ctime tells the edit apart.
  WriteFile(dir.path(), "a.proto", "message B {}\n");
  fs::last_write_time(dir.path() / "a.proto", committed_mtime);
  CHECK(Git("status --porcelain", dir.path()) == " M a.proto\n");
  Sides sides = OpenOk(Options{}, dir.path());
  CHECK(BlobIdOf(*sides.current, "a.proto") == GitBlobId("message B {}\n"));
}

TEST_CASE("the repository root is the snapshot root when run from a subdirectory", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  WriteFile(dir.path(), "api/v1/a.proto", "message A {}\n");
  Git("add -A", dir.path());
  Git("commit -q -m one", dir.path());
  Sides sides = OpenOk(Options{}, dir.path() / "api" / "v1");
  CHECK(sides.root == Canonical(dir.path()));
  CHECK(Paths(*sides.current) == Paths_{"api/v1/a.proto"});
  CHECK(Paths(*sides.against) == Paths_{"api/v1/a.proto"});
}

TEST_CASE("a directory snapshot skips .git and symlinks that leave it", "[git]") {
  TempDir dir;
  fs::path current = dir.path() / "current";
  WriteFile(current, "a.proto", "message A {}\n");
  WriteFile(current, "sub/b.json", "{}\n");
  WriteFile(current, ".git/config", "not listed");
  WriteFile(dir.path(), "secret.proto", "outside");
  fs::create_symlink("../secret.proto", current / "escape.proto");
  fs::create_symlink("sub/b.json", current / "inside.json");
  WriteFile(dir.path(), "previous/a.proto", "message A { int32 x = 1; }\n");

  Options options;
  options.input = "current";
  options.against = "previous";
  Sides sides = OpenOk(options, dir.path());
  CHECK(sides.current->Describe() == "directory current/");
  CHECK(sides.against->Describe() == "directory previous/");
  CHECK(sides.root == Canonical(current));
  CHECK(Paths(*sides.current) == Paths_{"a.proto", "inside.json", "sub/b.json"});
  CHECK(BlobIdOf(*sides.current, "a.proto") == GitBlobId("message A {}\n"));
  CHECK(ReadOk(*sides.current, "inside.json") == "{}\n");
  CHECK(Paths(*sides.against) == Paths_{"a.proto"});

  std::string contents;
  std::string error;
  CHECK_FALSE(sides.current->Read("escape.proto", &contents, &error));
  CHECK(error == "no such file in directory current/");
}

TEST_CASE("reading a blob missing from the object store names the object and the fetch", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  WriteFile(dir.path(), "api/a.proto", "message A {}\n");
  Git("add -A", dir.path());
  Git("commit -q -m one", dir.path());
  std::string blob = GitLine("rev-parse HEAD:api/a.proto", dir.path());
  fs::remove(dir.path() / ".git" / "objects" / blob.substr(0, 2) / blob.substr(2));

  Sides sides = OpenOk(Options{}, dir.path());
  CHECK(BlobIdOf(*sides.against, "api/a.proto") == blob);
  std::string contents;
  std::string error;
  CHECK_FALSE(sides.against->Read("api/a.proto", &contents, &error));
  CHECK(error == "git object " + blob +
                     " is missing from the object store (shallow or partial clone?); run "
                     "'git fetch --unshallow' or 'git fetch' to download it");
  // The working tree still has the file and its id from the index.
  CHECK(ReadOk(*sides.current, "api/a.proto") == "message A {}\n");
}

TEST_CASE("snapshots can be read from several threads at once", "[git]") {
  TempDir dir;
  Git("init -q", dir.path());
  for (int i = 0; i < 20; ++i) {
    WriteFile(dir.path(), "f" + std::to_string(i) + ".proto",
              "message M" + std::to_string(i) + " {}\n");
  }
  Git("add -A", dir.path());
  Git("commit -q -m one", dir.path());
  Sides sides = OpenOk(Options{}, dir.path());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (const auto& file : sides.against->Files()) {
        std::string contents;
        std::string error;
        if (!sides.against->Read(file.path, &contents, &error) ||
            GitBlobId(contents) != file.blob_id) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(failures == 0);
}

}  // namespace
}  // namespace contract_lint::testing

TEST_CASE("GitBlobId is git hash-object's id", "[git]") {
  CHECK(contract_lint::GitBlobId("") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  CHECK(contract_lint::GitBlobId("hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a");
}
