// The JSON report: one document, described by schemas/report.schema.json.
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace contract_lint {

nlohmann::json FindingToJson(const Finding& f) {
  nlohmann::json j = {
      {"rule", f.rule},
      {"severity", SeverityName(f.severity)},
      {"kind", KindName(f.kind)},
      {"path", f.location.path.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.location.path)},
      {"line", f.location.line},
      {"column", f.location.column},
      {"end_line", f.location.end_line},
      {"end_column", f.location.end_column},
      {"side", f.location.side == Side::kAgainst ? "against" : "current"},
      {"message", f.message},
      {"subject", f.subject},
      {"before", f.before},
      {"after", f.after},
      {"contract", f.contract},
      {"owner", f.owner},
      {"affected", f.affected},
      {"exercised_by", f.exercised_by},
      {"fingerprint", f.fingerprint},
  };
  if (f.direction != Direction::kNone) j["direction"] = DirectionName(f.direction);
  if (!f.moved_to.empty()) j["moved_to"] = f.moved_to;
  if (f.suppressed) {
    j["suppressed"] = true;
    j["suppressed_by"] = f.suppressed_by;
  }
  return j;
}

// The findings, diagnostics and consumers arrays are moved into the document,
// not copied (a copy of every finding cost as much as its serialisation on
// large reports); keys are sorted by nlohmann::json, so the bytes do not
// depend on how the document is assembled.
std::string RenderJson(const Report& report, const RenderOptions& options) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& finding : report.findings) {
    if (finding.suppressed && !options.show_suppressed) continue;
    findings.push_back(FindingToJson(finding));
  }
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const auto& d : report.diagnostics) {
    diagnostics.push_back(
        {{"path", d.path}, {"line", d.line}, {"column", d.column}, {"message", d.message}});
  }
  nlohmann::json consumers = nlohmann::json::array();
  for (const auto& c : report.consumers) {
    consumers.push_back({{"name", c.name},
                         {"owner", c.owner},
                         {"contact", c.contact},
                         {"breaking", c.breaking},
                         {"rules", c.rules},
                         {"samples_checked", c.samples_checked},
                         {"samples_rejected", c.samples_rejected},
                         {"source", c.source}});
  }
  const Summary& s = report.summary;
  nlohmann::json doc = {
      {"version", 1},
      {"current", report.current},
      {"against", report.against},
      {"config_source", report.config_source.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(report.config_source)},
      {"findings", std::move(findings)},
      {"diagnostics", std::move(diagnostics)},
      {"consumers", std::move(consumers)},
      {"summary",
       {{"errors", s.errors},
        {"warnings", s.warnings},
        {"infos", s.infos},
        {"suppressed", s.suppressed},
        {"unused_suppressions", s.unused_suppressions},
        {"proto_files", s.proto_files},
        {"jsonschema_files", s.jsonschema_files},
        {"changed_files", s.changed_files}}},
  };
  std::string out = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace contract_lint
