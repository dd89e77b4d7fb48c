// GitLab Code Quality: a JSON array of issues.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace contract_lint {

std::string RenderGitlab(const Report& report, const RenderOptions& options) {
  nlohmann::json issues = nlohmann::json::array();
  // An input error (the run exits 2) is a blocker at its location, so the
  // merge request does not show a clean report for a run that failed.
  for (const auto& d : report.diagnostics) {
    Finding key;
    key.rule = "INPUT_ERROR";
    key.subject = d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
    key.before = d.message;
    issues.push_back({{"type", "issue"},
                      {"check_name", "contract-lint input error"},
                      {"description", FormatDiagnostic(d)},
                      {"categories", nlohmann::json::array({"Bug Risk"})},
                      {"fingerprint", Fingerprint(key)},
                      {"severity", "blocker"},
                      {"location",
                       {{"path", d.path.empty() ? std::string(".") : d.path},
                        {"lines", {{"begin", std::max(d.line, 1)}}}}}});
  }
  for (const Finding* f : VisibleFindings(report, options)) {
    // A location in the baseline is named in the description, never put on a
    // line of the current file (GitLab needs a path: "." like a path-less one).
    const Location located = FileLocation(*f);
    Location l = located.side == Side::kAgainst ? Location{} : located;
    std::string_view severity = f->severity == Severity::kError     ? "critical"
                                : f->severity == Severity::kWarning ? "minor"
                                                                    : "info";
    issues.push_back({{"type", "issue"},
                      {"check_name", f->rule},
                      {"description", f->rule + ": " + f->message + BaselineNote(located)},
                      {"categories", nlohmann::json::array({"Compatibility"})},
                      {"fingerprint", f->fingerprint},
                      {"severity", severity},
                      {"location",
                       {{"path", l.path.empty() ? std::string(".") : l.path},
                        {"lines",
                         {{"begin", std::max(l.line, 1)},
                          {"end", std::max(l.end_line, std::max(l.line, 1))}}}}}});
  }
  return issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace contract_lint
