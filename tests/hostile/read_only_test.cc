// The read-only guarantee (SPEC, Guarantees): `check` never writes to the
// repository, its index or its refs — in every mode that reads git. The whole
// repository (work tree and .git, every file and directory) is fingerprinted
// before and after each run: contents, sizes, modes and modification times,
// so even a lock file created and removed again (which changes the parent
// directory's mtime) or an index refresh is caught.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

using testing::Git;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// path -> "type mode size mtime [contents]" for everything under `root`.
std::map<std::string, std::string> Fingerprint(const fs::path& root) {
  std::map<std::string, std::string> out;
  auto describe = [&](const fs::path& path) {
    struct stat st;
    REQUIRE(::lstat(path.c_str(), &st) == 0);
    std::string entry = std::to_string(st.st_mode) + " " + std::to_string(st.st_size) + " " +
                        std::to_string(st.st_mtim.tv_sec) + "." +
                        std::to_string(st.st_mtim.tv_nsec);
    if (S_ISREG(st.st_mode)) entry += " " + ReadFile(path);
    if (S_ISLNK(st.st_mode)) entry += " -> " + fs::read_symlink(path).string();
    return entry;
  };
  out["."] = describe(root);
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    out[fs::relative(entry.path(), root).string()] = describe(entry.path());
  }
  return out;
}

// Differences between two fingerprints, one line per path.
std::string Changes(const std::map<std::string, std::string>& before,
                    const std::map<std::string, std::string>& after) {
  std::string out;
  for (const auto& [path, entry] : before) {
    auto it = after.find(path);
    if (it == after.end()) {
      out += "removed: " + path + "\n";
    } else if (it->second != entry) {
      out += "changed: " + path + "\n";
    }
  }
  for (const auto& [path, entry] : after) {
    if (!before.count(path)) out += "created: " + path + "\n";
  }
  return out;
}

const char* kBase = "syntax = \"proto3\";\npackage p;\nmessage Api {\n  int32 x = 1;\n}\n";
const char* kFeature =
    "syntax = \"proto3\";\npackage p;\nmessage Api {\n  int32 x = 1;\n  int32 y = 2;\n}\n";
const char* kStaged =
    "syntax = \"proto3\";\npackage p;\nmessage Api {\n  int64 x = 1;\n  int32 y = 2;\n}\n";
const char* kWorking = "syntax = \"proto3\";\npackage p;\nmessage Api {\n  string x = 1;\n}\n";

// main: base -> later; feature (checked out): base -> y added. Staged: x
// becomes int64 (breaking against HEAD); working tree: x a string and y
// deleted (breaking against everything), plus an untracked contract. The
// index's stat data is stale for api.proto (a refreshing reader would
// rewrite the index), and a tag, a packed ref and a reflog exist.
void MakeRepository(const fs::path& repo) {
  Git("init -q", repo);
  WriteFile(repo, "api.proto", kBase);
  WriteFile(repo, "contract-lint.yaml", "version: 1\n");
  Git("add -A", repo);
  Git("commit -qm base", repo);
  Git("tag v1", repo);
  Git("checkout -qb feature", repo);
  WriteFile(repo, "api.proto", kFeature);
  Git("commit -qam feature", repo);
  Git("checkout -q main", repo);
  WriteFile(repo, "later.proto", "syntax = \"proto3\";\npackage q;\nmessage Later {}\n");
  Git("add -A", repo);
  Git("commit -qm later", repo);
  Git("checkout -q feature", repo);
  Git("pack-refs --all", repo);
  WriteFile(repo, "api.proto", kStaged);
  Git("add api.proto", repo);
  WriteFile(repo, "api.proto", kWorking);
  WriteFile(repo, "new.proto", "syntax = \"proto3\";\npackage n;\nmessage New {}\n");
  // Make the index's cached stat data stale without changing the contents.
  fs::last_write_time(repo / "api.proto",
                      fs::last_write_time(repo / "api.proto") - std::chrono::hours(1));
}

TEST_CASE("no mode of check writes to the repository, its index or its refs", "[hostile][git]") {
  TempDir repo;
  MakeRepository(repo.path());
  std::string status_before = Git("status --porcelain=v1", repo.path());
  auto before = Fingerprint(repo.path());
  struct Mode {
    const char* args;
    int exit_code;
  };
  const Mode modes[] = {
      {"", 1},                            // working tree against HEAD
      {"--staged", 1},                    // index against HEAD
      {"--since main", 1},                // working tree against the merge-base
      {"--staged --since main", 1},       // index against the merge-base
      {"--against main", 1},              // working tree against exactly main
      {"--against v1", 1},                // ... a tag
      {"--head HEAD", 0},                 // HEAD against its first parent (y added: safe)
      {"--head HEAD --since main", 0},    // HEAD against the merge-base
      {"--head HEAD~1 --against v1", 0},  // two revisions, neither checked out
      {"--since main --format json", 1},
      {"--since main --format sarif", 1},
      {"rules --format json", 0},
  };
  for (const auto& mode : modes) {
    std::string args = mode.args;
    if (!args.starts_with("rules")) args += " --color never";
    auto result = testing::RunTool(args, repo.path());
    INFO("contract-lint " << args << "\n" << result.out << result.err);
    CHECK(result.exit_code == mode.exit_code);
    CHECK(result.err.empty());
    CHECK(Changes(before, Fingerprint(repo.path())) == "");
  }
  CHECK(Git("status --porcelain=v1", repo.path()) == status_before);
}

TEST_CASE("failing runs write nothing either", "[hostile][git]") {
  TempDir repo;
  MakeRepository(repo.path());
  auto before = Fingerprint(repo.path());
  struct Mode {
    const char* args;
    const char* message;
  };
  const Mode modes[] = {
      {"--since no-such-branch", "no-such-branch"},
      {"--against 0000000", "0000000"},
      {"--head no-such-rev", "no-such-rev"},
      {"--config missing.yaml", "missing.yaml"},
  };
  for (const auto& mode : modes) {
    auto result = testing::RunTool(std::string(mode.args) + " --color never", repo.path());
    INFO("contract-lint " << mode.args << "\n" << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(mode.message) != std::string::npos);
    CHECK(Changes(before, Fingerprint(repo.path())) == "");
  }
}

}  // namespace
}  // namespace contract_lint
