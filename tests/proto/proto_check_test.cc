// CheckProto over in-memory snapshots: loading errors become diagnostics with
// path:line:col, and a few findings carry buf's exact text and span. The
// fixture runner (tests/core/fixture_runner_test.cc) covers every rule.
#include "proto/proto_check.h"

#include <catch2/catch.hpp>

#include "contract_lint/snapshot.h"
#include "proto/proto_rule_fns.h"
#include "rules/rule_rows.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

struct Outcome {
  ProtoStats stats;
  std::vector<Finding> findings;
  std::vector<Diagnostic> diagnostics;
};

Outcome Check(std::map<std::string, std::string> before, std::map<std::string, std::string> after,
              ProtoSettings settings = {}) {
  MemorySnapshot against(std::move(before)), current(std::move(after));
  Outcome outcome;
  Diagnostics diagnostics;
  outcome.stats = CheckProto(against, current, settings, &outcome.findings, &diagnostics);
  outcome.diagnostics = diagnostics.Sorted();
  return outcome;
}

const Finding* FindingOf(const Outcome& outcome, std::string_view rule) {
  for (const auto& f : outcome.findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

const char kOrder[] =
    "syntax = \"proto3\";\npackage acme.v1;\nmessage Order {\n  int32 total = 2;\n}\n";

TEST_CASE("a syntax error is a diagnostic with a 1-based location", "[proto]") {
  auto outcome = Check({{"a.proto", kOrder}},
                       {{"a.proto", "syntax = \"proto3\";\nmessage M {\n  int32 x = 1\n}\n"}});
  REQUIRE(outcome.diagnostics.size() == 1);
  CHECK(FormatDiagnostic(outcome.diagnostics[0]) == "a.proto:4:1: error: Expected \";\".");
  CHECK(outcome.findings.empty());
}

TEST_CASE("every syntax error of every file is reported", "[proto]") {
  auto outcome = Check({}, {{"a.proto", "syntax = \"proto3\";\nmessage {}\n"},
                            {"b.proto", "syntax = \"proto3\";\nenum E { A = ; }\n"}});
  REQUIRE(outcome.diagnostics.size() >= 2);
  CHECK(outcome.diagnostics[0].path == "a.proto");
  CHECK(outcome.diagnostics.back().path == "b.proto");
}

TEST_CASE("a missing import names the importing file and line", "[proto]") {
  auto outcome = Check({}, {{"b.proto", "syntax = \"proto3\";\nimport \"missing.proto\";\n"}});
  REQUIRE_FALSE(outcome.diagnostics.empty());
  CHECK(FormatDiagnostic(outcome.diagnostics[0]) ==
        "b.proto:2:1: error: import \"missing.proto\" not found in roots [.]; add its directory "
        "to proto.roots or vendor it");
  CHECK(outcome.diagnostics.size() == 1);  // no location-less "File not found."
}

TEST_CASE("an editions file gets a clear diagnostic, not a crash", "[proto]") {
  auto outcome = Check({}, {{"e.proto", "// header\nedition = \"2023\";\npackage e;\n"}});
  REQUIRE(outcome.diagnostics.size() == 1);
  CHECK(outcome.diagnostics[0].path == "e.proto");
  CHECK(outcome.diagnostics[0].line == 2);
  CHECK(outcome.diagnostics[0].column == 1);
  CHECK_THAT(outcome.diagnostics[0].message, Catch::Contains("editions need libprotobuf >= 27"));
  CHECK_THAT(outcome.diagnostics[0].message, Catch::Contains("\"e.proto\""));
}

TEST_CASE("the well-known types resolve from the embedded copies", "[proto]") {
  std::string file =
      "syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\n"
      "message M {\n  google.protobuf.Timestamp at = 1;\n}\n";
  auto outcome = Check({{"m.proto", file}}, {{"m.proto", file + "// changed\n"}});
  CHECK(outcome.diagnostics.empty());
  CHECK(outcome.findings.empty());
  CHECK(outcome.stats.files == 1);
  CHECK(outcome.stats.changed == 1);
}

TEST_CASE("identical contracts are not loaded at all", "[proto]") {
  auto outcome = Check({{"a.proto", "not protobuf"}}, {{"a.proto", "not protobuf"}});
  CHECK(outcome.diagnostics.empty());
  CHECK(outcome.stats.files == 1);
  CHECK(outcome.stats.changed == 0);
}

TEST_CASE("roots map import paths back to repository paths and excludes are not contracts",
          "[proto]") {
  ProtoSettings settings;
  settings.roots = {"proto"};
  settings.exclude = {"proto/legacy"};
  std::string changed = kOrder;
  changed.replace(changed.find("int32"), 5, "int64");
  auto outcome =
      Check({{"proto/acme/v1/order.proto", kOrder}, {"proto/legacy/old.proto", "junk"}},
            {{"proto/acme/v1/order.proto", changed}, {"other/x.proto", "junk"}}, settings);
  CHECK(outcome.diagnostics.empty());
  CHECK(outcome.stats.files == 1);
  const Finding* f = FindingOf(outcome, "FIELD_SAME_TYPE");
  REQUIRE(f);
  CHECK(f->location.path == "proto/acme/v1/order.proto");
  CHECK(f->location.line == 4);
  CHECK(f->location.column == 3);
  CHECK(f->location.end_line == 4);
  CHECK(f->location.end_column == 8);
  CHECK(f->message ==
        "Field \"2\" with name \"total\" on message \"Order\" changed type from \"int32\" to "
        "\"int64\".");
  CHECK(f->subject == "acme.v1.Order.total");
  CHECK(f->before == "int32");
  CHECK(f->after == "int64");
  CHECK(f->kind == ContractKind::kProto);
}

TEST_CASE("a deleted file has no location", "[proto]") {
  auto outcome = Check({{"a.proto", kOrder}}, {});
  const Finding* f = FindingOf(outcome, "FILE_NO_DELETE");
  REQUIRE(f);
  CHECK(f->location.path.empty());
  CHECK(f->message == "Previously present file \"a.proto\" was deleted.");
}

TEST_CASE("every Protobuf row has a purpose and deprecated rows are replaced or no-ops",
          "[proto]") {
  int rows = 0;
  for (const RuleInfo& rule : ProtoRuleRows()) {
    ++rows;
    CHECK(std::string(rule.purpose).starts_with("Checks that "));
    if (rule.categories == 0) {
      CHECK(ProtoRuleCheck(rule.id) == nullptr);
    } else {
      CHECK(ProtoRuleCheck(rule.id) != nullptr);
    }
  }
  CHECK(rows == 69);  // docs/proto-rules.md plus the deprecated v1 ids
  REQUIRE(FindRule("FIELD_SAME_LABEL"));
  CHECK(FindRule("FIELD_SAME_LABEL")->replaced_by ==
        "FIELD_SAME_CARDINALITY,FIELD_WIRE_COMPATIBLE_CARDINALITY,"
        "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY");
}

}  // namespace
}  // namespace contract_lint
