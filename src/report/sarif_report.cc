// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
#include <map>
#include <nlohmann/json.hpp>

#include "report/report.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "note";
  }
  return "error";
}

// artifactLocation.uri must be a URI reference: percent-encode every byte
// outside RFC 3986 unreserved characters and "/" (so a path holding "%", "#",
// "?", ":" or a space still names the file, not a fragment or a scheme).
std::string UriReference(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// Whether the run completed; a run that exits 2 lists its input errors as
// notifications (code scanning shows them instead of a green "no results").
nlohmann::json Invocation(const Report& report) {
  nlohmann::json invocation = {{"executionSuccessful", report.diagnostics.empty()}};
  if (report.diagnostics.empty()) return invocation;
  nlohmann::json notifications = nlohmann::json::array();
  for (const auto& d : report.diagnostics) {
    nlohmann::json notification = {{"level", "error"}, {"message", {{"text", d.message}}}};
    if (!d.path.empty()) {
      nlohmann::json physical = {
          {"artifactLocation", {{"uri", UriReference(d.path)}, {"uriBaseId", "%SRCROOT%"}}}};
      if (d.line > 0) {
        physical["region"] = {{"startLine", d.line}};
        if (d.column > 0) physical["region"]["startColumn"] = d.column;
      }
      notification["locations"] =
          nlohmann::json::array({{{"physicalLocation", std::move(physical)}}});
    }
    notifications.push_back(std::move(notification));
  }
  invocation["toolExecutionNotifications"] = std::move(notifications);
  return invocation;
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
      const RuleInfo* info = FindRule(f->rule, f->kind);
      // A rule missing from the table (it should not happen) still gets sentences.
      std::string purpose = info ? std::string(info->purpose) : "Contract rule " + f->rule + ".";
      rules.push_back({{"id", f->rule},
                       {"name", f->rule},
                       {"shortDescription", {{"text", purpose}}},
                       {"fullDescription", {{"text", purpose}}},
                       {"help",
                        {{"text", purpose + " Run `contract-lint explain " + f->rule +
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
    if (!f->exercised_by.empty()) result["properties"]["exercisedBy"] = f->exercised_by;
    // A location in the baseline never becomes a line of the current file
    // (that line holds something else): the result points at the whole file
    // (GitHub code scanning rejects an upload with a location-less result)
    // and the message names the baseline line.
    const Location location = FileLocation(*f);
    const bool baseline = location.side == Side::kAgainst;
    if (baseline) {
      result["message"]["text"] = f->message + BaselineNote(location);
      result["properties"]["side"] = "against";
    }
    if (!location.path.empty()) {
      nlohmann::json physical = {
          {"artifactLocation", {{"uri", UriReference(location.path)}, {"uriBaseId", "%SRCROOT%"}}}};
      // SARIF regions are 1-based and need a startLine; without a line the
      // result points at the whole file.
      if (location.line > 0 && !baseline) {
        nlohmann::json region = {{"startLine", location.line}};
        if (location.column > 0) region["startColumn"] = location.column;
        if (location.end_line >= location.line) region["endLine"] = location.end_line;
        if (location.end_column > 0) region["endColumn"] = location.end_column;
        physical["region"] = std::move(region);
      }
      result["locations"] = nlohmann::json::array({{{"physicalLocation", std::move(physical)}}});
    }
    if (f->suppressed) {
      // An inline comment lives in the source; config and baseline suppressions do not.
      bool in_source = f->suppressed_by == "inline" || f->suppressed_by == "comment";
      std::string_view kind = in_source ? "inSource" : "external";
      result["suppressions"] =
          nlohmann::json::array({{{"kind", kind}, {"justification", f->suppressed_by}}});
    }
    results.push_back(std::move(result));
  }
  nlohmann::json doc = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", nlohmann::json::array(
                   {{{"tool",
                      {{"driver",
                        {{"name", "contract-lint"},
                         {"version", CONTRACT_LINT_VERSION},
                         {"informationUri", "https://github.com/contract-lint/contract-lint"},
                         {"rules", rules}}}}},
                     {"invocations", nlohmann::json::array({Invocation(report)})},
                     // "%SRCROOT%" is left for the consumer to bind (the checkout root).
                     {"results", results}}})},
  };
  // Consumer samples checked / rejected, per consumer that has samples.
  nlohmann::json samples = nlohmann::json::array();
  for (const auto& c : report.consumers) {
    if (c.samples_checked == 0) continue;
    samples.push_back(
        {{"consumer", c.name}, {"checked", c.samples_checked}, {"rejected", c.samples_rejected}});
  }
  if (!samples.empty()) doc["runs"][0]["properties"] = {{"consumerSamples", samples}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace contract_lint
