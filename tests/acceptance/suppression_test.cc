// Issue 5, "must show": every suppression form of SPEC works end to end, is
// counted in the summary ("N suppressed") and is shown with
// --show-suppressed; a baseline still suppresses after 20 lines are added
// above the finding. Each case first shows the finding unsuppressed, so a
// suppression that does nothing cannot pass.
#include <catch2/catch.hpp>
#include <set>

#include "acceptance/acceptance_support.h"

namespace contract_lint::acceptance {
namespace {

const char* kOrders = R"(syntax = "proto3";

package acme.orders.v1;

message Order {
  string id = 1;
  int32 total = 2;
  int32 count = 3;
}
)";

const char* kLegacy = R"(syntax = "proto3";

package acme.legacy.v1;

message Old {
  string a = 1;
  string b = 2;
}
)";

void MakeRepo(const Repo& repo) {
  repo.Write("proto/orders.proto", kOrders);
  repo.Write("proto/legacy/old.proto", kLegacy);
  repo.Write("schemas/event.schema.json", kEventSchema);
  repo.Commit();
}

std::string Summary(int breaking, int suppressed) {
  return std::to_string(breaking) + (breaking == 1 ? " breaking change" : " breaking changes") +
         ", 0 warnings, 0 infos, " + std::to_string(suppressed) + " suppressed";
}

// Runs check twice (plain and --show-suppressed) and checks that exactly
// `lines` are suppressed by `by`, counted, hidden by default and shown on request.
void ExpectSuppressed(const Repo& repo, const std::string& args,
                      const std::vector<std::string>& lines, const std::string& by) {
  auto plain = repo.Run("--since main " + args);
  INFO("stdout:\n" << plain.out << "stderr:\n" << plain.err);
  CHECK(plain.exit_code == 0);
  CHECK(FindingLines(plain.out).empty());
  CHECK(plain.out.find(Summary(0, static_cast<int>(lines.size()))) != std::string::npos);

  auto shown = repo.Run("--since main --show-suppressed " + args);
  INFO("--show-suppressed stdout:\n" << shown.out);
  CHECK(shown.exit_code == 0);
  std::vector<std::string> expected;
  for (const auto& line : lines) expected.push_back(line + " [suppressed: " + by + "]");
  CHECK(FindingLines(shown.out) == expected);

  int exit_code = -1;
  auto report = repo.RunJson("--since main --show-suppressed " + args, &exit_code);
  CHECK(exit_code == 0);
  CHECK(report["summary"]["suppressed"] == lines.size());
  CHECK(report["summary"]["errors"] == 0);
  REQUIRE(report["findings"].size() == lines.size());
  for (const auto& f : report["findings"]) {
    CHECK(f["suppressed"] == true);
    CHECK(f["suppressed_by"] == by);
  }
}

void ExpectBreaking(const Repo& repo, const std::string& args,
                    const std::vector<std::string>& lines) {
  auto result = repo.Run("--since main " + args);
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  CHECK(result.exit_code == 1);
  CHECK(FindingLines(result.out) == lines);
}

constexpr const char* kTotalLine =
    "proto/orders.proto:7:3: error: FIELD_SAME_TYPE: Field \"2\" with name \"total\" on message "
    "\"Order\" "
    "changed type from \"int32\" to \"string\".";
constexpr const char* kCountLine =
    "proto/orders.proto:8:3: error: FIELD_SAME_TYPE: Field \"3\" with name \"count\" on message "
    "\"Order\" "
    "changed type from \"int32\" to \"int64\".";
constexpr const char* kAmountLine =
    "schemas/event.schema.json:6:24: error: TYPE_NO_CHANGE: \"#/properties/amount\" type changed "
    "from "
    "\"integer\" to \"string\": documents valid before are now rejected, and readers on the old "
    "schema "
    "reject new documents; e.g. 0 is accepted before and rejected now; e.g. \"\" is accepted now "
    "and rejected before";
constexpr const char* kLegacyLine =
    "proto/legacy/old.proto:5:1: error: FIELD_NO_DELETE: Previously present field \"2\" with name "
    "\"b\" on "
    "message \"Old\" was deleted.";

TEST_CASE("suppression: // contract-lint:ignore above and on the element's line in a .proto",
          "[acceptance][suppression]") {
  Repo repo;
  MakeRepo(repo);
  // Two comment lines above `total` (line 9), `count` on line 10 with a trailing comment.
  auto write = [&](const std::string& above, const std::string& trailing) {
    repo.Write(
        "proto/orders.proto",
        Replace(kOrders, "  int32 total = 2;\n  int32 count = 3;\n",
                "  // " + above + "\n  // (ADR-12)\n  string total = 2;\n  int64 count = 3;" +
                    trailing + "\n"));
  };
  std::string total = Replace(kTotalLine, ":7:3:", ":9:3:");
  std::string count = Replace(kCountLine, ":8:3:", ":10:3:");
  write("totals are strings now", "");
  ExpectBreaking(repo, "", {total, count});

  // A marker for another rule suppresses nothing.
  write("contract-lint:ignore FIELD_NO_DELETE not this rule",
        "  // contract-lint:ignore FIELD_NO_DELETE");
  ExpectBreaking(repo, "", {total, count});

  write("contract-lint:ignore FIELD_SAME_TYPE totals are strings now",
        "  // contract-lint:ignore FIELD_SAME_TYPE counts only grow");
  ExpectSuppressed(repo, "", {total, count}, "inline");
}

TEST_CASE("suppression: \"x-contract-lint-ignore\" in a JSON subschema",
          "[acceptance][suppression]") {
  Repo repo;
  MakeRepo(repo);
  repo.Edit("schemas/event.schema.json", R"("amount": {"type": "integer"})",
            R"("amount": {"type": "string"})");
  ExpectBreaking(repo, "", {kAmountLine});

  repo.Edit("schemas/event.schema.json", R"("amount": {"type": "string"})",
            R"("amount": {"type": "string", "x-contract-lint-ignore": ["PROPERTY_NO_DELETE"]})");
  ExpectBreaking(repo, "", {kAmountLine});

  repo.Edit("schemas/event.schema.json", R"(["PROPERTY_NO_DELETE"])", R"(["TYPE_NO_CHANGE"])");
  ExpectSuppressed(repo, "", {kAmountLine}, "inline");
}

// A changed definition shared by two uses is a finding at each use (issue
// 14): an ignore at one use hides that use only, not the other nor the
// definition.
TEST_CASE("suppression: an ignore at one use of a shared definition hides only that use",
          "[acceptance][suppression]") {
  Repo repo;
  repo.Write("schemas/invoice.schema.json", R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "total": {"$ref": "#/$defs/money"},
    "tax": {"$ref": "#/$defs/money"}
  },
  "$defs": {"money": {"type": "number", "minimum": 0}}
}
)");
  repo.Commit();
  repo.Edit("schemas/invoice.schema.json", R"("minimum": 0)", R"("minimum": 1)");
  auto subjects = [&](bool suppressed) {
    int exit_code = -1;
    auto report = repo.RunJson("--since main --show-suppressed", &exit_code);
    CHECK(exit_code == 1);
    std::set<std::string> out;
    for (const auto& f : FindingsWithRule(report, "MINIMUM_NO_INCREASE")) {
      if (f.value("suppressed", false) == suppressed) out.insert(f["subject"].get<std::string>());
    }
    return out;
  };
  const std::string file = "schemas/invoice.schema.json#";
  CHECK(subjects(false) == std::set<std::string>{file + "/$defs/money", file + "/properties/total",
                                                 file + "/properties/tax"});
  repo.Edit(
      "schemas/invoice.schema.json", R"("tax": {"$ref": "#/$defs/money"})",
      R"("tax": {"$ref": "#/$defs/money", "x-contract-lint-ignore": ["MINIMUM_NO_INCREASE"]})");
  CHECK(subjects(false) ==
        std::set<std::string>{file + "/$defs/money", file + "/properties/total"});
  CHECK(subjects(true) == std::set<std::string>{file + "/properties/tax"});
}

TEST_CASE("suppression: config ignore (a path glob) and ignore_only (a rule on paths)",
          "[acceptance][suppression]") {
  Repo repo;
  MakeRepo(repo);
  repo.Edit("proto/legacy/old.proto", "  string b = 2;\n", "");
  repo.Edit("schemas/event.schema.json", R"("amount": {"type": "integer"})",
            R"("amount": {"type": "string"})");
  ExpectBreaking(repo, "", {kLegacyLine, kAmountLine});

  SECTION("ignore") {
    repo.Write("contract-lint.yaml", "version: 1\nbreaking:\n  ignore: [\"proto/legacy/**\"]\n");
    ExpectBreaking(repo, "", {kAmountLine});
    auto shown = repo.Run("--since main --show-suppressed");
    CHECK(FindingLines(shown.out) ==
          std::vector<std::string>{std::string(kLegacyLine) + " [suppressed: config ignore]",
                                   kAmountLine});
    CHECK(shown.out.find(Summary(1, 1)) != std::string::npos);

    repo.Write(
        "contract-lint.yaml",
        "version: 1\nbreaking:\n  ignore: [\"proto/legacy/**\", \"schemas/event.schema.json\"]\n");
    ExpectSuppressed(repo, "", {kLegacyLine, kAmountLine}, "config ignore");
  }
  SECTION("ignore_only") {
    // The rule must match: the other finding in the same paths stays.
    repo.Write("contract-lint.yaml",
               "version: 1\nbreaking:\n  ignore_only:\n    TYPE_NO_CHANGE: [\"schemas/**\"]\n"
               "    FIELD_SAME_TYPE: [\"proto/legacy/**\"]\n");
    ExpectBreaking(repo, "", {kLegacyLine});
    repo.Write("contract-lint.yaml",
               "version: 1\nbreaking:\n  ignore_only:\n    TYPE_NO_CHANGE: [\"schemas/**\"]\n"
               "    FIELD_NO_DELETE: [\"proto/legacy\"]\n");
    ExpectSuppressed(repo, "", {kLegacyLine, kAmountLine}, "config ignore_only");
  }
}

// 20 lines (comments and a new message) inserted above `message Order`.
std::string Padded(const std::string& proto) {
  std::string pad;
  for (int i = 0; i < 10; ++i) pad += "// padding " + std::to_string(i) + "\n";
  pad += "message Pad {\n";
  for (int i = 1; i <= 8; ++i)
    pad += "  string p" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
  pad += "}\n";
  return Replace(proto, "message Order {", pad + "message Order {");
}

TEST_CASE("suppression: a baseline file survives 20 new lines above the finding",
          "[acceptance][suppression]") {
  Repo repo;
  MakeRepo(repo);
  repo.Edit("proto/orders.proto", "int32 total", "string total");
  repo.Edit("schemas/event.schema.json", R"("amount": {"type": "integer"})",
            R"("amount": {"type": "string"})");
  ExpectBreaking(repo, "", {kTotalLine, kAmountLine});

  auto baseline_file = repo.path() / "contract-lint-baseline.json";
  std::string baseline = "contract-lint-baseline.json";
  auto written = testing::RunTool("baseline --since main -o " + baseline, repo.path());
  INFO(written.out << written.err);
  REQUIRE(written.exit_code == 0);
  auto accepted = nlohmann::json::parse(testing::ReadFile(baseline_file));
  CHECK(accepted["findings"].size() == 2);

  ExpectSuppressed(repo, "--baseline " + baseline, {kTotalLine, kAmountLine}, "baseline");

  // 20 lines above both findings; the locations move, the fingerprints do not.
  repo.Write("proto/orders.proto", Padded(repo.Read("proto/orders.proto")));
  std::string schema_pad = "  \"$defs\": {\n";
  for (int i = 0; i < 18; ++i) {
    schema_pad +=
        "    \"pad" + std::to_string(i) + "\": {\"type\": \"string\"}" + (i < 17 ? ",\n" : "\n");
  }
  schema_pad += "  },\n";
  repo.Edit("schemas/event.schema.json", "  \"properties\": {\n",
            schema_pad + "  \"properties\": {\n");
  std::string moved_total =
      Replace(kTotalLine, "proto/orders.proto:7:3:", "proto/orders.proto:27:3:");
  std::string moved_amount =
      Replace(kAmountLine, "schemas/event.schema.json:6:24:", "schemas/event.schema.json:26:24:");
  ExpectBreaking(repo, "", {moved_total, moved_amount});
  ExpectSuppressed(repo, "--baseline " + baseline, {moved_total, moved_amount}, "baseline");

  // A new break is not in the baseline.
  repo.Edit("proto/orders.proto", "int32 count", "int64 count");
  std::string moved_count =
      Replace(kCountLine, "proto/orders.proto:8:3:", "proto/orders.proto:28:3:");
  auto fresh = repo.Run("--since main --baseline " + baseline);
  INFO(fresh.out << fresh.err);
  CHECK(fresh.exit_code == 1);
  CHECK(FindingLines(fresh.out) == std::vector<std::string>{moved_count});
  CHECK(fresh.out.find(Summary(1, 2)) != std::string::npos);
}

}  // namespace
}  // namespace contract_lint::acceptance
