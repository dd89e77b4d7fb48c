// GitLab Code Quality: a JSON array of issues.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace contract_lint {

std::string RenderGitlab(const Report& report, const RenderOptions& options) {
  nlohmann::json issues = nlohmann::json::array();
  for (const Finding* f : VisibleFindings(report, options)) {
    Location l = FileLocation(*f);
    std::string_view severity = f->severity == Severity::kError     ? "critical"
                                : f->severity == Severity::kWarning ? "minor"
                                                                    : "info";
    issues.push_back({{"type", "issue"},
                      {"check_name", f->rule},
                      {"description", f->rule + ": " + f->message},
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
