// End-to-end: what a buf user reaches for on day one (issue 18): --path and
// --exclude-path, imports that cannot be found, a buf.yaml with `deps:`,
// --error-format with buf's names, and moves named in the finding.
#include <catch2/catch.hpp>
#include <string>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Has;
using testing::Repo;

const char* kCommon = R"(syntax = "proto3";

package acme.common.v1;

message Money {
  string currency = 1;
  int64 units = 2;
}
)";

const char* kOrders = R"(syntax = "proto3";

package acme.orders.v1;

import "acme/common/v1/money.proto";

message Order {
  string id = 1;
  acme.common.v1.Money total = 2;
  string note = 3;
}
)";

const char* kUsers = R"(syntax = "proto3";

package acme.users.v1;

message User {
  string id = 1;
  string email = 2;
}
)";

const char* kBilling = R"(syntax = "proto3";

package acme.billing.v1;

message Invoice {
  string id = 1;
}
)";

// main: proto/acme/{common,orders,users,billing}; the working tree deletes
// Order.note, User.email and the whole billing file.
void BreakThreeWays(const Repo& repo) {
  repo.Write("contract-lint.yaml", "version: 1\nproto:\n  roots: [proto]\n");
  repo.Write("proto/acme/common/v1/money.proto", kCommon);
  repo.Write("proto/acme/orders/v1/orders.proto", kOrders);
  repo.Write("proto/acme/users/v1/users.proto", kUsers);
  repo.Write("proto/acme/billing/v1/billing.proto", kBilling);
  repo.Commit("base");
  repo.Edit("proto/acme/orders/v1/orders.proto", "  string note = 3;\n", "");
  repo.Edit("proto/acme/users/v1/users.proto", "  string email = 2;\n", "");
  std::filesystem::remove(repo.path() / "proto/acme/billing/v1/billing.proto");
}

TEST_CASE("buf flags: --path limits the check to a directory and keeps imports resolvable",
          "[e2e][path]") {
  Repo repo;
  BreakThreeWays(repo);
  // orders.proto imports common/, which is outside the --path: it still resolves.
  auto result = repo.Run("--path proto/acme/orders");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out,
            "proto/acme/orders/v1/orders.proto:7:1: error: FIELD_NO_DELETE: "
            "Previously present field \"3\" with name \"note\" on message \"Order\""));
  CHECK_FALSE(Has(result.out, "users.proto"));
  CHECK_FALSE(Has(result.out, "billing.proto"));
  CHECK(result.err.empty());
}

TEST_CASE("buf flags: --path is repeatable and takes files", "[e2e][path]") {
  Repo repo;
  BreakThreeWays(repo);
  auto result =
      repo.Run("--path proto/acme/orders/v1/orders.proto --path ./proto/acme/users/v1/users.proto");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out, "orders.proto:7:1: error: FIELD_NO_DELETE"));
  CHECK(Has(result.out, "users.proto:5:1: error: FIELD_NO_DELETE"));
  CHECK_FALSE(Has(result.out, "billing"));
}

TEST_CASE("a file deleted under a --path is still reported", "[e2e][path]") {
  Repo repo;
  BreakThreeWays(repo);
  auto result = repo.Run("--path proto/acme/billing");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out,
            "error: FILE_NO_DELETE: Previously present file "
            "\"acme/billing/v1/billing.proto\" was deleted."));
  CHECK_FALSE(Has(result.out, "FIELD_NO_DELETE"));
}

TEST_CASE("buf flags: --exclude-path leaves out files and directories on both sides",
          "[e2e][path]") {
  Repo repo;
  BreakThreeWays(repo);
  auto result =
      repo.Run("--exclude-path proto/acme/billing --exclude-path proto/acme/users/v1/users.proto");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out, "orders.proto:7:1: error: FIELD_NO_DELETE"));
  CHECK_FALSE(Has(result.out, "users.proto"));
  CHECK_FALSE(Has(result.out, "FILE_NO_DELETE"));

  // Excluding every broken file passes; --path and --exclude-path combine.
  auto clean = repo.Run(
      "--exclude-path proto/acme/orders --exclude-path proto/acme/users --exclude-path "
      "proto/acme/billing");
  INFO(clean.out << clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(Has(clean.out, "0 breaking changes"));
}

TEST_CASE("buf flags: an --exclude-path that leaves nothing to compare exits 2", "[e2e][path]") {
  // buf: "no .proto files were targeted"; a check of nothing must not pass.
  Repo repo;
  BreakThreeWays(repo);
  auto result = repo.Run("--path proto/acme/orders --exclude-path proto/acme/orders/v1");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 2);
  CHECK(Has(result.err,
            "error: --exclude-path proto/acme/orders/v1: every file the check would read is "
            "excluded, on both sides; nothing would be compared"));
}

TEST_CASE("a --path that names nothing exits 2", "[e2e][path]") {
  Repo repo;
  BreakThreeWays(repo);
  auto result = repo.Run("--path proto/acme/nope");
  CHECK(result.exit_code == 2);
  CHECK(Has(result.err,
            "error: --path proto/acme/nope: no file or directory of that name on "
            "either side"));
}

TEST_CASE("buf flags: --path applies to JSON Schemas too", "[e2e][path]") {
  Repo repo;
  repo.Write("schemas/a.schema.json",
             R"({"type": "object", "properties": {"x": {"type": "string"}}})");
  repo.Write("schemas/b.schema.json",
             R"({"type": "object", "properties": {"y": {"type": "string"}}})");
  repo.Commit("base");
  repo.Edit("schemas/a.schema.json", "\"string\"", "\"integer\"");
  repo.Edit("schemas/b.schema.json", "\"string\"", "\"integer\"");
  auto result = repo.Run("--path schemas/b.schema.json");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out, "schemas/b.schema.json"));
  CHECK_FALSE(Has(result.out, "schemas/a.schema.json"));
}

TEST_CASE("a missing import is reported at the import line with the fix", "[e2e][imports]") {
  Repo repo;
  repo.Write("contract-lint.yaml", "version: 1\nproto:\n  roots: [proto]\n");
  repo.Write("proto/api/orders.proto", kUsers);
  repo.Commit("base");
  repo.Write("proto/api/orders.proto", R"(syntax = "proto3";

package acme.users.v1;

import "google/api/annotations.proto";

message User {
  string id = 1;
}
)");
  auto result = repo.Run("");
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "proto/api/orders.proto:5:1: error: import \"google/api/annotations.proto\" not found in "
        "roots [proto]; add its directory to proto.roots or vendor it\n");
  CHECK(result.out.empty());
}

TEST_CASE("a missing import in a file that is only imported is located too", "[e2e][imports]") {
  Repo repo;
  repo.Write("a.proto", "syntax = \"proto3\";\npackage p;\nmessage A {}\n");
  repo.Commit("base");
  repo.Write("a.proto", "syntax = \"proto3\";\npackage p;\nimport \"b.proto\";\nmessage A {}\n");
  repo.Write("b.proto", "syntax = \"proto3\";\npackage p;\n\nimport \"c/d.proto\";\n");
  auto result = repo.Run("");
  CHECK(result.exit_code == 2);
  CHECK(Has(result.err,
            "b.proto:4:1: error: import \"c/d.proto\" not found in roots [.]; add its "
            "directory to proto.roots or vendor it\n"));
  CHECK_FALSE(Has(result.err, "File not found"));
}

TEST_CASE("a buf.yaml dependency that is not vendored is named with its buf export",
          "[e2e][imports]") {
  Repo repo;
  repo.Write("buf.yaml",
             "version: v2\nmodules:\n  - path: proto\ndeps:\n  - buf.build/googleapis/googleapis\n"
             "  - buf.build/bufbuild/protovalidate\n");
  repo.Write("proto/acme/v1/orders.proto", kUsers);
  repo.Commit("base");
  repo.Write("proto/acme/v1/orders.proto", R"(syntax = "proto3";

package acme.users.v1;

import "buf/validate/validate.proto";
import "google/api/annotations.proto";

message User {
  string id = 1;
  string email = 2;
}
)");
  auto result = repo.Run("");
  INFO(result.err);
  CHECK(result.exit_code == 2);
  CHECK(Has(result.err,
            "proto/acme/v1/orders.proto:6:1: error: import \"google/api/annotations.proto\" not "
            "found in roots [proto]; it comes from the buf.yaml dependency "
            "buf.build/googleapis/googleapis, which contract-lint does not fetch (it reads "
            "nothing outside the repository): vendor it with `buf export "
            "buf.build/googleapis/googleapis -o third_party/googleapis` and add "
            "third_party/googleapis to the roots\n"));
  CHECK(Has(result.err,
            "proto/acme/v1/orders.proto:5:1: error: import "
            "\"buf/validate/validate.proto\" not found in roots [proto]; it comes "
            "from the buf.yaml dependency buf.build/bufbuild/protovalidate"));
  CHECK(Has(result.err,
            "`buf export buf.build/bufbuild/protovalidate -o "
            "third_party/protovalidate`"));

  // Vendored as the message says (a second module), the check runs.
  repo.Write("buf.yaml",
             "version: v2\nmodules:\n  - path: proto\n  - path: third_party/googleapis\n"
             "  - path: third_party/protovalidate\ndeps:\n  - buf.build/googleapis/googleapis\n"
             "  - buf.build/bufbuild/protovalidate\n");
  repo.Write("third_party/googleapis/google/api/annotations.proto",
             "syntax = \"proto3\";\npackage google.api;\n");
  repo.Write("third_party/protovalidate/buf/validate/validate.proto",
             "syntax = \"proto3\";\npackage buf.validate;\n");
  auto fixed = repo.Run("");
  INFO(fixed.out << fixed.err);
  CHECK(fixed.exit_code == 0);
}

TEST_CASE("buf flags: --error-format takes buf's names, msvs is buf's shape", "[e2e][format]") {
  Repo repo;
  BreakThreeWays(repo);
  auto msvs = repo.Run("--error-format msvs --path proto/acme/orders --path proto/acme/billing");
  CHECK(msvs.exit_code == 1);
  CHECK(msvs.out ==
        "<input>(1,1) : error FILE_NO_DELETE : Previously present file "
        "\"acme/billing/v1/billing.proto\" was deleted.\n"
        "proto/acme/orders/v1/orders.proto(7,1) : error FIELD_NO_DELETE : Previously present "
        "field \"3\" with name \"note\" on message \"Order\" was deleted.\n");
  auto github = repo.Run("--error-format github-actions --path proto/acme/orders");
  CHECK(github.exit_code == 1);
  CHECK(Has(github.out, "::error file=proto/acme/orders/v1/orders.proto,line=7,col=1,"));
  for (const char* name : {"text", "json", "junit"}) {
    INFO(name);
    CHECK(repo.Run(std::string("--error-format ") + name).exit_code == 1);
  }
  auto both = repo.Run("--error-format msvs --format json");
  CHECK(both.exit_code == 2);
  CHECK(Has(both.err, "excludes"));
}

TEST_CASE("a message moved to another file of its package names where it went", "[e2e][moves]") {
  Repo repo;
  repo.Write("acme/v1/orders.proto", R"(syntax = "proto3";

package acme.v1;

message Order {
  Money total = 1;
}

message Money {
  int64 units = 1;
}
)");
  repo.Commit("base");
  repo.Write("acme/v1/orders.proto", R"(syntax = "proto3";

package acme.v1;

import "acme/v1/money.proto";

message Order {
  Money total = 1;
}
)");
  repo.Write("acme/v1/money.proto", R"(syntax = "proto3";

package acme.v1;

message Money {
  int64 units = 1;
}
)");
  int exit_code = 0;
  auto doc = repo.RunJson("", &exit_code);
  CHECK(exit_code == 1);
  REQUIRE(doc["findings"].size() == 1);
  const auto& finding = doc["findings"][0];
  CHECK(finding["rule"] == "MESSAGE_NO_DELETE");
  CHECK(finding["message"] ==
        "Previously present message \"Money\" was deleted from file; it now lives in "
        "acme/v1/money.proto.");
  CHECK(finding["moved_to"] == "acme/v1/money.proto");
  // A real deletion has no moved_to.
  repo.Write("acme/v1/money.proto", "syntax = \"proto3\";\n\npackage acme.v1;\n");
  repo.Write("acme/v1/orders.proto",
             "syntax = \"proto3\";\n\npackage acme.v1;\n\nmessage Order {}\n");
  auto gone = repo.RunJson("", &exit_code);
  bool saw = false;
  for (const auto& f : gone["findings"]) {
    if (f["rule"] != "MESSAGE_NO_DELETE") continue;
    saw = true;
    CHECK_FALSE(f.contains("moved_to"));
  }
  CHECK(saw);
}

TEST_CASE("each side is laid out by its own contract-lint.yaml", "[e2e][layout]") {
  Repo repo;
  repo.Write("contract-lint.yaml", "version: 1\nproto:\n  roots: [root]\n");
  repo.Write("root/acme/common/v1/money.proto", kCommon);
  repo.Write("root/acme/orders/v1/orders.proto", kOrders);
  repo.Commit("base");
  // The module moves to the repository root; money.proto changes its package.
  std::filesystem::remove_all(repo.path() / "root");
  repo.Write("contract-lint.yaml", "version: 1\nproto:\n  roots: [proto]\n");
  repo.Write("proto/acme/common/v1/money.proto",
             testing::Replace(kCommon, "acme.common.v1", "acme.common.v2"));
  repo.Write("proto/acme/orders/v1/orders.proto",
             testing::Replace(kOrders, "acme.common.v1.Money", "acme.common.v2.Money"));
  auto result = repo.Run("");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK_FALSE(Has(result.out, "FILE_NO_DELETE"));
  CHECK(Has(result.out,
            "proto/acme/common/v1/money.proto:3:1: error: FILE_SAME_PACKAGE: File "
            "package changed from \"acme.common.v1\" to \"acme.common.v2\"."));
  CHECK(Has(result.out, "proto/acme/orders/v1/orders.proto:9:3: error: FIELD_SAME_TYPE"));
  // With --config, the one file lays out both sides: the baseline's files under
  // root/ are outside its roots, so there is nothing of the baseline to compare.
  repo.Write("other.yaml", "version: 1\nproto:\n  roots: [proto]\n");
  auto one = repo.Run("--config other.yaml");
  INFO(one.out << one.err);
  CHECK(one.exit_code == 0);
  CHECK_FALSE(Has(one.out, "FILE_SAME_PACKAGE"));
}

}  // namespace
}  // namespace contract_lint
