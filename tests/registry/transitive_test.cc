// End-to-end: the _TRANSITIVE modes judge the current side against every
// release tag, not only against the baseline. Each history here has a change
// that the baseline comparison accepts but an older release does not.
#include <catch2/catch.hpp>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Git;
using testing::Has;
using testing::Repo;
using testing::RunTool;
using testing::TempDir;
using testing::WriteFile;

std::string NameSchema(int max_length) {
  return "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
         "  \"type\": \"object\",\n  \"properties\": {\n"
         "    \"name\": {\"type\": \"string\", \"maxLength\": " +
         std::to_string(max_length) + "}\n  }\n}\n";
}

// v1.0.0 allows names of 100 characters; v1.1.0 cut that to 50 (a break that
// was let through then); the working tree raises it to 80.
void MakeSchemaHistory(const Repo& repo, const std::string& config) {
  repo.Write("contract-lint.yaml", config);
  repo.Write("schemas/customer.schema.json", NameSchema(100));
  repo.Commit("v1.0.0");
  Git("tag v1.0.0", repo.path());
  repo.Write("schemas/customer.schema.json", NameSchema(50));
  Git("commit -qam v1.1.0", repo.path());
  Git("tag -a v1.1.0 -m v1.1.0", repo.path());  // an annotated tag peels to its commit
  repo.Write("schemas/customer.schema.json", NameSchema(80));
}

TEST_CASE("BACKWARD_TRANSITIVE rejects what an older release's documents break",
          "[transitive][e2e]") {
  Repo repo;
  MakeSchemaHistory(repo, "version: 1\nbreaking:\n  jsonschema: BACKWARD_TRANSITIVE\n");
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out, "schemas/customer.schema.json:5:45: error: MAX_LENGTH_NO_DECREASE: "));
  CHECK(Has(result.out,
            "maxLength lowered from 100 to 80: documents valid before are now rejected "
            "(against release v1.0.0)"));
  CHECK(Has(result.out, "(against release v1.0.0)"));
  // The baseline (v1.1.0, maxLength 50) is widened: nothing against it.
  CHECK(!Has(result.out, "v1.1.0"));
  CHECK(Has(result.out, "1 breaking change"));
}

TEST_CASE("BACKWARD (not transitive) judges the baseline only", "[transitive][e2e]") {
  Repo repo;
  MakeSchemaHistory(repo, "version: 1\nbreaking:\n  jsonschema: BACKWARD\n");
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(!Has(result.out, "MAX_LENGTH_NO_DECREASE"));
}

TEST_CASE("versioning.release_tags chooses which tags are releases", "[transitive][e2e]") {
  Repo repo;
  MakeSchemaHistory(repo,
                    "version: 1\nbreaking:\n  jsonschema: BACKWARD_TRANSITIVE\n"
                    "versioning:\n  release_tags: [\"release-*\"]\n");
  // v1.0.0 is not a release under this pattern; release-1 is the same commit.
  auto none = repo.Run("--against HEAD");
  INFO(none.out << none.err);
  CHECK(none.exit_code == 0);
  Git("tag release-1 v1.0.0", repo.path());
  auto tagged = repo.Run("--against HEAD");
  INFO(tagged.out << tagged.err);
  CHECK(tagged.exit_code == 1);
  CHECK(Has(tagged.out, "MAX_LENGTH_NO_DECREASE"));
  CHECK(Has(tagged.out, "(against release release-1)"));
}

TEST_CASE("a per-contract registry BACKWARD_TRANSITIVE level reads every release",
          "[transitive][registry][e2e]") {
  Repo repo;
  repo.Write("contract-lint.yaml",
             "version: 1\ncontracts:\n  - name: order-events\n    paths: [\"proto/**\"]\n"
             "    breaking: {registry: BACKWARD_TRANSITIVE}\n");
  const std::string head =
      "syntax = \"proto3\";\n\npackage acme.events.v1;\n\nmessage Order {\n"
      "  string id = 1;\n";
  repo.Write("proto/order.proto", head + "  string note = 3;\n}\n");
  repo.Commit("v1");
  Git("tag v1", repo.path());
  // v2 removed `note` (the registry accepts a removal under BACKWARD).
  repo.Write("proto/order.proto", head + "}\n");
  Git("commit -qam v2", repo.path());
  Git("tag v2", repo.path());
  // Field 3 comes back as an int32: new against v2, another wire group than v1's string.
  repo.Write("proto/order.proto", head + "  int32 note = 3;\n}\n");

  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out, "proto/order.proto:7:3: error: REGISTRY_FIELD_SCALAR_GROUP_CHANGED: "));
  CHECK(Has(result.out, "(against release v1)"));

  // The same level without _TRANSITIVE sees only the added field.
  repo.Write("contract-lint.yaml",
             "version: 1\ncontracts:\n  - name: order-events\n    paths: [\"proto/**\"]\n"
             "    breaking: {registry: BACKWARD}\n");
  auto plain = repo.Run("--against HEAD");
  INFO(plain.out << plain.err);
  CHECK(plain.exit_code == 0);
  CHECK(!Has(plain.out, "REGISTRY_FIELD_SCALAR_GROUP_CHANGED"));
}

TEST_CASE("a release whose schemas do not load is named in a warning, not judged",
          "[transitive][e2e]") {
  Repo repo;
  repo.Write("contract-lint.yaml", "version: 1\nbreaking:\n  jsonschema: BACKWARD_TRANSITIVE\n");
  repo.Write("schemas/customer.schema.json", "{\n  \"type\": \"object\",\n}\n");
  repo.Commit("v1.0.0");
  Git("tag v1.0.0", repo.path());
  repo.Write("schemas/customer.schema.json", NameSchema(100));
  repo.Commit("v1.1.0");
  repo.Write("schemas/customer.schema.json", NameSchema(80));
  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  // Against the baseline (v1.1.0) the cut from 100 to 80 breaks; v1.0.0 cannot be judged.
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out, "schemas/customer.schema.json:5:45: error: MAX_LENGTH_NO_DECREASE: "));
  CHECK(!Has(result.out, "(against release v1.0.0)"));
  CHECK(Has(result.err,
            "schemas/customer.schema.json:3:1: warning: release v1.0.0 was not "
            "judged: its contracts do not load ("));
}

TEST_CASE("a release whose Protobuf files do not compile is named in a warning, not judged",
          "[transitive][registry][e2e]") {
  Repo repo;
  repo.Write("contract-lint.yaml", "version: 1\nbreaking:\n  registry: BACKWARD_TRANSITIVE\n");
  const std::string head =
      "syntax = \"proto3\";\n\npackage acme.events.v1;\n\nmessage Order {\n"
      "  string id = 1;\n";
  repo.Write("proto/order.proto", head + "  Missing note = 3;\n}\n");  // does not compile
  repo.Commit("v1");
  Git("tag v1", repo.path());
  repo.Write("proto/order.proto", head + "}\n");
  Git("commit -qam v2", repo.path());
  repo.Write("proto/order.proto", head + "  int32 note = 3;\n}\n");

  auto result = repo.Run("--against HEAD");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);  // v2 -> working tree adds a field: accepted
  CHECK(Has(result.err,
            "proto/order.proto:7:3: warning: release v1 was not judged: its "
            "contracts do not load ("));
  CHECK(Has(result.err, "Missing"));
}

TEST_CASE("outside git, a _TRANSITIVE mode warns that only the baseline was judged",
          "[transitive][e2e]") {
  TempDir dirs;
  WriteFile(dirs.path(), "previous/customer.schema.json", NameSchema(100));
  WriteFile(dirs.path(), "current/customer.schema.json", NameSchema(100));
  WriteFile(dirs.path(), "current/contract-lint.yaml",
            "version: 1\nbreaking:\n  jsonschema: FULL_TRANSITIVE\n");
  auto result = RunTool("current --against previous --color never", dirs.path());
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(Has(result.err, "only the baseline was judged"));
}

}  // namespace
}  // namespace contract_lint
