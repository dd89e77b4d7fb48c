// End-to-end: the incremental path (only what a change reaches is loaded)
// gives byte for byte the report of the full path (--full: every contract
// compiled and compared), and the thread count changes nothing (-j 1 / -j N).
// The history exercises what the incremental scope must not miss: an
// unchanged file whose import changed a type's kind, a type that starts
// shadowing another through `import public`, custom options and defaults
// that read an import's details, package-level rules, moved, added and
// deleted files, and $ref chains through a non-contract file and an $id.
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

using testing::Git;
using testing::RunTool;
using testing::TempDir;
using testing::WriteFile;

using Tree = std::map<std::string, std::string>;  // path -> content ("" = deleted)

const char* kConfig =
    "version: 1\n"
    "proto:\n  roots: [proto]\n"
    "jsonschema:\n  include: [\"schemas/**/*.schema.json\"]\n"
    "breaking:\n  use: [FILE, PACKAGE]\n";
const char* kFileOnly =
    "version: 1\n"
    "proto:\n  roots: [proto]\n"
    "jsonschema:\n  include: [\"schemas/**/*.schema.json\"]\n"
    "breaking:\n  use: [FILE]\n";

std::string Proto3(const std::string& package, const std::string& imports,
                   const std::string& body) {
  return "syntax = \"proto3\";\n\npackage " + package + ";\n\n" + imports +
         (imports.empty() ? "" : "\n") + body;
}

// A filler package: files importing each other and a lower package, so that
// most files are reached by nothing and a few by much.
void AddFiller(Tree* tree, int package, int files, const std::string& extra_field) {
  for (int i = 0; i < files; ++i) {
    std::string pkg = "fill" + std::to_string(package);
    std::string imports;
    std::string refs;
    if (i > 0) {
      imports += "import \"" + pkg + "/f" + std::to_string(i - 1) + ".proto\";\n";
      refs += "  M" + std::to_string(i - 1) + " prev = 10;\n";
    }
    if (package > 0) {
      imports +=
          "import \"fill" + std::to_string(package - 1) + "/f" + std::to_string(i) + ".proto\";\n";
      refs += "  fill" + std::to_string(package - 1) + ".M" + std::to_string(i) + " lower = 11;\n";
    }
    (*tree)["proto/" + pkg + "/f" + std::to_string(i) + ".proto"] =
        Proto3(pkg, imports,
               "message M" + std::to_string(i) + " {\n  int32 id = 1;\n  string name = 2;\n" +
                   refs + extra_field +
                   "  message Inner { int64 count = 1; }\n  Inner inner = 12;\n}\n\n"
                   "enum E" +
                   std::to_string(i) + " {\n  E" + std::to_string(i) + "_UNSPECIFIED = 0;\n}\n");
  }
}

Tree Base() {
  Tree t;
  t["contract-lint.yaml"] = kConfig;
  t["file-only.yaml"] = kFileOnly;
  t["proto/p0/a.proto"] = Proto3("p0", "",
                                 "message Foo {\n  int32 x = 1;\n  string y = 2;\n}\n\n"
                                 "enum Color {\n  COLOR_UNSPECIFIED = 0;\n  RED = 1;\n}\n");
  t["proto/p0/opts.proto"] =
      Proto3("p0", "import \"google/protobuf/descriptor.proto\";\n",
             "extend google.protobuf.FieldOptions {\n  string note = 50001;\n}\n");
  t["proto/p0/level.proto"] =
      "syntax = \"proto2\";\n\npackage p0;\n\nenum Level {\n  LOW = 0;\n  HIGH = 1;\n}\n";
  t["proto/p1/b.proto"] =
      Proto3("p1", "import \"p0/a.proto\";\n",
             "message Bar {\n  p0.Foo foo = 1;\n  p0.Color color = 2;\n  int32 n = 3;\n}\n\n"
             "message Moved {\n  int32 m = 1;\n}\n");
  t["proto/p1/c.proto"] = Proto3("p1", "import \"p0/opts.proto\";\n",
                                 "message Opt {\n  int32 v = 1 [(p0.note) = \"hi\"];\n}\n");
  t["proto/p1/pub.proto"] =
      Proto3("p1", "import public \"p0/a.proto\";\n", "message Pub {\n  int32 z = 1;\n}\n");
  t["proto/p1/e.proto"] =
      "syntax = \"proto2\";\n\npackage p1;\n\nimport \"p0/level.proto\";\n\n"
      "message Leveled {\n  optional p0.Level level = 1 [default = HIGH];\n}\n";
  // Imports after the first definition (protoc takes them anywhere at the top
  // level): the header scan reads on for them, imports only when the package
  // came first, everything when it comes later.
  t["proto/p1/late.proto"] =
      "syntax = \"proto3\";\n\npackage p1;\n\nmessage Late {\n  p0.Color color = 1;\n}\n\n"
      "// import the colors\nimport \"p0/a.proto\";\n";
  t["proto/p1/later.proto"] =
      "syntax = \"proto3\";\n\nmessage Later {\n  p0.Color color = 1;\n}\n\npackage p1;\n\n"
      "import \"p0/a.proto\";\n";
  t["proto/q/r/d.proto"] =
      Proto3("q.r", "import \"p1/pub.proto\";\nimport \"q/r/local.proto\";\n",
             "message D {\n  p0.Foo foo = 1;\n  p1.Pub pub = 2;\n  Local local = 3;\n}\n");
  t["proto/q/r/local.proto"] = Proto3("q.r", "", "message Local {\n  int32 l = 1;\n}\n");
  // An option whose value names a field, and an extension of a message
  // with extension ranges: what their importers read beyond type names.
  t["proto/p0/rules.proto"] =
      "syntax = \"proto2\";\n\npackage p0;\n\nimport \"google/protobuf/descriptor.proto\";\n\n"
      "message Rule {\n  optional string path = 1;\n}\n\n"
      "extend google.protobuf.MessageOptions {\n  optional Rule rule = 50010;\n}\n\n"
      "message Extendable {\n  optional int32 id = 1;\n  extensions 100 to 200;\n}\n";
  t["proto/p1/ruled.proto"] =
      "syntax = \"proto2\";\n\npackage p1;\n\nimport \"p0/rules.proto\";\n\n"
      "message Ruled {\n  option (p0.rule) = { path: \"/v1\" };\n  optional int32 r = 1;\n}\n\n"
      "extend p0.Extendable {\n  optional int32 more = 150;\n}\n";
  // The same option's field named in the option's name, not in an aggregate.
  t["proto/p1/pathed.proto"] =
      "syntax = \"proto2\";\n\npackage p1;\n\nimport \"p0/rules.proto\";\n\n"
      "message Pathed {\n  option (p0.rule).path = \"/v2\";\n  optional int32 p = 1;\n}\n";
  // An option whose value type comes through a non-public import of the
  // file that declares the option (as google.api.http's HttpRule does).
  t["proto/p0/route.proto"] =
      "syntax = \"proto2\";\n\npackage p0;\n\nmessage Route {\n  optional string get = 1;\n}\n";
  t["proto/p0/routing.proto"] =
      "syntax = \"proto2\";\n\npackage p0;\n\nimport \"google/protobuf/descriptor.proto\";\n"
      "import \"p0/route.proto\";\n\n"
      "extend google.protobuf.MessageOptions {\n  optional Route route = 50020;\n}\n";
  t["proto/p1/routed.proto"] =
      "syntax = \"proto2\";\n\npackage p1;\n\nimport \"p0/routing.proto\";\n\n"
      "message Routed {\n  option (p0.route) = { get: \"/v1/routed\" };\n  optional int32 r = "
      "1;\n}\n";
  t["proto/p2/old.proto"] = Proto3("p2", "", "message Old {\n  int32 o = 1;\n}\n");
  t["proto/p2/keep.proto"] = Proto3("p2", "", "message Keep {\n  int32 k = 1;\n}\n");
  // Packages whose PACKAGE_* verdicts need unchanged files: p3's y.proto
  // keeps p3 alive (a message, an enum) when x.proto loses all of its own.
  t["proto/p3/x.proto"] =
      Proto3("p3", "", "message X {\n  int32 x = 1;\n}\n\nenum EX {\n  EX_UNSPECIFIED = 0;\n}\n");
  t["proto/p3/y.proto"] =
      Proto3("p3", "", "message Y {\n  int32 y = 1;\n}\n\nenum EY {\n  EY_UNSPECIFIED = 0;\n}\n");
  t["proto/p4/only.proto"] = Proto3("p4", "", "message Only {\n  int32 o = 1;\n}\n");
  t["proto/svc/api.proto"] = Proto3("svc", "import \"p1/b.proto\";\n",
                                    "service Api {\n  rpc Get(p1.Bar) returns (p1.Bar);\n}\n");
  for (int p = 0; p < 3; ++p) AddFiller(&t, p, 4, "");

  t["schemas/common.json"] =
      R"({"$defs": {"Money": {"type": "object", "properties": {"amount": {"type": "integer"}}}}})";
  t["schemas/a/order.schema.json"] = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "total": {"$ref": "../common.json#/$defs/Money"},
    "item": {"$ref": "../b/item.schema.json#/$defs/Item"}
  }
})";
  t["schemas/b/item.schema.json"] = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "$defs": {
    "Item": {"type": "object", "properties": {"price": {"$ref": "#/$defs/Price"}}},
    "Price": {"type": "number", "maximum": 1000}
  }
})";
  t["schemas/c/byid.schema.json"] = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://example.test/c/byid.json",
  "$defs": {"Thing": {"type": "string", "maxLength": 40}}
})";
  t["schemas/d/user.schema.json"] = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {"thing": {"$ref": "https://example.test/c/byid.json#/$defs/Thing"}}
})";
  t["schemas/e/plain.schema.json"] =
      R"({"type": "object", "properties": {"p": {"type": "string"}}})";
  return t;
}

void Replace(Tree* tree, const std::string& path, const std::string& from, const std::string& to) {
  std::string& text = (*tree)[path];
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

struct Step {
  std::string name;
  std::function<void(Tree*)> edit;
};

std::vector<Step> History() {
  return {
      {"fields",
       [](Tree* t) {
         Replace(t, "proto/p0/a.proto", "  string y = 2;\n", "  int64 y = 2;\n  bool added = 3;\n");
         Replace(t, "proto/fill0/f0.proto", "  string name = 2;\n", "");
       }},
      {"kind",
       [](Tree* t) {  // Color becomes a message: b.proto's field changes kind, b.proto does not
                      // change
         Replace(t, "proto/p0/a.proto", "enum Color {\n  COLOR_UNSPECIFIED = 0;\n  RED = 1;\n}\n",
                 "message Color {\n  int32 rgb = 1;\n}\n");
       }},
      {"shadow",
       [](Tree* t) {  // q.p0.Foo, seen through import public, now wins over p0.Foo in d.proto
         (*t)["proto/q/p0/foo.proto"] =
             Proto3("q.p0", "", "message Foo {\n  int32 shadow = 1;\n}\n");
         Replace(t, "proto/p1/pub.proto", "import public \"p0/a.proto\";\n",
                 "import public \"p0/a.proto\";\nimport public \"q/p0/foo.proto\";\n");
       }},
      {"default", [](Tree* t) { Replace(t, "proto/p0/level.proto", "HIGH = 1;", "HIGH = 5;"); }},
      {"option-gone",
       [](Tree* t) {  // c.proto no longer compiles: both paths must say so
         Replace(t, "proto/p0/opts.proto", "string note = 50001;", "string remark = 50001;");
       }},
      {"option-back",
       [](Tree* t) {
         Replace(t, "proto/p0/opts.proto", "string remark = 50001;",
                 "int32 note = 50002;\n  string other = 50001;");
         Replace(t, "proto/p1/c.proto", "[(p0.note) = \"hi\"]", "[(p0.note) = 7]");
       }},
      {"shadow-added",
       [](Tree* t) {  // a new message of d.proto's own package: `p1.Pub` in d.proto now means it
         Replace(t, "proto/q/r/local.proto", "message Local",
                 "message p1 {\n  message Pub {\n    string s = 1;\n  }\n}\n\nmessage Local");
       }},
      {"shadow-gone",
       [](Tree* t) {
         Replace(t, "proto/q/r/local.proto",
                 "message p1 {\n  message Pub {\n    string s = 1;\n  }\n}\n\n", "");
       }},
      {"grown",  // fields, values and a type added: no importer reads them yet
       [](Tree* t) {
         Replace(t, "proto/p0/rules.proto", "  optional string path = 1;\n",
                 "  optional string path = 1;\n  optional string verb = 2;\n");
         Replace(t, "proto/p0/level.proto", "  LOW = 0;\n", "  LOW = 0;\n  MID = 3;\n");
         Replace(t, "proto/q/r/local.proto", "  int32 l = 1;\n",
                 "  int32 l = 1;\n  int32 m = 2;\n");
         (*t)["proto/p0/a.proto"] += "\nmessage Grown {\n  int32 g = 1;\n}\n";
       }},
      {"details-break",
       [](Tree* t) {  // ruled.proto's option value and extension no longer compile
         Replace(t, "proto/p0/rules.proto", "optional string path = 1;",
                 "optional int32 path = 1;");
         Replace(t, "proto/p0/rules.proto", "extensions 100 to 200;", "extensions 100 to 120;");
       }},
      {"details-back",
       [](Tree* t) {
         Replace(t, "proto/p0/rules.proto", "optional int32 path = 1;",
                 "optional string path = 1;");
         Replace(t, "proto/p0/rules.proto", "extensions 100 to 120;", "extensions 100 to 200;");
       }},
      {"extension-gone",
       [](Tree* t) {  // the option ruled.proto sets is removed
         Replace(t, "proto/p0/rules.proto",
                 "extend google.protobuf.MessageOptions {\n  optional Rule rule = 50010;\n}\n\n",
                 "");
       }},
      {"extension-back",
       [](Tree* t) {
         Replace(t, "proto/p0/rules.proto", "message Extendable",
                 "extend google.protobuf.MessageOptions {\n  optional Rule rule = 50010;\n}\n\n"
                 "message Extendable");
       }},
      {"indirect-option-break",
       [](Tree* t) {  // routed.proto's option value names a field that is gone
         Replace(t, "proto/p0/route.proto", "optional string get = 1;", "optional string put = 1;");
       }},
      {"indirect-option-back",
       [](Tree* t) {
         Replace(t, "proto/p0/route.proto", "optional string put = 1;", "optional string get = 1;");
       }},
      {"packages",
       [](Tree* t) {  // a message moves within its package, a file goes, one arrives
         Replace(t, "proto/p1/b.proto", "\nmessage Moved {\n  int32 m = 1;\n}\n", "");
         (*t)["proto/p1/moved.proto"] = Proto3("p1", "", "message Moved {\n  int32 m = 1;\n}\n");
         (*t)["proto/p2/old.proto"] = "";
         Replace(t, "proto/fill2/f3.proto", "package fill2;", "package fill2.moved;");
       }},
      {"package-emptied",
       [](Tree* t) {  // x.proto's message moves to p5, its enum goes: y.proto keeps p3 alive
         (*t)["proto/p3/x.proto"] = Proto3("p3", "", "");
         (*t)["proto/p5/x.proto"] = Proto3("p5", "", "message X {\n  int32 x = 1;\n}\n");
       }},
      {"package-file-gone",
       [](Tree* t) {  // p3 lives on in the (now empty, unchanged) x.proto
         (*t)["proto/p3/y.proto"] = "";
       }},
      {"package-deleted", [](Tree* t) { (*t)["proto/p4/only.proto"] = ""; }},
      {"schemas",
       [](Tree* t) {
         Replace(t, "schemas/common.json", R"("amount": {"type": "integer"})",
                 R"("amount": {"type": "string"})");
         Replace(t, "schemas/b/item.schema.json", R"("maximum": 1000)", R"("maximum": 10)");
         Replace(t, "schemas/c/byid.schema.json", R"("maxLength": 40)", R"("maxLength": 4)");
       }},
      {"everything",
       [](Tree* t) {
         int n = 0;
         for (auto& [path, text] : *t) {
           if (text.empty()) continue;
           if (path.ends_with(".proto")) {
             std::string label = text.find("\"proto2\"") != std::string::npos ? "optional " : "";
             text += "\nmessage Everywhere" + std::to_string(n++) + " {\n  " + label +
                     "int32 e = 1;\n}\n";
           } else if (path.ends_with(".schema.json")) {
             auto brace = text.rfind('}');
             text.insert(brace, ", \"description\": \"everywhere\"");
           }
         }
         Replace(t, "proto/p2/keep.proto", "  int32 k = 1;\n", "  string k = 1;\n");
       }},
  };
}

void Write(const fs::path& repo, const Tree& tree) {
  for (const auto& [path, text] : tree) {
    if (text.empty()) {
      fs::remove(repo / path);
    } else {
      WriteFile(repo, path, text);
    }
  }
}

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome Check(const fs::path& repo, const std::string& args) {
  auto result = RunTool(args + " --format json --color never", repo);
  return {result.exit_code, result.out, result.err};
}

TEST_CASE("the incremental and the full path give the same reports, on any thread count",
          "[e2e][equivalence]") {
  TempDir dir;
  const fs::path& repo = dir.path();
  Git("init -q", repo);
  Tree tree = Base();
  Write(repo, tree);
  Git("add -A", repo);
  Git("commit -qm base", repo);
  std::vector<std::string> commits{"HEAD"};
  std::vector<std::string> names{"base"};
  for (const auto& step : History()) {
    step.edit(&tree);
    Write(repo, tree);
    Git("add -A", repo);
    Git("commit -qm " + step.name, repo);
    names.push_back(step.name);
  }
  int count = static_cast<int>(names.size());
  auto rev = [&](int i) { return "HEAD~" + std::to_string(count - 1 - i); };

  std::map<std::string, Outcome> incremental;  // by step name (default config)
  for (const char* config : {"", " --config file-only.yaml"}) {
    for (int i = 1; i < count; ++i) {
      // Each step against its parent, and the last against the base.
      for (int from : {i - 1, 0}) {
        if (from == 0 && i != count - 1) continue;
        std::string sides = "--head " + rev(i) + " --against " + rev(from) + config;
        INFO(names[i] << " against " << names[from] << config);
        Outcome one = Check(repo, sides + " -j 1");
        Outcome many = Check(repo, sides + " -j 3");
        Outcome full = Check(repo, sides + " --full -j 2");
        CHECK(one.exit_code != -1);
        CHECK(one.out == full.out);
        CHECK(one.err == full.err);
        CHECK(one.exit_code == full.exit_code);
        CHECK(one.out == many.out);
        CHECK(one.err == many.err);
        if (from == i - 1 && std::string(config).empty()) incremental[names[i]] = one;
      }
    }
  }
  // The working tree against a revision, the usual case.
  Outcome worktree = Check(repo, "--against " + rev(0));
  Outcome worktree_full = Check(repo, "--against " + rev(0) + " --full");
  INFO(worktree.err);
  CHECK(worktree.out == worktree_full.out);
  CHECK(worktree.err == worktree_full.err);
  CHECK(worktree.exit_code == 1);
  // Every step checked out, against its parent: unchanged files are read
  // from the disk (a reused buffer) rather than from the object store.
  std::string branch = Git("rev-parse --abbrev-ref HEAD", repo);
  while (!branch.empty() && (branch.back() == '\n' || branch.back() == '\r')) branch.pop_back();
  for (int i = 1; i < count; ++i) {
    Git("checkout -q " + rev(i), repo);
    for (const char* config : {"", " --config file-only.yaml"}) {
      std::string sides = "--against HEAD~1" + std::string(config);
      INFO("working tree at " << names[i] << config);
      Outcome one = Check(repo, sides + " -j 2");
      Outcome full = Check(repo, sides + " --full -j 2");
      CHECK(one.out == full.out);
      CHECK(one.err == full.err);
      CHECK(one.exit_code == full.exit_code);
    }
    Git("checkout -q " + branch, repo);
  }

  // The history does reach what it is meant to: findings in files that did
  // not change, and an error in a file that did not change.
  CHECK(incremental["kind"].exit_code == 1);
  CHECK(incremental["kind"].out.find("\"path\": \"proto/p1/b.proto\"") != std::string::npos);
  // Their imports come after their first definitions.
  CHECK(incremental["kind"].out.find("\"path\": \"proto/p1/late.proto\"") != std::string::npos);
  CHECK(incremental["kind"].out.find("\"path\": \"proto/p1/later.proto\"") != std::string::npos);
  CHECK(incremental["shadow"].out.find("\"path\": \"proto/q/r/d.proto\"") != std::string::npos);
  CHECK(incremental["option-gone"].exit_code == 2);
  CHECK(incremental["option-gone"].err.find("proto/p1/c.proto") != std::string::npos);
  CHECK(incremental["shadow-added"].exit_code == 1);
  CHECK(incremental["shadow-added"].out.find("\"path\": \"proto/q/r/d.proto\"") !=
        std::string::npos);
  CHECK(incremental["grown"].exit_code == 0);
  CHECK(incremental["details-break"].exit_code == 2);
  CHECK(incremental["details-break"].err.find("proto/p1/ruled.proto") != std::string::npos);
  CHECK(incremental["details-break"].err.find("proto/p1/pathed.proto") != std::string::npos);
  CHECK(incremental["extension-gone"].exit_code == 2);
  CHECK(incremental["extension-gone"].err.find("proto/p1/ruled.proto") != std::string::npos);
  CHECK(incremental["indirect-option-break"].exit_code == 2);
  CHECK(incremental["indirect-option-break"].err.find("proto/p1/routed.proto") !=
        std::string::npos);
  CHECK(incremental["packages"].out.find("PACKAGE_MESSAGE_NO_DELETE") != std::string::npos);
  CHECK(incremental["packages"].out.find("FILE_NO_DELETE") != std::string::npos);
  // Only the unchanged y.proto says p3 still has messages and enums.
  CHECK(incremental["package-emptied"].out.find("PACKAGE_MESSAGE_NO_DELETE") != std::string::npos);
  CHECK(incremental["package-emptied"].out.find("PACKAGE_ENUM_NO_DELETE") != std::string::npos);
  CHECK(incremental["package-file-gone"].out.find("PACKAGE_NO_DELETE") == std::string::npos);
  CHECK(incremental["package-file-gone"].out.find("FILE_NO_DELETE") != std::string::npos);
  CHECK(incremental["package-deleted"].out.find("PACKAGE_NO_DELETE") != std::string::npos);
  // common.json is no contract: only comparing order.schema.json finds this.
  CHECK(incremental["schemas"].out.find("\"path\": \"schemas/common.json\"") != std::string::npos);
  CHECK(incremental["schemas"].out.find("\"path\": \"schemas/c/byid.schema.json\"") !=
        std::string::npos);
}

// Invalid changes the incremental path must report as --full does: names
// declared twice in one package (in one file or across files that do not
// import each other), and names that collide with a package.
std::vector<Step> InvalidChanges() {
  return {
      {"message-in-file",
       [](Tree* t) {
         Replace(t, "proto/p0/a.proto", "enum Color",
                 "message Foo {\n  int32 again = 1;\n}\n\nenum Color");
       }},
      {"message-across-files",
       [](Tree* t) {  // p2/keep.proto does not import p2/old.proto
         Replace(t, "proto/p2/keep.proto", "message Keep",
                 "message Old {\n  int32 o = 1;\n}\n\nmessage Keep");
       }},
      {"message-in-new-file",
       [](Tree* t) {
         (*t)["proto/p1/dup.proto"] = Proto3("p1", "", "message Bar {\n  int32 b = 1;\n}\n");
       }},
      {"enum-value-in-enum",
       [](Tree* t) { Replace(t, "proto/p0/a.proto", "  RED = 1;\n", "  RED = 1;\n  RED = 2;\n"); }},
      {"enum-value-across-files",
       [](Tree* t) {  // C++ scoping: the values of p0's top-level enums share p0's scope
         Replace(t, "proto/p0/level.proto", "  HIGH = 1;\n", "  HIGH = 1;\n  RED = 2;\n");
       }},
      {"service-across-files",
       [](Tree* t) {
         (*t)["proto/svc/more.proto"] = Proto3(
             "svc", "", "message Req {}\n\nservice Api {\n  rpc Ping(Req) returns (Req);\n}\n");
       }},
      {"extension-across-files",
       [](Tree* t) {
         (*t)["proto/p0/opts2.proto"] =
             Proto3("p0", "import \"google/protobuf/descriptor.proto\";\n",
                    "extend google.protobuf.FieldOptions {\n  string note = 50009;\n}\n");
       }},
      {"message-named-like-a-package",
       [](Tree* t) {  // q.r is the package of q/r/d.proto
         (*t)["proto/q/top.proto"] = Proto3("q", "", "message r {\n  int32 x = 1;\n}\n");
       }},
      {"message-in-a-late-package-file",
       [](Tree* t) {  // later.proto (unchanged) declares p1.Later after its package
         (*t)["proto/p1/dup2.proto"] = Proto3("p1", "", "message Later {\n  int32 l = 1;\n}\n");
       }},
      {"late-package-new-file",
       [](Tree* t) {  // a new file whose package comes last: keep.proto has p2.Keep
         (*t)["proto/p2/dup3.proto"] =
             "syntax = \"proto3\";\n\nmessage Keep {\n  int32 k = 1;\n}\n\npackage p2;\n";
       }},
      {"package-named-like-a-message",
       [](Tree* t) { Replace(t, "proto/p2/keep.proto", "package p2;", "package p0.Foo;"); }},
  };
}

TEST_CASE("invalid changes: the incremental path reports what the full path reports",
          "[e2e][equivalence]") {
  TempDir dir;
  const fs::path& repo = dir.path();
  Git("init -q", repo);
  const Tree base = Base();
  Write(repo, base);
  Git("add -A", repo);
  Git("commit -qm base", repo);
  for (const auto& change : InvalidChanges()) {
    Tree tree = base;
    change.edit(&tree);
    Write(repo, tree);
    Git("add -A", repo);
    Git("commit -qm " + change.name, repo);
    for (const char* config : {"", " --config file-only.yaml"}) {
      // The change, the change undone (the baseline is then invalid), and
      // the working tree (which holds the change) against the base.
      for (const char* sides :
           {"--head HEAD --against HEAD~1", "--head HEAD~1 --against HEAD", "--against HEAD~1"}) {
        std::string args = sides + std::string(config);
        INFO(change.name << ": " << args);
        Outcome one = Check(repo, args + " -j 1");
        Outcome many = Check(repo, args + " -j 3");
        Outcome full = Check(repo, args + " --full -j 2");
        INFO(full.err);
        CHECK(full.exit_code == 2);
        CHECK(full.err.find("already defined") != std::string::npos);
        CHECK(one.exit_code == full.exit_code);
        CHECK(one.err == full.err);
        CHECK(one.out == full.out);
        CHECK(many.exit_code == full.exit_code);
        CHECK(many.err == full.err);
        CHECK(many.out == full.out);
      }
    }
    // Back to the base for the next change.
    for (const auto& [path, text] : tree) {
      if (!base.count(path)) fs::remove(repo / path);
    }
    Write(repo, base);
    Git("add -A", repo);
    Git("commit -qm undo-" + change.name, repo);
  }
}

// Positions are found on demand, only in documents with something to report,
// and nesting is checked at parse: a too-deep schema, and a change reported
// in a file only a $ref reaches, give the same report on every path.
TEST_CASE(
    "JSON Schema positions on demand: the incremental path reports what the full path reports",
    "[e2e][equivalence]") {
  TempDir dir;
  const fs::path& repo = dir.path();
  Git("init -q", repo);
  const Tree base = Base();
  Write(repo, base);
  Git("add -A", repo);
  Git("commit -qm base", repo);
  std::string deep;
  for (int i = 0; i < 600; ++i) deep += "{\"not\": ";
  deep += "{}" + std::string(600, '}');
  struct Case {
    std::string name;
    std::function<void(Tree*)> edit;
    int exit_code;
    std::string needle;
  };
  const std::vector<Case> cases = {
      {"too-deep",
       [&](Tree* t) {
         Replace(t, "schemas/b/item.schema.json", R"("maximum": 1000})",
                 "\"maximum\": 1000},\n    \"Deep\": " + deep);
       },
       2, "nesting deeper than 512 levels"},
      {"through-ref",
       [](Tree* t) {
         Replace(t, "schemas/common.json", R"("amount": {"type": "integer"})",
                 R"("amount": {"type": "integer", "maximum": 5})");
       },
       1, "schemas/common.json"},
  };
  for (const auto& change : cases) {
    Tree tree = base;
    change.edit(&tree);
    Write(repo, tree);
    Git("add -A", repo);
    Git("commit -qm " + change.name, repo);
    for (const char* sides : {"--head HEAD --against HEAD~1", "--head HEAD~1 --against HEAD"}) {
      std::string args = sides;
      INFO(change.name << ": " << args);
      Outcome one = Check(repo, args + " -j 1");
      Outcome many = Check(repo, args + " -j 3");
      Outcome full = Check(repo, args + " --full -j 2");
      INFO(full.err);
      INFO(full.out);
      if (std::string(sides).starts_with("--head HEAD ")) {
        CHECK(full.exit_code == change.exit_code);
        CHECK((full.out + full.err).find(change.needle) != std::string::npos);
      }
      CHECK(one.exit_code == full.exit_code);
      CHECK(one.err == full.err);
      CHECK(one.out == full.out);
      CHECK(many.exit_code == full.exit_code);
      CHECK(many.err == full.err);
      CHECK(many.out == full.out);
    }
    Write(repo, base);
    Git("add -A", repo);
    Git("commit -qm undo-" + change.name, repo);
  }
}

}  // namespace
}  // namespace contract_lint
