// Sample counts and exercised_by in every report format that carries them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "contract_lint/lint.h"
#include "report/report.h"

namespace contract_lint {
namespace {

Report SampleReport() {
  Report r;
  r.current = "working tree";
  r.against = "HEAD";
  Finding change;
  change.rule = "FIELD_NO_DELETE";
  change.kind = ContractKind::kProto;
  change.location = Location{"proto/orders.proto", 5, 3, 5, 20, Side::kCurrent};
  change.message =
      "Previously present field \"2\" with name \"note\" on message \"Order\" was deleted.";
  change.subject = "acme.Order.note";
  change.affected = {"billing"};
  change.exercised_by = {"consumers/billing/a.json"};
  Finding rejected;
  rejected.rule = "SAMPLE_REJECTED";
  rejected.kind = ContractKind::kProto;
  rejected.location = Location{"consumers/billing/a.json", 3, 11, 3, 11, Side::kCurrent};
  rejected.message =
      "Sample \"consumers/billing/a.json\" of consumer \"billing\" is rejected by acme.Order.";
  rejected.subject = "acme.Order";
  rejected.affected = {"billing"};
  rejected.exercised_by = {"consumers/billing/a.json"};
  r.findings = {rejected, change};
  for (auto& f : r.findings) f.fingerprint = Fingerprint(f);
  r.summary.errors = 2;
  ConsumerImpact billing;
  billing.name = "billing";
  billing.owner = "team-billing";
  billing.breaking = 2;
  billing.rules = {"FIELD_NO_DELETE", "SAMPLE_REJECTED"};
  billing.samples_checked = 3;
  billing.samples_rejected = 1;
  ConsumerImpact search;  // samples only, nothing breaking
  search.name = "search";
  search.samples_checked = 2;
  r.consumers = {billing, search};
  return r;
}

TEST_CASE("text: samples per consumer and the samples exercising a change", "[samples][report]") {
  std::string out = RenderReport(SampleReport(), ReportFormat::kText, {});
  CHECK(out.find(
            "proto/orders.proto:5:3: error: FIELD_NO_DELETE: Previously present field \"2\" with "
            "name \"note\" on message \"Order\" was deleted.\n"
            "  exercised by sample consumers/billing/a.json\n") != std::string::npos);
  CHECK(out.find("consumer billing (team-billing): 2 breaking changes [FIELD_NO_DELETE, "
                 "SAMPLE_REJECTED]; samples: 3 checked, 1 rejected\n") != std::string::npos);
  CHECK(out.find("consumer search: 0 breaking changes; samples: 2 checked, 0 rejected\n") !=
        std::string::npos);
  // A sample finding does not repeat its own path as "exercised by".
  CHECK(out.find("  exercised by sample consumers/billing/a.json\n") ==
        out.rfind("  exercised by sample consumers/billing/a.json\n"));
}

TEST_CASE("JSON: samples_checked, samples_rejected and exercised_by", "[samples][report]") {
  auto doc = nlohmann::json::parse(RenderReport(SampleReport(), ReportFormat::kJson, {}));
  REQUIRE(doc["consumers"].size() == 2);
  CHECK(doc["consumers"][0]["samples_checked"] == 3);
  CHECK(doc["consumers"][0]["samples_rejected"] == 1);
  CHECK(doc["consumers"][1]["name"] == "search");
  CHECK(doc["consumers"][1]["samples_checked"] == 2);
  CHECK(doc["findings"][1]["exercised_by"] == nlohmann::json::array({"consumers/billing/a.json"}));
}

TEST_CASE("SARIF: sample counts in the run properties, exercisedBy on results",
          "[samples][report]") {
  auto doc = nlohmann::json::parse(RenderReport(SampleReport(), ReportFormat::kSarif, {}));
  const auto& run = doc["runs"][0];
  CHECK(run["properties"]["consumerSamples"] ==
        nlohmann::json::parse(R"([{"consumer":"billing","checked":3,"rejected":1},
                                  {"consumer":"search","checked":2,"rejected":0}])"));
  CHECK(run["results"][1]["properties"]["exercisedBy"] ==
        nlohmann::json::array({"consumers/billing/a.json"}));
}

TEST_CASE("Markdown: sample counts per consumer", "[samples][report]") {
  std::string out = RenderReport(SampleReport(), ReportFormat::kMarkdown, {});
  CHECK(out.find("- **search**: 0 breaking changes; samples: 2 checked, 0 rejected\n") !=
        std::string::npos);
  CHECK(out.find("Exercised by `consumers/billing/a.json`.") != std::string::npos);
}

}  // namespace
}  // namespace contract_lint
