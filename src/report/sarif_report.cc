// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
#include <map>
#include <nlohmann/json.hpp>

#include "policy/rule_table.h"
#include "report/report.h"

namespace contract_lint {
namespace {

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "error";
}

}  // namespace

std::string RenderSarif(const Report& report, const RenderOptions& options) {
  auto visible = VisibleFindings(report, options);
  // One rules entry per rule used, in first-use order; results point at them by index.
  std::map<std::string, size_t> rule_index;
  nlohmann::json rules = nlohmann::json::array();
  nlohmann::json results = nlohmann::json::array();
  for (const Finding* f : visible) {
    auto [it, inserted] = rule_index.emplace(f->rule, rules.size());
    if (inserted) {
      const RuleInfo* info = FindRule(f->rule);
      std::string purpose = info ? std::string(info->purpose) : f->rule;
      rules.push_back({{"id", f->rule},
                       {"name", f->rule},
                       {"shortDescription", {{"text", purpose}}},
                       {"fullDescription", {{"text", purpose}}},
                       {"help", {{"text", purpose + " Run `contract-lint explain " + f->rule +
                                              "` for how to evolve the contract safely."}}},
                       {"properties", {{"kind", KindName(f->kind)}}}});
    }
    nlohmann::json result = {
        {"ruleId", f->rule},
        {"ruleIndex", it->second},
        {"level", SarifLevel(f->severity)},
        {"message", {{"text", f->message}}},
        {"partialFingerprints", {{"contractLint/v1", f->fingerprint}}},
        {"properties",
         {{"subject", f->subject},
          {"kind", KindName(f->kind)},
          {"affected", f->affected},
          {"owner", f->owner},
          {"contract", f->contract}}},
    };
    Location location = FileLocation(*f);
    if (!location.path.empty()) {
      nlohmann::json region = {{"startLine", location.line}, {"startColumn", location.column}};
      if (location.end_line > 0) region["endLine"] = location.end_line;
      if (location.end_column > 0) region["endColumn"] = location.end_column;
      result["locations"] = nlohmann::json::array(
          {{{"physicalLocation",
             {{"artifactLocation", {{"uri", location.path}, {"uriBaseId", "%SRCROOT%"}}},
              {"region", region}}}}});
      if (location.side == Side::kAgainst) result["properties"]["side"] = "against";
    }
    if (f->suppressed) {
      result["suppressions"] = nlohmann::json::array(
          {{{"kind", "external"}, {"justification", f->suppressed_by}}});
    }
    results.push_back(std::move(result));
  }
  nlohmann::json doc = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       nlohmann::json::array(
           {{{"tool",
              {{"driver",
                {{"name", "contract-lint"},
                 {"version", CONTRACT_LINT_VERSION},
                 {"informationUri", "https://github.com/contract-lint/contract-lint"},
                 {"rules", rules}}}}},
             {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", "file:///"}}}}},
             {"results", results}}})},
  };
  doc["runs"][0].erase("originalUriBaseIds");
  return doc.dump(2) + "\n";
}

}  // namespace contract_lint
