// End-to-end, issue 16 ("no silent pass"), the command-line items: empty
// revisions, the pre-commit hook, CI reports that tell the truth, honest
// revision messages, the --baseline file, --help and --fail-on. Each test is
// named after its item and runs the built binary in real git repositories.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

using testing::BinaryPath;
using testing::CommandResult;
using testing::Git;
using testing::Has;
using testing::ReadFile;
using testing::Repo;
using testing::Run;
using testing::RunTool;
using testing::ShellQuote;
using testing::SourceDir;
using testing::TempDir;
using testing::WriteFile;

const char* kOrders = R"(syntax = "proto3";

package acme.orders.v1;

message Order {
  string id = 1;
  int32 total = 2;
  string note = 3;
}
)";

const char* kOrderSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "id": {"type": "string"}
  }
}
)";

// A repository whose main holds orders.proto (kOrders).
void CommitOrders(const Repo& repo) {
  repo.Write("orders.proto", kOrders);
  repo.Commit();
}

// Deletes `note` from orders.proto in the working tree: FIELD_NO_DELETE.
void BreakOrders(const Repo& repo) { repo.Edit("orders.proto", "  string note = 3;\n", ""); }

// `git commit` with the test identity and `bin` first on PATH (it may fail).
CommandResult Commit(const fs::path& dir, const std::string& message, const fs::path& bin) {
  return Run("PATH=" + ShellQuote(bin.string()) +
                 ":\"$PATH\" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com "
                 "GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com git -c "
                 "commit.gpgsign=false commit -qm " +
                 ShellQuote(message),
             dir);
}

// A directory holding `contract-lint` (a link to the built binary): what
// a user's PATH holds after installing it.
fs::path BinDir(const TempDir& dir) {
  fs::path bin = dir.path() / "bin";
  fs::create_directories(bin);
  fs::create_symlink(BinaryPath(), bin / "contract-lint");
  return bin;
}

// ---------------------------------------------------------------- item 4

TEST_CASE("item 4: empty revisions (--since \"\", --against \"\", --head \"\") exit 2",
          "[e2e][silent]") {
  Repo repo;
  CommitOrders(repo);
  BreakOrders(repo);
  // Today an unset CI variable compared against HEAD; here that would be
  // exit 1, and with a clean tree a silent exit 0.
  const std::pair<const char*, const char*> cases[] = {
      {"--since ''", "--since needs a revision"},
      {"--since=", "--since needs a revision"},
      {"--against ''", "--against needs a revision"},
      {"--head ''", "--head needs a revision"},
      {"--since ' '", "--since needs a revision"},
      {"baseline -o b.json --since ''", "--since needs a revision"},
      {"baseline -o b.json --head=", "--head needs a revision"},
  };
  for (const auto& [args, message] : cases) {
    auto result = RunTool(args, repo.path());
    INFO(args << "\n" << result.out << result.err);
    CHECK(result.exit_code == 2);
    CHECK(Has(result.err, message));
    CHECK(result.out.empty());
  }
  CHECK_FALSE(fs::exists(repo.path() / "b.json"));
}

// --------------------------------------------------------- items 11 to 14

TEST_CASE("item 11: the hook passes the first commit of a new repository (unborn HEAD)",
          "[e2e][silent][hook]") {
  TempDir tools;
  fs::path bin = BinDir(tools);
  Repo repo;
  repo.Write("orders.proto", kOrders);
  auto installed = RunTool("install-hook", repo.path());
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);

  // --staged alone: the index against the empty tree, everything added.
  Git("add -A", repo.path());
  auto staged = repo.Run("--staged");
  INFO(staged.out << staged.err);
  CHECK(staged.exit_code == 0);
  CHECK(Has(staged.out, "empty tree (HEAD has no commit yet)"));

  auto first = Commit(repo.path(), "first", bin);
  INFO(first.out << first.err);
  CHECK(first.exit_code == 0);
  CHECK(Git("rev-list --count HEAD", repo.path()) == "1\n");
}

TEST_CASE("item 12: install-hook honours core.hooksPath (husky, lefthook)", "[e2e][silent][hook]") {
  TempDir tools;
  fs::path bin = BinDir(tools);
  Repo repo;
  CommitOrders(repo);
  Git("config core.hooksPath .husky", repo.path());
  auto installed = RunTool("install-hook", repo.path());
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  CHECK(Has(installed.out, ".husky/pre-commit"));
  CHECK(fs::exists(repo.path() / ".husky" / "pre-commit"));
  CHECK_FALSE(fs::exists(repo.path() / ".git" / "hooks" / "pre-commit"));

  // The hook git runs is the one installed: a breaking commit is stopped.
  BreakOrders(repo);
  Git("add orders.proto", repo.path());
  auto refused = Commit(repo.path(), "drop note", bin);
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code != 0);
  CHECK(Has(refused.err + refused.out, "FIELD_NO_DELETE"));
  CHECK(Git("rev-list --count HEAD", repo.path()) == "1\n");
}

TEST_CASE("item 13: the hook runs contract-lint from PATH, quietly, and says what to do",
          "[e2e][silent][hook]") {
  TempDir tools;
  fs::path bin = BinDir(tools);
  Repo repo;
  repo.Write("orders.proto", kOrders);
  repo.Write("contract-lint.yaml",
             "version: 1\nconsumers:\n  - name: billing\n    uses: [acme.orders.v1.Order]\n");
  repo.Commit();
  REQUIRE(RunTool("install-hook", repo.path()).exit_code == 0);
  std::string hook = ReadFile(repo.path() / ".git" / "hooks" / "pre-commit");
  // Not the build path of whoever installed it: the hook is the same for everyone.
  CHECK_FALSE(Has(hook, BinaryPath().string()));
  CHECK(Has(hook, "contract-lint --staged -q"));

  // A safe commit: the hook prints nothing.
  repo.Edit("orders.proto", "  string note = 3;\n", "  string note = 3;\n  string channel = 4;\n");
  Git("add orders.proto", repo.path());
  auto safe = Commit(repo.path(), "add channel", bin);
  INFO(safe.out << safe.err);
  CHECK(safe.exit_code == 0);
  CHECK(safe.out.empty());
  CHECK(safe.err.empty());

  // A breaking commit: the finding, no consumer block, then what to do.
  repo.Edit("orders.proto", "  string note = 3;\n", "");
  Git("add orders.proto", repo.path());
  auto refused = Commit(repo.path(), "drop note", bin);
  std::string all = refused.out + refused.err;
  INFO(all);
  CHECK(refused.exit_code != 0);
  CHECK(Has(all, "orders.proto:5:1: error: FIELD_NO_DELETE"));
  CHECK_FALSE(Has(all, "consumer billing"));
  CHECK(Has(all, "contract-lint explain RULE"));
  CHECK(Has(all, "baseline"));
  CHECK(Has(all, "git commit --no-verify"));

  // Without contract-lint on PATH the commit is stopped with the reason.
  auto missing = Run(
      "PATH=/usr/bin:/bin GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t "
      "GIT_COMMITTER_EMAIL=t@example.com git -c commit.gpgsign=false commit -qm x",
      repo.path());
  CHECK(missing.exit_code != 0);
  CHECK(Has(missing.err, "contract-lint is not on PATH"));
  CHECK(Git("rev-list --count HEAD", repo.path()) == "2\n");

  // The baseline the hook suggests is one the hook reads: the commit passes.
  auto baseline = RunTool("baseline --staged -o contract-lint.baseline.json", repo.path());
  INFO(baseline.out << baseline.err);
  REQUIRE(baseline.exit_code == 0);
  Git("add contract-lint.baseline.json", repo.path());
  auto accepted = Commit(repo.path(), "drop note, accepted", bin);
  INFO(accepted.out << accepted.err);
  CHECK(accepted.exit_code == 0);
  CHECK(Git("rev-list --count HEAD", repo.path()) == "3\n");
}

TEST_CASE("item 14: .pre-commit-hooks.yaml triggers on every file the check reads",
          "[e2e][silent][hook]") {
  std::string hooks = ReadFile(SourceDir() / ".pre-commit-hooks.yaml");
  std::smatch match;
  REQUIRE(std::regex_search(hooks, match, std::regex("\n  files: ([^\n]+)\n")));
  // pre-commit matches `files` with Python's re.search over the staged paths.
  std::regex files(match[1].str());
  CHECK(Has(hooks, "entry: contract-lint --staged -q"));

  // The staged paths of a real repository, as pre-commit lists them.
  Repo repo;
  const char* read[] = {"contract-lint.yaml",       ".contract-lint.yaml",
                        "contract-lint.json",       "buf.yaml",
                        "services/orders/buf.yaml", "services/orders/contract-lint.yaml",
                        "api/orders.proto",         "schemas/order.schema.json",
                        "samples/order.txtpb",      "samples/order.textproto",
                        "samples/order.pbtxt",      "samples/order.json"};
  const char* unread[] = {"README.md", "src/main.cc", "docs/notbuf.yaml.txt"};
  for (const char* path : read) repo.Write(path, "x\n");
  for (const char* path : unread) repo.Write(path, "x\n");
  Git("add -A", repo.path());
  std::string staged = Git("diff --cached --name-only", repo.path());
  for (const char* path : read) {
    INFO(path);
    CHECK(Has(staged, path));
    CHECK(std::regex_search(std::string(path), files));
  }
  for (const char* path : unread) {
    INFO(path);
    CHECK_FALSE(std::regex_search(std::string(path), files));
  }
}

// --------------------------------------------------------- items 15 to 18

TEST_CASE("item 15: input errors show in every report format", "[e2e][silent][report]") {
  Repo repo;
  CommitOrders(repo);
  repo.Edit("orders.proto", "int32 total = 2;", "int32 total = ;");
  const std::string at = "orders.proto:7:17";

  auto junit = repo.Run("--format junit");
  INFO(junit.out << junit.err);
  CHECK(junit.exit_code == 2);
  CHECK_FALSE(Has(junit.out, "tests=\"0\" failures=\"0\" errors=\"0\""));
  CHECK(
      Has(junit.out, "<testsuites name=\"contract-lint\" tests=\"1\" failures=\"0\" errors=\"1\""));
  CHECK(Has(junit.out, "<error type=\"input error\""));
  CHECK(Has(junit.out, at));

  auto gitlab = repo.Run("--format gitlab");
  CHECK(gitlab.exit_code == 2);
  auto issues = nlohmann::json::parse(gitlab.out);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0]["severity"] == "blocker");
  CHECK(issues[0]["location"]["path"] == "orders.proto");
  CHECK(issues[0]["location"]["lines"]["begin"] == 7);

  auto github = repo.Run("--format github");
  CHECK(github.exit_code == 2);
  CHECK(Has(github.out, "::error file=orders.proto,line=7,col=17,"));

  auto sarif = repo.Run("--format sarif");
  CHECK(sarif.exit_code == 2);
  auto doc = nlohmann::json::parse(sarif.out);
  const auto& invocation = doc["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
  const auto& notification = invocation["toolExecutionNotifications"][0];
  CHECK(notification["level"] == "error");
  CHECK(notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "orders.proto");
  CHECK(notification["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);

  auto markdown = repo.Run("--format markdown");
  CHECK(markdown.exit_code == 2);
  CHECK(Has(markdown.out, "input errors"));
  CHECK(Has(markdown.out, at));

  auto json = repo.Run("--format json");
  CHECK(json.exit_code == 2);
  CHECK(nlohmann::json::parse(json.out)["diagnostics"].size() == 1);

  // The same in --report files.
  auto files = repo.Run("--report junit=out/r.xml --report sarif=out/r.sarif");
  CHECK(files.exit_code == 2);
  CHECK(Has(ReadFile(repo.path() / "out" / "r.xml"), "errors=\"1\""));
  CHECK(Has(ReadFile(repo.path() / "out" / "r.sarif"), "\"executionSuccessful\": false"));
}

TEST_CASE("item 16: a baseline-side location is not put on a line of the current file",
          "[e2e][silent][report]") {
  Repo repo;
  repo.Write("orders.proto", kOrders);
  repo.Write("schemas/order.schema.json", kOrderSchema);
  repo.Commit();
  fs::remove(repo.path() / "schemas" / "order.schema.json");
  // The run that a SARIF upload or GitLab widget shows: SCHEMA_NO_DELETE,
  // located in the baseline (the file is gone from the current side).
  auto sarif = repo.Run("--format sarif");
  INFO(sarif.out << sarif.err);
  REQUIRE(sarif.exit_code == 1);
  auto results = nlohmann::json::parse(sarif.out)["runs"][0]["results"];
  REQUIRE(results.size() == 1);
  CHECK(results[0]["ruleId"] == "SCHEMA_NO_DELETE");
  // The whole (deleted) file, never a line: GitHub code scanning refuses an
  // upload that holds a result without a location.
  REQUIRE(results[0]["locations"].size() == 1);
  const auto& physical = results[0]["locations"][0]["physicalLocation"];
  CHECK(physical["artifactLocation"]["uri"] == "schemas/order.schema.json");
  CHECK_FALSE(physical.contains("region"));
  CHECK(Has(results[0]["message"]["text"].get<std::string>(),
            "(schemas/order.schema.json:1:1 in the baseline)"));
  CHECK(results[0]["properties"]["side"] == "against");

  auto gitlab = repo.Run("--format gitlab");
  auto issues = nlohmann::json::parse(gitlab.out);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0]["location"]["path"] == ".");
  CHECK(Has(issues[0]["description"].get<std::string>(),
            "(schemas/order.schema.json:1:1 in the baseline)"));

  // A deleted field keeps its current parent (the message) in both.
  repo.Write("schemas/order.schema.json", kOrderSchema);
  BreakOrders(repo);
  auto parent = nlohmann::json::parse(repo.Run("--format sarif").out)["runs"][0]["results"];
  REQUIRE(parent.size() == 1);
  CHECK(parent[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5);
  auto parent_gitlab = nlohmann::json::parse(repo.Run("--format gitlab").out);
  REQUIRE(parent_gitlab.size() == 1);
  CHECK(parent_gitlab[0]["location"]["path"] == "orders.proto");
  CHECK(parent_gitlab[0]["location"]["lines"]["begin"] == 5);

  // A deleted message of a file that is still there: its current parent is
  // the file (line 1), never the baseline line 11 of the current file.
  repo.Write("orders.proto", std::string(kOrders) + "\nmessage Legacy {\n  string id = 1;\n}\n");
  repo.Commit("legacy");
  repo.Write("orders.proto", kOrders);
  auto message = nlohmann::json::parse(repo.Run("--format sarif").out)["runs"][0]["results"];
  REQUIRE(message.size() == 1);
  CHECK(message[0]["ruleId"] == "MESSAGE_NO_DELETE");
  CHECK(message[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "orders.proto");
  CHECK(message[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
  auto message_gitlab = nlohmann::json::parse(repo.Run("--format gitlab").out);
  REQUIRE(message_gitlab.size() == 1);
  CHECK(message_gitlab[0]["location"]["path"] == "orders.proto");
  CHECK(message_gitlab[0]["location"]["lines"]["begin"] == 1);
}

TEST_CASE(
    "item 17: -q machine formats print valid empty documents; --report json=-; missing "
    "report directories",
    "[e2e][silent][report]") {
  Repo repo;
  CommitOrders(repo);
  auto json = repo.Run("-q --format json");
  INFO(json.out << json.err);
  CHECK(json.exit_code == 0);
  auto doc = nlohmann::json::parse(json.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  CHECK(doc["findings"].empty());

  auto sarif = repo.Run("-q --format sarif");
  auto sarif_doc = nlohmann::json::parse(sarif.out, nullptr, false);
  REQUIRE_FALSE(sarif_doc.is_discarded());
  CHECK(sarif_doc["runs"][0]["results"].empty());
  CHECK(Has(repo.Run("-q --format junit").out, "<testsuites name=\"contract-lint\" tests=\"0\""));
  CHECK(repo.Run("-q --format gitlab").out == "[]\n");
  CHECK(repo.Run("-q").out.empty());  // text stays quiet

  // json=- is stdout, not a file named "-".
  auto dash = repo.Run("-q --report json=-");
  CHECK(dash.exit_code == 0);
  CHECK_FALSE(nlohmann::json::parse(dash.out, nullptr, false).is_discarded());
  CHECK_FALSE(fs::exists(repo.path() / "-"));

  // A missing directory is created; one that cannot be says why.
  auto nested = repo.Run("--report sarif=reports/ci/contract-lint.sarif");
  CHECK(nested.exit_code == 0);
  CHECK(fs::is_regular_file(repo.path() / "reports" / "ci" / "contract-lint.sarif"));
  repo.Write("blocker", "a file, not a directory\n");
  auto blocked = repo.Run("--report json=blocker/r.json");
  CHECK(blocked.exit_code == 2);
  CHECK(Has(blocked.err, "cannot write the report to blocker/r.json"));
  CHECK(Has(blocked.err, "Not a directory"));
}

TEST_CASE("item 18: a .proto that does not parse in the baseline is marked as such",
          "[e2e][silent]") {
  Repo repo;
  repo.Write("orders.proto", testing::Replace(kOrders, "int32 total = 2;", "int32 total = ;"));
  repo.Commit("broken");
  repo.Write("orders.proto", kOrders);  // the change fixes it
  auto result = repo.Run("");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 2);
  CHECK(Has(result.err, "orders.proto:7:17: error: "));
  CHECK(Has(result.err, "(in the baseline: commit "));
  CHECK(Has(result.err, "(HEAD))"));
  CHECK(Has(result.err, "pass --against another revision"));
}

// ---------------------------------------------------------- items 19 to 21

TEST_CASE("item 19: revision errors suggest the right fix", "[e2e][silent][git]") {
  TempDir dir;
  fs::path origin = dir.path() / "origin";
  fs::create_directories(origin);
  Git("init -q", origin);
  WriteFile(origin, "orders.proto", kOrders);
  Git("add -A", origin);
  Git("commit -qm one", origin);
  WriteFile(origin, "orders.proto", testing::Replace(kOrders, "int32 total", "int64 total"));
  Git("commit -qam two", origin);

  // origin/main that was never fetched: fetch main from origin.
  auto since = RunTool("--since origin/main", origin);
  INFO(since.err);
  CHECK(since.exit_code == 2);
  CHECK(Has(since.err, "git fetch origin main'"));
  CHECK_FALSE(Has(since.err, "git fetch origin origin/main"));

  // HEAD~1 in a depth-1 clone: deepen by one.
  Git("clone -q --depth 1 file://" + origin.string() + " ci", dir.path());
  auto shallow = RunTool("--against HEAD~1", dir.path() / "ci");
  INFO(shallow.err);
  CHECK(shallow.exit_code == 2);
  CHECK(Has(shallow.err, "git fetch --deepen=1"));

  // A directory that does not exist is not reported as an unknown revision.
  auto missing = RunTool("--against ../missing-dir/", origin);
  INFO(missing.err);
  CHECK(missing.exit_code == 2);
  CHECK(Has(missing.err, "no such directory"));
  CHECK_FALSE(Has(missing.err, "git fetch"));

  // buf's input syntax.
  auto buf = RunTool("--against '.git#branch=main'", origin);
  INFO(buf.err);
  CHECK(buf.exit_code == 2);
  CHECK(Has(buf.err, "use --against main"));

  // A repository owned by another user: what git says, not "not a git repository".
  if (geteuid() == 0) {
    REQUIRE(Run("chown -R 65534:65534 " + ShellQuote(origin.string()), dir.path()).exit_code == 0);
    auto owned = Run("HOME=" + ShellQuote(dir.path().string()) + " GIT_CONFIG_NOSYSTEM=1 " +
                         ShellQuote(BinaryPath().string()) + " --since main",
                     origin);
    INFO(owned.err);
    CHECK(owned.exit_code == 2);
    CHECK(Has(owned.err, "safe.directory"));
    CHECK_FALSE(Has(owned.err, "not a git repository"));
  } else {
    WARN("not root: the safe.directory case needs a repository owned by another user");
  }
}

TEST_CASE("item 20: --baseline refuses /dev/zero, names file:line:col, says why it is missing",
          "[e2e][silent]") {
  Repo repo;
  CommitOrders(repo);
  BreakOrders(repo);

  auto zero = repo.Run("--baseline /dev/zero");
  INFO(zero.err);
  CHECK(zero.exit_code == 2);
  CHECK(Has(zero.err, "/dev/zero: error: cannot read the baseline file: not a regular file"));
  auto directory = repo.Run("--baseline .");
  CHECK(directory.exit_code == 2);
  CHECK(Has(directory.err, "not a regular file"));

  {  // a sparse file over the size limit
    std::ofstream huge(repo.path() / "huge.json", std::ios::binary);
    huge.seekp((64 << 20) + 1);
    huge << '}';
  }
  auto big = repo.Run("--baseline huge.json");
  CHECK(big.exit_code == 2);
  CHECK(Has(big.err, "over the limit"));

  repo.Write("bad.json", "{\"version\": 1,\n  \"findings\": [x]}\n");
  auto bad = repo.Run("--baseline bad.json");
  INFO(bad.err);
  CHECK(bad.exit_code == 2);
  CHECK(Has(bad.err, "bad.json:2:16: error: invalid baseline JSON: "));

  auto missing = repo.Run("--baseline nope.json");
  CHECK(missing.exit_code == 2);
  CHECK(Has(missing.err,
            "nope.json: error: cannot read the baseline file: No such file or directory"));
}

TEST_CASE("item 21: --help shows the check options; --fail-on error|warning|info|never",
          "[e2e][silent]") {
  TempDir dir;
  auto help = RunTool("--help", dir.path());
  CHECK(help.exit_code == 0);
  for (const char* option : {"--since", "--against", "--staged", "--format", "--fail-on",
                             "--report", "--baseline", "install-hook"}) {
    INFO(option);
    CHECK(Has(help.out, option));
  }

  // Only a warning: an unstable package's deleted field (ignore_unstable_packages).
  Repo repo;
  repo.Write("orders.proto", testing::Replace(kOrders, "acme.orders.v1", "acme.orders.v1alpha1"));
  repo.Write("contract-lint.yaml", "version: 1\nbreaking:\n  ignore_unstable_packages: true\n");
  repo.Commit();
  BreakOrders(repo);
  auto warned = repo.Run("--format json");
  INFO(warned.out << warned.err);
  CHECK(Has(warned.out, "\"severity\": \"warning\""));
  CHECK(warned.exit_code == 0);
  CHECK(repo.Run("--fail-on error").exit_code == 0);
  CHECK(repo.Run("--fail-on breaking").exit_code == 0);
  CHECK(repo.Run("--fail-on warning").exit_code == 1);
  CHECK(repo.Run("--fail-on info").exit_code == 1);
  CHECK(repo.Run("--fail-on never").exit_code == 0);

  // Only an info: VERSION_NEXT for a compatible change of a versioned schema.
  Repo schemas;
  schemas.Write("order.schema.json",
                testing::Replace(kOrderSchema, "\"type\": \"object\",",
                                 "\"type\": \"object\",\n  \"version\": \"1.0.0\","));
  schemas.Commit();
  schemas.Edit("order.schema.json", "\"version\": \"1.0.0\",",
               "\"version\": \"1.0.0\",\n  \"description\": \"An order.\",");
  auto informed = schemas.Run("--format json");
  INFO(informed.out << informed.err);
  CHECK(Has(informed.out, "\"severity\": \"info\""));
  CHECK_FALSE(Has(informed.out, "\"severity\": \"warning\""));
  CHECK(informed.exit_code == 0);
  CHECK(schemas.Run("--fail-on warning").exit_code == 0);
  CHECK(schemas.Run("--fail-on info").exit_code == 1);

  auto wrong = repo.Run("--fail-on sometimes");
  CHECK(wrong.exit_code == 2);
  CHECK(Has(wrong.err, "--fail-on"));
}

}  // namespace
}  // namespace contract_lint
