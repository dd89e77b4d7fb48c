// End-to-end: a repository configured only by a buf.yaml (v2, v1, v1beta1)
// gets buf's findings. Each expectation is what `buf breaking --against
// '.git#ref=HEAD' --error-format json` (buf 1.75.0) printed on the same
// repository, as (path, line, column, rule).
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Has;
using testing::Replace;
using testing::Repo;

const char* kOrderBefore = R"(syntax = "proto2";

package acme.v1;

message Order {
  optional int32 qty = 1 [default = 1];
  optional string note = 2;
  optional int64 total = 3;
  extensions 100 to 199;
}

extend Order {
  optional string tag = 100;
}
)";

// A default changed (FIELD_SAME_DEFAULT, v2 only), optional -> repeated,
// int64 -> int32, and the extension deleted (EXTENSION_NO_DELETE, v2 only).
const char* kOrderAfter = R"(syntax = "proto2";

package acme.v1;

message Order {
  optional int32 qty = 1 [default = 2];
  repeated string note = 2;
  optional int32 total = 3;
  extensions 100 to 199;
}
)";

// Commits buf.yaml and proto/acme/v1/order.proto, then changes the proto in
// the working tree; returns the tool's result for `contract-lint` (working
// tree against HEAD).
testing::CommandResult RunOnBufRepo(const Repo& repo, const std::string& buf_yaml,
                                    const std::string& args = "") {
  repo.Write("buf.yaml", buf_yaml);
  repo.Write("proto/acme/v1/order.proto", kOrderBefore);
  repo.Commit("base");
  repo.Write("proto/acme/v1/order.proto", kOrderAfter);
  return repo.Run(args);
}

// "path line col RULE" of each finding line of a text report.
std::string Keys(const std::string& report) {
  static const std::regex kLine(R"(^(\S*):(\d+):(\d+): error: ([A-Z0-9_]+): .*$)");
  std::istringstream in(report);
  std::string keys;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, kLine)) {
      keys += m[1].str() + " " + m[2].str() + " " + m[3].str() + " " + m[4].str() + "\n";
    }
  }
  return keys;
}

TEST_CASE("buf.yaml v2 with a module: buf's default FILE findings", "[e2e][buf]") {
  Repo repo;
  auto result = RunOnBufRepo(repo, "version: v2\nmodules:\n  - path: proto\n");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Keys(result.out) ==
        "proto/acme/v1/order.proto 1 1 EXTENSION_NO_DELETE\n"
        "proto/acme/v1/order.proto 6 27 FIELD_SAME_DEFAULT\n"
        "proto/acme/v1/order.proto 7 3 FIELD_SAME_CARDINALITY\n"
        "proto/acme/v1/order.proto 8 12 FIELD_SAME_TYPE\n");
  CHECK(Has(result.out,
            "proto/acme/v1/order.proto:8:12: error: FIELD_SAME_TYPE: Field \"3\" "
            "with name \"total\" on message \"Order\" changed type from \"int64\" "
            "to \"int32\"."));
}

TEST_CASE("buf.yaml v1: FILE as v1 defines it (no FIELD_SAME_DEFAULT, no EXTENSION_NO_DELETE)",
          "[e2e][buf]") {
  Repo repo;
  auto result = RunOnBufRepo(repo, "version: v1\n");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Keys(result.out) ==
        "proto/acme/v1/order.proto 7 3 FIELD_SAME_CARDINALITY\n"
        "proto/acme/v1/order.proto 8 12 FIELD_SAME_TYPE\n");
}

TEST_CASE("buf.yaml v1beta1 with build.roots: WIRE as v1beta1 defines it", "[e2e][buf]") {
  Repo repo;
  auto result =
      RunOnBufRepo(repo, "version: v1beta1\nbuild:\n  roots: [proto]\nbreaking:\n  use: [WIRE]\n");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Keys(result.out) ==
        "proto/acme/v1/order.proto 7 3 FIELD_SAME_CARDINALITY\n"
        "proto/acme/v1/order.proto 7 3 FIELD_WIRE_COMPATIBLE_CARDINALITY\n"
        "proto/acme/v1/order.proto 8 12 FIELD_SAME_TYPE\n");
}

TEST_CASE("buf.yaml v1beta1: imports resolve across build.roots", "[e2e][buf]") {
  Repo repo;
  repo.Write("buf.yaml", "version: v1beta1\nbuild:\n  roots: [proto, vendor]\n");
  repo.Write("vendor/ext/money.proto",
             "syntax = \"proto3\";\n\npackage ext;\n\nmessage Money {\n  int64 units = 1;\n}\n");
  const std::string order =
      "syntax = \"proto3\";\n\npackage acme.v1;\n\nimport \"ext/money.proto\";\n\n"
      "message Order {\n  ext.Money price = 1;\n  int64 total = 2;\n}\n";
  repo.Write("proto/acme/v1/order.proto", order);
  repo.Commit("base");
  repo.Write("proto/acme/v1/order.proto", Replace(order, "int64 total", "int32 total"));
  auto result = repo.Run("");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Keys(result.out) == "proto/acme/v1/order.proto 9 3 FIELD_SAME_TYPE\n");
}

TEST_CASE("buf.yaml v1: a deprecated id enables its replacements, with a warning", "[e2e][buf]") {
  Repo repo;
  auto result = RunOnBufRepo(repo, "version: v1\nbreaking:\n  use: [FIELD_SAME_LABEL]\n");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Keys(result.out) ==
        "proto/acme/v1/order.proto 7 3 FIELD_SAME_CARDINALITY\n"
        "proto/acme/v1/order.proto 7 3 FIELD_WIRE_COMPATIBLE_CARDINALITY\n"
        "proto/acme/v1/order.proto 7 3 FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY\n");
  CHECK(Has(result.err,
            "FIELD_SAME_LABEL is deprecated; using FIELD_SAME_CARDINALITY,"
            "FIELD_WIRE_COMPATIBLE_CARDINALITY,FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY "
            "instead"));
}

TEST_CASE(
    "buf.yaml v1: FIELD_SAME_CTYPE and FILE_SAME_JAVA_STRING_CHECK_UTF8 enable their replacements",
    "[e2e][buf]") {
  Repo repo;
  repo.Write(
      "buf.yaml",
      "version: v1\nbreaking:\n  use: [FIELD_SAME_CTYPE, FILE_SAME_JAVA_STRING_CHECK_UTF8]\n");
  const std::string before =
      "syntax = \"proto2\";\n\npackage acme.v1;\n\nmessage Note {\n"
      "  optional string text = 1 [ctype = CORD];\n}\n";
  repo.Write("note.proto", before);
  repo.Commit("base");
  repo.Write("note.proto",
             "syntax = \"proto2\";\n\npackage acme.v1;\n\noption java_string_check_utf8 = true;\n\n"
             "message Note {\n  optional string text = 1;\n}\n");
  auto result = repo.Run("");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  // buf 1.75.0 on this repository: the same two findings.
  CHECK(Keys(result.out) ==
        "note.proto 5 1 FIELD_SAME_JAVA_UTF8_VALIDATION\n"
        "note.proto 8 3 FIELD_SAME_CPP_STRING_TYPE\n");
  CHECK(Has(result.err, "FIELD_SAME_CTYPE is deprecated"));
  CHECK(Has(result.err, "FILE_SAME_JAVA_STRING_CHECK_UTF8 is deprecated"));
}

TEST_CASE("buf.yaml v2 rejects the v1-only deprecated ids and v1 rejects CSR, as buf does",
          "[e2e][buf]") {
  {
    Repo repo;
    auto result = RunOnBufRepo(repo, "version: v2\nbreaking:\n  use: [FIELD_SAME_LABEL]\n");
    CHECK(result.exit_code == 2);
    CHECK(result.err.starts_with("buf.yaml"));
    CHECK(Has(result.err,
              "error: breaking.use: \"FIELD_SAME_LABEL\" is not a known rule or "
              "category ID in buf.yaml version v2"));
    CHECK(!Has(result.out, "FIELD_SAME_CARDINALITY"));
  }
  {
    Repo repo;
    auto result = RunOnBufRepo(repo, "version: v1\nbreaking:\n  use: [CSR]\n");
    CHECK(result.exit_code == 2);
    CHECK(Has(result.err, "\"CSR\" is not a known rule or category ID in buf.yaml version v1"));
  }
  {
    Repo repo;
    auto result = RunOnBufRepo(repo, "version: v1\nbreaking:\n  use: [FIELD_SAME_LABLE]\n");
    CHECK(result.exit_code == 2);
    CHECK(Has(result.err, "did you mean \"FIELD_SAME_LABEL\"?"));
  }
}

TEST_CASE("buf.yaml v2: a module's own breaking section judges that module only", "[e2e][buf]") {
  Repo repo;
  // Module a: its own policy, in place of the top-level one (which it does not inherit).
  repo.Write("buf.yaml",
             "version: v2\nmodules:\n  - path: a\n    breaking:\n      use: [FILE]\n  - path: b\n"
             "breaking:\n  use: [FILE]\n  except: [FIELD_SAME_NAME]\n");
  const std::string a =
      "syntax = \"proto3\";\n\npackage x;\n\nmessage A {\n  string id = 1;\n  int64 n = 2;\n}\n";
  const std::string b = Replace(Replace(a, "package x", "package y"), "message A", "message B");
  repo.Write("a/x/a.proto", a);
  repo.Write("b/y/b.proto", b);
  repo.Commit("base");
  auto change = [](const std::string& text) {
    return Replace(Replace(text, "string id", "string ident"), "int64 n", "int32 n");
  };
  repo.Write("a/x/a.proto", change(a));
  repo.Write("b/y/b.proto", change(b));
  auto result = repo.Run("");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Keys(result.out) ==
        "a/x/a.proto 6 3 FIELD_SAME_JSON_NAME\n"
        "a/x/a.proto 6 10 FIELD_SAME_NAME\n"
        "a/x/a.proto 7 3 FIELD_SAME_TYPE\n"
        "b/y/b.proto 6 3 FIELD_SAME_JSON_NAME\n"
        "b/y/b.proto 7 3 FIELD_SAME_TYPE\n");
}

}  // namespace
}  // namespace contract_lint
