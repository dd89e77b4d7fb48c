// End-to-end: two defects only real Protobuf histories showed (issue 21).
// A duplicate definition across files of one package is the error `--full`
// reports in the default (incremental) run too; and the built-in options
// newer than libprotobuf 3.21's descriptor.proto (debug_redact, retention,
// targets, …) are known, compared as buf 1.75.0 compares them (each verdict
// below is what `buf breaking --against .git#branch=main` printed on the
// same repository).
#include <catch2/catch.hpp>
#include <string>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Has;
using testing::Replace;
using testing::Repo;

const char* kConfig = "version: 1\nbreaking:\n  use: [FILE]\n";

const char* kA = R"(syntax = "proto3";

package acme.v1;

message A {
  string id = 1;
}
)";

const char* kB = R"(syntax = "proto3";

package acme.v1;

message B {
  string id = 1;
}
)";

TEST_CASE("a duplicate definition across files of a package exits 2 in the default run",
          "[e2e][proto][duplicate]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kConfig);
  repo.Write("acme/v1/a.proto", kA);
  repo.Write("acme/v1/b.proto", kB);
  // Another package, untouched: the run stays the change's size otherwise.
  repo.Write("other/v1/o.proto", "syntax = \"proto3\";\n\npackage other.v1;\n\nmessage O {}\n");
  repo.Commit("base");
  // b.proto does not import a.proto: compiling b.proto alone finds nothing.
  repo.Write("acme/v1/b.proto", std::string(kB) + "\nmessage A {\n  int32 n = 1;\n}\n");
  auto incremental = repo.Run("");
  auto full = repo.Run("--full");
  INFO(incremental.out << incremental.err);
  CHECK(incremental.exit_code == 2);
  CHECK(Has(incremental.err,
            "acme/v1/b.proto:9:9: error: \"acme.v1.A\" is already defined in file "
            "\"acme/v1/a.proto\""));
  CHECK_FALSE(Has(incremental.out, "0 breaking changes"));
  CHECK(incremental.err == full.err);
  CHECK(incremental.out == full.out);
  CHECK(full.exit_code == 2);

  // The commit that fixes it: the baseline does not compile; --full says so,
  // and so does the default run (no findings against a broken baseline).
  repo.Commit("duplicate");
  repo.Write("acme/v1/b.proto", kB);
  auto fixed = repo.Run("--against HEAD");
  auto fixed_full = repo.Run("--against HEAD --full");
  INFO(fixed.out << fixed.err);
  CHECK(fixed.exit_code == 2);
  CHECK(fixed.err == fixed_full.err);
  CHECK(fixed.out == fixed_full.out);
  CHECK(fixed_full.exit_code == 2);
}

TEST_CASE("a message named like a package another file declares exits 2 in the default run",
          "[e2e][proto][duplicate]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kConfig);
  repo.Write("acme/v1/a.proto", kA);
  repo.Write("acme/root.proto", "syntax = \"proto3\";\n\npackage acme;\n\nmessage Root {}\n");
  repo.Commit("base");
  repo.Write("acme/root.proto",
             "syntax = \"proto3\";\n\npackage acme;\n\nmessage Root {}\n\nmessage v1 {}\n");
  auto incremental = repo.Run("");
  auto full = repo.Run("--full");
  INFO(incremental.out << incremental.err);
  CHECK(incremental.exit_code == 2);
  CHECK(Has(incremental.err, "\"acme.v1\" is already defined"));
  CHECK(incremental.err == full.err);
  CHECK(full.exit_code == 2);
}

// A file setting the options libprotobuf 3.21 does not know.
const char* kRedact = R"(syntax = "proto3";

package acme.v1;

import "google/protobuf/descriptor.proto";

extend google.protobuf.FieldOptions {
  string tag = 50001 [retention = RETENTION_SOURCE, targets = TARGET_TYPE_FIELD];
}

message A {
  string id = 1 [debug_redact = true];
  string secret = 2 [debug_redact = false, ctype = CORD];
}

enum Kind {
  KIND_UNSPECIFIED = 0;
  KIND_SECRET = 1 [debug_redact = true];
}
)";

TEST_CASE("debug_redact, retention and targets are known and compared as buf compares them",
          "[e2e][proto][options]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kConfig);
  repo.Write("acme/v1/a.proto", kRedact);
  repo.Commit("base");

  SECTION("a file using them checks normally") {
    repo.Write("acme/v1/a.proto",
               Replace(kRedact, "  string secret = 2", "  int64 count = 3;\n  string secret = 2"));
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK_FALSE(Has(result.err, "unknown"));
    CHECK(Has(result.out, "0 breaking changes"));
  }
  SECTION("changing them is no breaking change (buf: none)") {
    std::string after = Replace(kRedact, "string id = 1 [debug_redact = true]", "string id = 1");
    after = Replace(after, "RETENTION_SOURCE", "RETENTION_RUNTIME");
    after = Replace(after, "TARGET_TYPE_FIELD", "TARGET_TYPE_MESSAGE");
    after = Replace(after, "KIND_SECRET = 1 [debug_redact = true]", "KIND_SECRET = 1");
    repo.Write("acme/v1/a.proto", after);
    auto result = repo.Run("");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(Has(result.out, "0 breaking changes"));
  }
  SECTION("the options 3.21 knows are still compared (buf: FIELD_SAME_CPP_STRING_TYPE)") {
    repo.Write("acme/v1/a.proto",
               Replace(kRedact, "debug_redact = false, ctype = CORD", "debug_redact = false"));
    auto result = repo.Run("--format json");
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(Has(result.out, "FIELD_SAME_CPP_STRING_TYPE"));
    CHECK(Has(result.out, "\"line\": 13"));
  }
}

TEST_CASE("features outside editions is refused with its location", "[e2e][proto][options]") {
  Repo repo;
  repo.Write("contract-lint.yaml", kConfig);
  repo.Write("acme/v1/a.proto", kA);
  repo.Commit("base");
  repo.Write("acme/v1/a.proto",
             Replace(kA, "string id = 1;", "string id = 1 [features.field_presence = EXPLICIT];"));
  auto result = repo.Run("");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 2);
  // buf 1.75.0: acme/v1/a.proto:6:18:`features` cannot be set in "proto3"
  CHECK(
      Has(result.err,
          "acme/v1/a.proto:6:18: error: `features` cannot be set in \"proto3\": features are only "
          "valid in editions files"));
  auto full = repo.Run("--full");
  CHECK(full.err == result.err);
  CHECK(full.exit_code == 2);

  repo.Write("acme/v1/a.proto",
             "syntax = \"proto2\";\n\npackage acme.v1;\n\n"
             "option features.utf8_validation = NONE;\n\nmessage A {\n"
             "  optional string id = 1;\n}\n");
  auto file_level = repo.Run("");
  INFO(file_level.out << file_level.err);
  CHECK(file_level.exit_code == 2);
  CHECK(Has(file_level.err, "acme/v1/a.proto:5:8: error: `features` cannot be set in \"proto2\""));
}

}  // namespace
}  // namespace contract_lint
