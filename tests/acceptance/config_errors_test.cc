// Issue 5, "must show": an invalid configuration exits 2 with the key path
// and a suggestion, and no comparison runs: the repository holds a breaking
// change that a valid configuration reports, and stdout stays empty.
#include <catch2/catch.hpp>

#include "acceptance/acceptance_support.h"

namespace contract_lint::acceptance {
namespace {

void MakeBrokenRepo(const Repo& repo) {
  repo.Write("proto/acme/orders/v1/orders.proto", kOrdersProto);
  repo.Commit();
  repo.Edit("proto/acme/orders/v1/orders.proto", "int32 total", "string total");
}

// Exit 2 and every fragment on stderr; nothing compared: no text on stdout,
// and the JSON report holds the diagnostic, no findings and no files.
void ExpectConfigError(const Repo& repo, const std::string& file, const std::string& config,
                       const std::vector<std::string>& fragments, const std::string& args = "") {
  repo.Write(file, config);
  INFO("config " << file << ":\n" << config);
  auto text = repo.Run("--since main " + args);
  INFO("stdout:\n" << text.out << "stderr:\n" << text.err);
  CHECK(text.exit_code == 2);
  CHECK(text.out.empty());
  CHECK(text.err.find("error: FIELD_SAME_TYPE: Field") == std::string::npos);
  CHECK(text.err.starts_with(file + ":"));
  for (const auto& fragment : fragments) CHECK(text.err.find(fragment) != std::string::npos);

  int exit_code = -1;
  auto report = repo.RunJson("--since main " + args, &exit_code);
  CHECK(exit_code == 2);
  CHECK(report["findings"].empty());
  CHECK(report["summary"]["changed_files"] == 0);
  CHECK(report["summary"]["proto_files"] == 0);
  REQUIRE(report["diagnostics"].size() >= 1);
  CHECK(report["diagnostics"][0]["path"] == file);
  std::string message = report["diagnostics"][0]["message"];
  for (const auto& fragment : fragments) CHECK(message.find(fragment) != std::string::npos);
}

TEST_CASE("invalid config: the valid one reports the break (control)", "[acceptance][config]") {
  Repo repo;
  MakeBrokenRepo(repo);
  repo.Write("contract-lint.yaml", "version: 1\nbreaking:\n  use: [FILE]\n");
  auto result = repo.Run("--since main");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("proto/acme/orders/v1/orders.proto:7:3: error: FIELD_SAME_TYPE:") !=
        std::string::npos);
}

TEST_CASE("invalid config: an unknown key names its path and the nearest key",
          "[acceptance][config]") {
  Repo repo;
  MakeBrokenRepo(repo);
  ExpectConfigError(repo, "contract-lint.yaml", "version: 1\nbreaking:\n  uze: [FILE]\n",
                    {"breaking.uze", "unknown key \"uze\"", "did you mean \"use\"?"});
  ExpectConfigError(
      repo, "contract-lint.yaml",
      "version: 1\nconsumers:\n  - name: billing\n    usess: [acme.orders.v1.Order]\n",
      {"consumers[0].usess", "did you mean \"uses\"?"});
}

TEST_CASE("invalid config: a misspelled rule id names its path and the nearest rule",
          "[acceptance][config]") {
  Repo repo;
  MakeBrokenRepo(repo);
  ExpectConfigError(repo, "contract-lint.yaml", "version: 1\nbreaking:\n  use: [FIELD_SAME_TYP]\n",
                    {"breaking.use[0]", "\"FIELD_SAME_TYP\"", "did you mean \"FIELD_SAME_TYPE\"?"});
  ExpectConfigError(repo, "contract-lint.yaml",
                    "version: 1\nbreaking:\n  except: [FEILD_NO_DELETE]\n",
                    {"breaking.except[0]", "did you mean \"FIELD_NO_DELETE\"?"});
  ExpectConfigError(repo, "contract-lint.yaml",
                    "version: 1\nbreaking:\n  ignore_only: {FIELD_SAME_TYPO: [\"proto/**\"]}\n",
                    {"breaking.ignore_only.FIELD_SAME_TYPO", "did you mean \"FIELD_SAME_TYPE\"?"});
}

TEST_CASE("invalid config: a value of the wrong type names its key path", "[acceptance][config]") {
  Repo repo;
  MakeBrokenRepo(repo);
  ExpectConfigError(repo, "contract-lint.yaml", "version: 1\nbreaking:\n  use: FILE\n",
                    {"breaking.use"});
  ExpectConfigError(repo, "contract-lint.yaml", "version: 1\nproto:\n  roots: proto\n",
                    {"proto.roots"});
}

TEST_CASE("invalid config: the same checks for contract-lint.json and --config FILE",
          "[acceptance][config]") {
  Repo repo;
  MakeBrokenRepo(repo);
  ExpectConfigError(repo, "contract-lint.json", R"({"version": 1, "breaking": {"uze": ["FILE"]}})",
                    {"breaking.uze", "did you mean \"use\"?"});
  std::filesystem::remove(repo.path() / "contract-lint.json");
  ExpectConfigError(repo, "ci/lint.yaml", "version: 1\nbreaking:\n  use: [WIRE_JSNO]\n",
                    {"breaking.use[0]", "did you mean \"WIRE_JSON\"?"}, "--config ci/lint.yaml");
}

}  // namespace
}  // namespace contract_lint::acceptance
