// The hostile-input catalog: every case ends with exit 2 and a message that
// names the file and position (or with a documented finding), within a time
// bound, never with a crash or a hang. Each run is bounded by `timeout`.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Git;
using testing::TempDir;
using testing::WriteFile;

constexpr int kTimeoutExit = 124;  // what timeout(1) returns when the bound is hit

testing::CommandResult Bounded(const std::string& args, const std::filesystem::path& dir, int seconds = 60) {
  return testing::Run("timeout " + std::to_string(seconds) + " " +
                          testing::ShellQuote(testing::BinaryPath().string()) + " " + args,
                      dir);
}

// Two directories, previous/ and current/, with the same files except `name`.
struct Sides {
  TempDir dir;
  void Write(const std::string& side, const std::string& name, const std::string& content) {
    WriteFile(dir.path(), side + "/" + name, content);
  }
  testing::CommandResult Check(const std::string& extra = "") {
    std::filesystem::create_directories(dir.path() / "previous");
    std::filesystem::create_directories(dir.path() / "current");
    return Bounded("current --against previous --color never " + extra, dir.path());
  }
};

const char* kGood = "syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = 1;\n}\n";

TEST_CASE("syntax errors in every construct exit 2 with path:line:col", "[hostile]") {
  struct Case {
    const char* text;
    const char* location;
  };
  const Case cases[] = {
      {"syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = ;\n}\n", "a.proto:4:13: error: "},
      {"syntax = \"proto3\";\npackage p;\nenum E {\n  E_A 0;\n}\n", "a.proto:4:7: error: "},
      {"syntax = \"proto3\";\npackage p;\nmessage M {}\nservice S {\n  rpc Get(M) (M);\n}\n",
       "a.proto:5:14: error: "},
      {"syntax = \"proto3\";\npackage p;\noption java_package = ;\n", "a.proto:3:23: error: "},
      {"syntax = \"proto3\";\npackage p;\nimport \"missing.proto\";\n", "a.proto:3:1: error: "},
      {"syntax = \"proto4\";\n", "a.proto:1:10: error: "},
      {"syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = 1;\n", "a.proto:5:1: error: "},
  };
  for (const auto& c : cases) {
    Sides sides;
    sides.Write("previous", "a.proto", kGood);
    sides.Write("current", "a.proto", c.text);
    auto result = sides.Check();
    INFO(c.text << "\n--- stderr:\n" << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(c.location) != std::string::npos);
  }
}

TEST_CASE("an editions file gets a clear error naming it", "[hostile]") {
  Sides sides;
  sides.Write("previous", "a.proto", kGood);
  sides.Write("current", "a.proto", "edition = \"2023\";\npackage p;\nmessage M {\n  int32 x = 1;\n}\n");
  auto result = sides.Check();
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("a.proto:1:") != std::string::npos);
  CHECK(result.err.find("edition") != std::string::npos);
}

TEST_CASE("invalid UTF-8 and NUL bytes in a .proto are input errors, not crashes", "[hostile]") {
  for (std::string bad : {std::string("syntax = \"proto3\";\npackage p;\nmessage M {\n  string x = 1 [json_name = \"\xff\xfe\"];\n}\n"),
                          std::string("syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x\0 = 1;\n}\n", 52)}) {
    Sides sides;
    sides.Write("previous", "a.proto", kGood);
    sides.Write("current", "a.proto", bad);
    auto result = sides.Check();
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("a.proto:4:") != std::string::npos);
  }
}

TEST_CASE("a 100,000-deep JSON nesting exits 2 with the position", "[hostile]") {
  Sides sides;
  sides.Write("previous", "a.schema.json", "{\"type\": \"object\"}");
  std::string deep = "{\"type\": \"object\", \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  sides.Write("current", "a.schema.json", deep);
  auto result = sides.Check();
  INFO(result.err.substr(0, 500));
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("a.schema.json:1:") != std::string::npos);
}

TEST_CASE("a 50 MB contract is refused under the default limit, accepted when raised", "[hostile]") {
  Sides sides;
  sides.Write("previous", "big.proto", kGood);
  std::string big = kGood;
  big += "// " + std::string(50u << 20, 'x') + "\n";
  sides.Write("current", "big.proto", big);
  auto refused = sides.Check();
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("big.proto: the file is 52428") != std::string::npos);
  CHECK(refused.err.find("limits.max_file_bytes") != std::string::npos);

  WriteFile(sides.dir.path(), "limits.yaml", "version: 1\nlimits:\n  max_file_bytes: 100000000\n");
  auto accepted = sides.Check("--config limits.yaml");
  INFO(accepted.err);
  CHECK(accepted.exit_code == 0);
}

TEST_CASE("$ref cycles of length 1, 2 and 3 terminate", "[hostile]") {
  Sides sides;
  const char* one = R"({"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"})";
  const char* two = R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"})";
  const char* cross = R"({"$ref": "y.schema.json"})";
  const char* cross_y = R"({"$ref": "z.schema.json"})";
  const char* cross_z = R"({"$ref": "x.schema.json"})";
  for (const char* side : {"previous", "current"}) {
    sides.Write(side, "one.schema.json", one);
    sides.Write(side, "two.schema.json", two);
    sides.Write(side, "x.schema.json", cross);
    sides.Write(side, "y.schema.json", cross_y);
    sides.Write(side, "z.schema.json", cross_z);
  }
  sides.Write("current", "one.schema.json", R"({"$defs": {"a": {"$ref": "#/$defs/a", "title": "t"}}, "$ref": "#/$defs/a"})");
  sides.Write("current", "x.schema.json", R"({"$ref": "y.schema.json", "title": "changed"})");
  auto result = sides.Check();
  INFO(result.out << result.err);
  CHECK(result.exit_code != kTimeoutExit);
  CHECK((result.exit_code == 0 || result.exit_code == 1 || result.exit_code == 2));
  CHECK(result.err.find("internal error") == std::string::npos);
}

TEST_CASE("$refs out of the tree are refused and remote ones are never fetched", "[hostile]") {
  for (std::string ref : {"../../etc/passwd", "/etc/passwd"}) {
    Sides sides;
    sides.Write("previous", "a.schema.json", "{\"type\": \"object\"}");
    sides.Write("current", "a.schema.json", "{\"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"" + ref + "\"}}}");
    auto result = sides.Check();
    INFO(ref << "\n" << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("a.schema.json") != std::string::npos);
    CHECK(result.err.find("root:") == std::string::npos);  // nothing of /etc/passwd is shown
  }
  Sides remote;
  remote.Write("previous", "a.schema.json", "{\"type\": \"object\"}");
  remote.Write("current", "a.schema.json",
               R"({"type": "object", "properties": {"x": {"$ref": "http://example.invalid/x.json"}}})");
  auto result = remote.Check("--format json");
  INFO(result.out << result.err);
  CHECK(result.exit_code != 2);
  CHECK(result.out.find("REF_UNRESOLVED_REMOTE") != std::string::npos);
}

TEST_CASE("symlinks that leave the tree are never read", "[hostile]") {
  TempDir repo;
  Git("init -q", repo.path());
  WriteFile(repo.path(), "a.proto", kGood);
  Git("add -A", repo.path());
  Git("commit -qm base", repo.path());
  TempDir outside;
  WriteFile(outside.path(), "secret.proto", "syntax = \"proto3\";\npackage secret;\nmessage Secret {}\n");
  std::filesystem::create_symlink(outside.path() / "secret.proto", repo.path() / "link.proto");
  // As a working-tree symlink, and as a committed git symlink blob.
  for (bool committed : {false, true}) {
    if (committed) {
      Git("add link.proto", repo.path());
      Git("commit -qm link", repo.path());
    }
    auto result = Bounded("--against HEAD~0 --format json", repo.path());
    INFO(result.out << result.err);
    CHECK(result.exit_code != kTimeoutExit);
    CHECK(result.out.find("Secret") == std::string::npos);
    CHECK(result.err.find("Secret") == std::string::npos);
  }
}

TEST_CASE("an unreadable config exits 2 naming it", "[hostile]") {
  TempDir repo;
  Git("init -q", repo.path());
  WriteFile(repo.path(), "a.proto", kGood);
  Git("add -A", repo.path());
  Git("commit -qm base", repo.path());
  std::filesystem::create_directories(repo.path() / "cfg.yaml");  // a directory: unreadable as a file
  auto result = Bounded("--config cfg.yaml", repo.path());
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("cfg.yaml") != std::string::npos);
}

TEST_CASE("a YAML alias bomb exits 2 quickly", "[hostile]") {
  TempDir repo;
  Git("init -q", repo.path());
  std::string bomb = "version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char name = 'b'; name <= 'k'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = std::string(1, name);
  }
  WriteFile(repo.path(), "contract-lint.yaml", bomb);
  WriteFile(repo.path(), "a.proto", kGood);
  Git("add -A", repo.path());
  Git("commit -qm base", repo.path());
  auto result = Bounded("--against HEAD", repo.path(), 30);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("contract-lint.yaml:") != std::string::npos);
  CHECK(result.err.find("nodes") != std::string::npos);
}

TEST_CASE("100,000 tiny files are listed and compared within the bound", "[hostile]") {
  Sides sides;
  for (const char* side : {"previous", "current"}) {
    auto dir = sides.dir.path() / side / "many";
    std::filesystem::create_directories(dir);
    for (int i = 0; i < 100000; ++i) {
      std::ofstream(dir / ("f" + std::to_string(i) + ".txt")) << i;
    }
  }
  sides.Write("previous", "a.proto", kGood);
  sides.Write("current", "a.proto", kGood);
  auto result = sides.Check();
  INFO(result.err);
  CHECK(result.exit_code == 0);

  WriteFile(sides.dir.path(), "small.yaml", "version: 1\nlimits:\n  max_files: 1000\n");
  auto limited = sides.Check("--config small.yaml");
  CHECK(limited.exit_code == 2);
  CHECK(limited.err.find("over the limit of 1000") != std::string::npos);
}

}  // namespace
}  // namespace contract_lint
