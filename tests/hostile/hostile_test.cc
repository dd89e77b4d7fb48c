// The hostile-input catalog (SPEC, Guarantees): every case ends with exit 2
// and a message naming the file and position (or with a documented finding),
// within a time bound, never with a crash, a hang or a silent pass. Each run
// is bounded by timeout(1), and each case asserts the exact exit code and the
// exact standard error.
#include <google/protobuf/stubs/common.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

using testing::Git;
using testing::TempDir;
using testing::WriteFile;

testing::CommandResult Bounded(const std::string& args, const fs::path& dir, int seconds = 60) {
  return testing::Run("timeout " + std::to_string(seconds) + " " +
                          testing::ShellQuote(testing::BinaryPath().string()) + " " + args,
                      dir);
}

// Two directories, previous/ and current/.
struct Sides {
  TempDir dir;
  void Write(const std::string& side, const std::string& name, const std::string& content) {
    WriteFile(dir.path(), side + "/" + name, content);
  }
  testing::CommandResult Check(const std::string& extra = "", int seconds = 60) {
    fs::create_directories(dir.path() / "previous");
    fs::create_directories(dir.path() / "current");
    return Bounded("current --against previous --color never " + extra, dir.path(), seconds);
  }
};

#define CHECK_RUN(result, code, stderr_text)         \
  do {                                               \
    INFO("stdout:\n" << (result).out);               \
    CHECK((result).err == std::string(stderr_text)); \
    CHECK((result).exit_code == (code));             \
  } while (false)

const char* kGood = "syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = 1;\n}\n";

// One changed .proto in current/ against kGood in previous/.
testing::CommandResult CheckProtoText(const std::string& text) {
  Sides sides;
  sides.Write("previous", "a.proto", kGood);
  sides.Write("current", "a.proto", text);
  return sides.Check();
}

// One changed schema in current/ against {"type": "object"} in previous/.
testing::CommandResult CheckSchemaText(const std::string& text, const std::string& extra = "") {
  Sides sides;
  sides.Write("previous", "a.schema.json", "{\"type\": \"object\"}");
  sides.Write("current", "a.schema.json", text);
  return sides.Check(extra);
}

TEST_CASE("syntax errors in every construct exit 2 with path:line:col", "[hostile]") {
  struct Case {
    const char* text;
    const char* err;
  };
  const Case cases[] = {
      {"syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = ;\n}\n",
       "a.proto:4:13: error: Expected field number.\n"},
      {"syntax = \"proto3\";\npackage p;\nenum E {\n  E_A 0;\n}\n",
       "a.proto:4:7: error: Missing numeric value for enum constant.\n"},
      {"syntax = \"proto3\";\npackage p;\nmessage M {}\nservice S {\n  rpc Get(M) (M);\n}\n",
       "a.proto:5:14: error: Expected \"returns\".\n"},
      {"syntax = \"proto3\";\npackage p;\noption java_package = ;\n",
       "a.proto:3:23: error: Expected option value.\n"},
      {"syntax = \"proto3\";\npackage p;\nimport \"missing.proto\";\n",
       "a.proto:3:1: error: import \"missing.proto\" not found in roots [.]; add its directory "
       "to proto.roots or vendor it\n"},
      {"syntax = \"proto4\";\n",
       "a.proto:1:10: error: Unrecognized syntax identifier \"proto4\".  This parser only "
       "recognizes "
       "\"proto2\" and \"proto3\".\n"},
      {"syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = 1;\n",
       "a.proto:5:1: error: Reached end of input in message definition (missing '}').\n"},
      {"syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = 1;\n  int32 y = 1;\n}\n",
       "a.proto:5:13: error: Field number 1 has already been used in \"p.M\" by field \"x\".\n"},
      {"syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = 536870912;\n}\n",
       "a.proto:4:13: error: Field numbers cannot be greater than 536870911.\n"
       "a.proto:4:13: error: Suggested field numbers for p.M: 1\n"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_RUN(CheckProtoText(c.text), 2, c.err);
  }
}

TEST_CASE("an import cycle exits 2 naming the cycle", "[hostile]") {
  Sides sides;
  sides.Write("previous", "a.proto", kGood);
  sides.Write(
      "current", "a.proto",
      "syntax = \"proto3\";\npackage p;\nimport \"b.proto\";\nmessage M {\n  int32 x = 1;\n}\n");
  sides.Write("current", "b.proto", "syntax = \"proto3\";\npackage p;\nimport \"a.proto\";\n");
  CHECK_RUN(sides.Check(), 2,
            "a.proto:3:1: error: File recursively imports itself: a.proto -> b.proto -> a.proto\n"
            "a.proto:3:1: error: Import \"b.proto\" was not found or had errors.\n"
            "b.proto:3:1: error: File recursively imports itself: b.proto -> a.proto -> b.proto\n"
            "b.proto:3:1: error: Import \"a.proto\" was not found or had errors.\n");
}

TEST_CASE("an editions file gets a clear error naming it", "[hostile]") {
  auto result = CheckProtoText("edition = \"2023\";\npackage p;\nmessage M {\n  int32 x = 1;\n}\n");
  CHECK_RUN(result, 2,
            "a.proto:1:1: error: editions need libprotobuf >= 27: this build uses libprotobuf " +
                google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION) +
                " and cannot read \"a.proto\" (edition \"2023\")\n");
}

TEST_CASE("invalid UTF-8 and NUL bytes in a .proto are input errors, not crashes", "[hostile]") {
  CHECK_RUN(CheckProtoText("syntax = \"proto3\";\npackage p;\nmessage M {\n  string x = 1 "
                           "[json_name = \"\xff\xfe\"];\n}\n"),
            2, "a.proto:4:30: error: invalid UTF-8 (byte 0xff); .proto files must be UTF-8\n");
  CHECK_RUN(CheckProtoText(std::string(
                "syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x\0 = 1;\n}\n", 60)),
            2, "a.proto:4:10: error: Invalid control characters encountered in text.\n");
}

TEST_CASE("deeply nested .proto files exit 2 at the brace that is too deep", "[hostile]") {
  // 10,000 nested messages.
  std::string messages = "syntax = \"proto3\";\npackage p;\n";
  for (int i = 0; i < 10000; ++i) messages += "message M" + std::to_string(i) + " {\n";
  for (int i = 0; i < 10000; ++i) messages += "}\n";
  CHECK_RUN(CheckProtoText(messages), 2,
            "a.proto:103:14: error: braces nest deeper than 100 levels (messages, option values); "
            "flatten the definition\n");
  // A 100,000-deep aggregate option value: libprotobuf's text-format parser
  // recursed once per level and overflowed the stack (found by hand).
  std::string option =
      "syntax = \"proto2\";\npackage p;\nimport \"google/protobuf/descriptor.proto\";\n"
      "message O { optional O a = 1; }\nextend google.protobuf.FileOptions { optional O o = 50000; "
      "}\n"
      "option (o) = ";
  for (int i = 0; i < 100000; ++i) option += "{a: ";
  for (int i = 0; i < 100000; ++i) option += "}";
  option += ";\n";
  CHECK_RUN(CheckProtoText(option), 2,
            "a.proto:6:414: error: braces nest deeper than 100 levels (messages, option values); "
            "flatten the definition\n");
  // Braces in strings and comments do not count; 100 levels are fine.
  std::string fine =
      "syntax = \"proto3\";\npackage p;\n// {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n"
      "/* <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<< */\n";
  for (int i = 0; i < 30; ++i) fine += "message N" + std::to_string(i) + " {\n";
  for (int i = 0; i < 30; ++i) fine += "}\n";
  fine +=
      "message M {\n  int32 x = 1 [json_name = "
      "\"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
      "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\"];\n}\n";
  Sides same;
  same.Write("previous", "a.proto", fine);
  same.Write("current", "a.proto", fine);
  CHECK_RUN(same.Check(), 0, "");
}

TEST_CASE("a 100,000-deep JSON nesting exits 2 with the position", "[hostile]") {
  std::string deep =
      "{\"type\": \"object\", \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK_RUN(CheckSchemaText(deep), 2,
            "a.schema.json:1:536: error: invalid JSON: nesting deeper than 512 levels\n");
}

TEST_CASE("JSON numbers out of range, invalid UTF-8 and truncation exit 2 with the position",
          "[hostile]") {
  // 1e400 made nlohmann throw out_of_range, not parse_error: an "internal
  // error" in the CLI and an abort in the fuzz target (found by fuzz_jsonschema_loader).
  CHECK_RUN(CheckSchemaText("{\"type\": \"object\",\n \"maximum\": 1e400}"), 2,
            "a.schema.json:2:13: error: invalid JSON: the number 1e400 is out of range\n");
  CHECK_RUN(
      CheckSchemaText(
          "{\"type\": \"object\",\n  \"properties\": {\n    \"qty\": 222222222222222e222222222}}"),
      2,
      "a.schema.json:3:12: error: invalid JSON: the number 222222222222222e222222222 is out of "
      "range\n");
  CHECK_RUN(CheckSchemaText("{\"type\": \"object\",\n"), 2,
            "a.schema.json:2:1: error: invalid JSON: syntax error while parsing object key - "
            "unexpected end of "
            "input; expected string literal\n");
  CHECK_RUN(CheckSchemaText(""), 2,
            "a.schema.json:1:1: error: invalid JSON: syntax error while parsing value - unexpected "
            "end of input; "
            "expected '[', '{', or a literal\n");
}

TEST_CASE("a 50 MB contract is refused under the default limit, accepted when raised",
          "[hostile]") {
  Sides sides;
  sides.Write("previous", "big.proto", kGood);
  std::string big = kGood;
  big += "// " + std::string(50u << 20, 'x') + "\n";
  sides.Write("current", "big.proto", big);
  CHECK_RUN(sides.Check(), 2,
            "big.proto: error: the file is 52428863 bytes, over the limit of 16777216 "
            "bytes (raise "
            "limits.max_file_bytes in contract-lint.yaml if it is really a contract)\n");

  WriteFile(sides.dir.path(), "limits.yaml", "version: 1\nlimits:\n  max_file_bytes: 100000000\n");
  CHECK_RUN(sides.Check("--config limits.yaml", 300), 0, "");
}

TEST_CASE("$ref cycles of length 1, 2 and 3 terminate with the cycle named", "[hostile]") {
  Sides sides;
  const char* one = R"({"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"})";
  const char* two =
      R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"})";
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
  sides.Write("current", "one.schema.json",
              R"({"$defs": {"a": {"$ref": "#/$defs/a", "title": "t"}}, "$ref": "#/$defs/a"})");
  sides.Write("current", "x.schema.json", R"({"$ref": "y.schema.json", "title": "changed"})");
  // two.schema.json is unchanged and nothing changed reaches it: not parsed
  // (cost follows the change); --full parses every contract and reports it.
  CHECK_RUN(sides.Check(), 2,
            "one.schema.json:1:26: error: $ref \"#/$defs/a\" at \"#/$defs/a\" is part of a cycle "
            "of $refs that never reaches a schema\n"
            "one.schema.json:1:63: error: $ref \"#/$defs/a\" at \"#\" is part of a cycle of $refs "
            "that never reaches a schema\n"
            "x.schema.json:1:10: error: $ref \"y.schema.json\" at \"#\" is part of a cycle of "
            "$refs that never reaches a schema\n"
            "y.schema.json:1:10: error: $ref \"z.schema.json\" at \"#\" is part of a cycle of "
            "$refs that never reaches a schema\n"
            "z.schema.json:1:10: error: $ref \"x.schema.json\" at \"#\" is part of a cycle of "
            "$refs that never reaches a schema\n");
  CHECK_RUN(sides.Check("--full"), 2,
            "one.schema.json:1:26: error: $ref \"#/$defs/a\" at \"#/$defs/a\" is part of a cycle "
            "of $refs that never reaches a schema\n"
            "one.schema.json:1:63: error: $ref \"#/$defs/a\" at \"#\" is part of a cycle of $refs "
            "that never reaches a schema\n"
            "two.schema.json:1:26: error: $ref \"#/$defs/b\" at \"#/$defs/a\" is part of a cycle "
            "of $refs that never reaches a schema\n"
            "two.schema.json:1:54: error: $ref \"#/$defs/a\" at \"#/$defs/b\" is part of a cycle "
            "of $refs that never reaches a schema\n"
            "two.schema.json:1:77: error: $ref \"#/$defs/a\" at \"#\" is part of a cycle of $refs "
            "that never reaches a schema\n"
            "x.schema.json:1:10: error: $ref \"y.schema.json\" at \"#\" is part of a cycle of "
            "$refs that never reaches a schema\n"
            "y.schema.json:1:10: error: $ref \"z.schema.json\" at \"#\" is part of a cycle of "
            "$refs that never reaches a schema\n"
            "z.schema.json:1:10: error: $ref \"x.schema.json\" at \"#\" is part of a cycle of "
            "$refs that never reaches a schema\n");
}

TEST_CASE("a chain of bare $refs longer than the limit is an error, not a silent pass",
          "[hostile]") {
  auto chain = [](int length) {
    std::string defs;
    for (int i = 0; i < length; ++i) {
      defs += "\"d" + std::to_string(i) + "\": {\"$ref\": \"#/$defs/d" + std::to_string(i + 1) +
              "\"}, ";
    }
    return "{\"$defs\": {" + defs + "\"d" + std::to_string(length) +
           "\": {\"type\": \"string\"}}, \"$ref\": \"#/$defs/d0\"}";
  };
  // Within the limit the chain is followed: object -> string is found. (Up
  // to 63 hops, chains of more than 32 compared as nothing changed.)
  auto followed = CheckSchemaText(chain(60));
  CHECK_RUN(followed, 1, "");
  CHECK(followed.out.find("TYPE_NO_CHANGE") != std::string::npos);
  // 65 hops from the root: only the root's $ref starts a chain that long.
  std::string long_chain = chain(65);
  CHECK_RUN(CheckSchemaText(long_chain), 2,
            "a.schema.json:1:" + std::to_string(long_chain.rfind("\"$ref\"") + 9) +
                ": error: $ref \"#/$defs/d0\" at \"#\" starts a chain of more than 64 $refs that "
                "each stand "
                "for the next; point it closer to the schema\n");
}

TEST_CASE("$refs out of the tree are refused and remote ones are never fetched", "[hostile]") {
  CHECK_RUN(
      CheckSchemaText(R"({"type": "object", "properties": {"x": {"$ref": "../../etc/passwd"}}})"),
      2,
      "a.schema.json:1:49: error: $ref \"../../etc/passwd\" at \"#/properties/x\" leaves the "
      "repository\n");
  CHECK_RUN(CheckSchemaText(R"({"type": "object", "properties": {"x": {"$ref": "/etc/passwd"}}})"),
            2,
            "a.schema.json:1:49: error: $ref \"/etc/passwd\" at \"#/properties/x\" is an absolute "
            "path, which "
            "leaves the repository\n");
  CHECK_RUN(CheckSchemaText(R"({"type": "object", "properties": {"x": {"$ref": "#/$defs/nope"}}})"),
            2,
            "a.schema.json:1:49: error: $ref \"#/$defs/nope\" at \"#/properties/x\" points at "
            "\"#/$defs/nope\", "
            "which does not exist in a.schema.json\n");
  CHECK_RUN(CheckSchemaText(R"({"$ref": "#foo"})"), 2,
            "a.schema.json:1:10: error: $ref \"#foo\" at \"#\" names an anchor \"foo\" that "
            "a.schema.json does not "
            "define\n");
  auto remote = CheckSchemaText(
      R"({"type": "object", "properties": {"x": {"$ref": "http://example.invalid/x.json"}}})",
      "--format json");
  CHECK_RUN(remote, 0, "");
  CHECK(remote.out.find("\"rule\": \"REF_UNRESOLVED_REMOTE\"") != std::string::npos);
}

TEST_CASE("symlinks that leave the tree are never read", "[hostile]") {
  TempDir repo;
  Git("init -q", repo.path());
  WriteFile(repo.path(), "a.proto", kGood);
  Git("add -A", repo.path());
  Git("commit -qm base", repo.path());
  TempDir outside;
  WriteFile(outside.path(), "secret.proto",
            "syntax = \"proto3\";\npackage secret;\nmessage Secret {}\n");
  fs::create_symlink(outside.path() / "secret.proto", repo.path() / "link.proto");
  // As a working-tree symlink, and as a committed git symlink blob.
  for (bool committed : {false, true}) {
    if (committed) {
      Git("add link.proto", repo.path());
      Git("commit -qm link", repo.path());
    }
    auto result = Bounded("--against HEAD~0 --format json", repo.path());
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Secret") == std::string::npos);
    CHECK(result.err.find("Secret") == std::string::npos);
  }
}

TEST_CASE("config errors exit 2 naming the file, the position or key, and the fix", "[hostile]") {
  struct Case {
    std::string text;
    std::string err;
  };
  const Case cases[] = {
      {"version: 1\nproto:\n  roots: [proto\n",
       "c.yaml:4:1: error: invalid YAML: end of sequence flow not found\n"},
      {"version: 1\n\tproto: x\n",
       "c.yaml:2:1: error: invalid YAML: illegal tab when looking for indentation\n"},
      {"version: 1\nproto:\n  rots: [proto]\n",
       "c.yaml:3:3: error: proto.rots: unknown key \"rots\"; did you mean \"roots\"?\n"},
      {"version: 1\nbreaking:\n  use: [FIELD_NO_DELET]\n",
       "c.yaml:3:9: error: breaking.use[0]: unknown rule or category \"FIELD_NO_DELET\"; did you "
       "mean "
       "\"FIELD_NO_DELETE\"?\n"},
      {"version: 1\nproto: " + std::string(100000, '[') + std::string(100000, ']') + "\n",
       "c.yaml:2:200008: error: invalid YAML: nesting deeper than 499 levels\n"},
      {std::string("version: 1\0\n", 12), "c.yaml: error: the configuration contains a NUL byte\n"},
      // valijson read past its UTF-8 tables on such bytes (found by fuzz_config).
      {"version: 1\nproto: {roots: [\"\xff\"]}\n",
       "c.yaml:2:18: error: invalid UTF-8 (byte 0xff); the configuration must be UTF-8\n"},
  };
  for (const auto& c : cases) {
    Sides sides;
    sides.Write("previous", "a.proto", kGood);
    sides.Write("current", "a.proto", kGood);
    WriteFile(sides.dir.path(), "c.yaml", c.text);
    INFO(c.text.substr(0, 200));
    CHECK_RUN(sides.Check("--config c.yaml"), 2, c.err);
  }
}

TEST_CASE("a buf.yaml with values of the wrong type exits 2 naming it", "[hostile]") {
  // An uncaught type_error in the CLI and an abort in fuzz_config (found on its seed corpus).
  struct Case {
    const char* text;
    const char* detail;
  };
  const Case cases[] = {
      {"version: 1\nbreaking:\n  use: [CSR]\n", "type must be string, but is number"},
      {"version: v2\nmodules: [proto]\n", "cannot use value() with string"},
  };
  for (const auto& c : cases) {
    Sides sides;
    sides.Write("previous", "a.proto", kGood);
    sides.Write("current", "a.proto", kGood);
    sides.Write("current", "buf.yaml", c.text);
    INFO(c.text);
    CHECK_RUN(
        sides.Check(), 2,
        std::string("buf.yaml: error: a value has the wrong type (") + c.detail +
            "); expected buf's layout: version: v1, build.roots: [...], modules: [{path: ...}], "
            "breaking.use: [...]\n");
  }
}

TEST_CASE("an unreadable config exits 2 naming it", "[hostile]") {
  TempDir repo;
  Git("init -q", repo.path());
  WriteFile(repo.path(), "a.proto", kGood);
  Git("add -A", repo.path());
  Git("commit -qm base", repo.path());
  fs::create_directories(repo.path() / "cfg.yaml");  // a directory: unreadable as a file
  CHECK_RUN(Bounded("--config cfg.yaml", repo.path()), 2,
            "cfg.yaml: error: cannot read the configuration file\n");
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
  CHECK_RUN(Bounded("--against HEAD", repo.path(), 30), 2,
            "contract-lint.yaml:2:29: error: the document expands to more than 200000 nodes "
            "(aliases?)\n");
}

// A repository with two commits of a.proto, for breaking its object store.
struct DamagedRepository {
  TempDir repo;
  std::string first_commit, first_blob;
  DamagedRepository() {
    Git("init -q", repo.path());
    WriteFile(repo.path(), "a.proto", kGood);
    Git("add -A", repo.path());
    Git("commit -qm base", repo.path());
    first_commit = Git("rev-parse HEAD", repo.path()).substr(0, 40);
    first_blob = Git("rev-parse HEAD:a.proto", repo.path()).substr(0, 40);
    WriteFile(repo.path(), "a.proto", std::string(kGood) + "message N {}\n");
    Git("commit -qam two", repo.path());
  }
  fs::path Object(const std::string& id) const {
    return repo.path() / ".git" / "objects" / id.substr(0, 2) / id.substr(2);
  }
  // Replaces a loose object's bytes (git writes them read-only).
  void Overwrite(const std::string& id, const std::string& bytes) const {
    fs::permissions(Object(id), fs::perms::owner_write, fs::perm_options::add);
    std::ofstream(Object(id), std::ios::binary | std::ios::trunc) << bytes;
  }
};

TEST_CASE("a corrupt or partial git object store exits 2, never hangs", "[hostile][git]") {
  SECTION("a missing blob names the fetch that brings it back") {
    DamagedRepository damaged;
    fs::remove(damaged.Object(damaged.first_blob));
    CHECK_RUN(Bounded("--against HEAD~1 --color never", damaged.repo.path()), 2,
              "a.proto: error: git object " + damaged.first_blob +
                  " is missing from the object store (shallow or partial clone?); run 'git fetch "
                  "--unshallow' or "
                  "'git fetch' to download it\n");
  }
  SECTION("a blob that is not zlib data") {
    DamagedRepository damaged;
    damaged.Overwrite(damaged.first_blob, "garbage");
    CHECK_RUN(Bounded("--against HEAD~1 --color never", damaged.repo.path()), 2,
              "a.proto: error: cannot read git object " + damaged.first_blob + ": loose object " +
                  damaged.first_blob +
                  " is not a valid zlib stream; the object store may be corrupt (check with "
                  "'git fsck')\n");
  }
  SECTION("a truncated commit: libgit2 looped forever inflating it (found by hand)") {
    DamagedRepository damaged;
    std::string bytes = testing::ReadFile(damaged.Object(damaged.first_commit));
    damaged.Overwrite(damaged.first_commit, bytes.substr(0, 10));
    const std::string& id = damaged.first_commit;
    CHECK_RUN(Bounded("--against HEAD~1 --color never", damaged.repo.path(), 30), 2,
              "error: cannot read revision 'HEAD~1': loose object " + id +
                  " is truncated; the object store may be corrupt (check with 'git fsck')\n");
    CHECK_RUN(Bounded("--head HEAD --color never", damaged.repo.path(), 30), 2,
              "error: cannot read commit " + id + ": loose object " + id +
                  " is truncated; the object store may be corrupt (check with 'git fsck')\n");
  }
  SECTION("a truncated blob") {
    DamagedRepository damaged;
    std::string bytes = testing::ReadFile(damaged.Object(damaged.first_blob));
    damaged.Overwrite(damaged.first_blob, bytes.substr(0, bytes.size() / 2));
    CHECK_RUN(Bounded("--against HEAD~1 --color never", damaged.repo.path(), 30), 2,
              "a.proto: error: cannot read git object " + damaged.first_blob + ": loose object " +
                  damaged.first_blob +
                  " is truncated; the object store may be corrupt (check with 'git fsck')\n");
  }
  SECTION("a corrupt index") {
    DamagedRepository damaged;
    WriteFile(damaged.repo.path(), ".git/index", "DIRCgarbage");
    std::string index = (damaged.repo.path() / ".git" / "index").string();
    CHECK_RUN(Bounded("--staged --color never", damaged.repo.path()), 2,
              "error: cannot read the git index " + index +
                  ": it is damaged or not a git index (failed to read index: '" + index +
                  "' no longer exists); check it with 'git status'\n");
  }
}

// Many tiny files on both sides: listed and compared within the time bound,
// and limits.max_files refuses them with the count. The default suite lists
// 5,000 per side; the 100,000-file case is disk bound (one to several minutes
// on a shared 2-core machine) and carries the [slow] label: `ctest -L slow`.
void CheckManyTinyFiles(int count) {
  Sides sides;
  for (const char* side : {"previous", "current"}) {
    auto dir = sides.dir.path() / side / "many";
    fs::create_directories(dir);
    for (int i = 0; i < count; ++i) {
      std::ofstream(dir / ("f" + std::to_string(i) + ".txt")) << i;
    }
  }
  sides.Write("previous", "a.proto", kGood);
  sides.Write("current", "a.proto", kGood);
  CHECK_RUN(sides.Check("", 300), 0, "");

  WriteFile(sides.dir.path(), "small.yaml", "version: 1\nlimits:\n  max_files: 1000\n");
  CHECK_RUN(sides.Check("--config small.yaml", 300), 2,
            "error: directory previous/ lists " + std::to_string(count + 1) +
                " files, over the limit of 1000 (limits.max_files in small.yaml)\n");
}

TEST_CASE("5,000 tiny files are listed and compared within the bound", "[hostile]") {
  CheckManyTinyFiles(5000);
}

TEST_CASE("100,000 tiny files are listed and compared within the bound", "[hostile][slow]") {
  CheckManyTinyFiles(100000);
}

}  // namespace
}  // namespace contract_lint
