// buf's `--error-format msvs` (Visual Studio's error list):
// `path(line,col) : error RULE : message`, one line per finding.
#include "report/report.h"

namespace contract_lint {

std::string RenderMsvs(const Report& report, const RenderOptions& options) {
  std::string out;
  for (const Finding* f : VisibleFindings(report, options)) {
    const Location& l = f->location;
    // buf prints a finding without a file (a deleted file) at `<input>(1,1)`.
    out += l.path.empty() ? std::string("<input>") : l.path;
    int line = l.line > 0 ? l.line : 1;
    if (l.column > 0 || l.path.empty()) {
      out += "(" + std::to_string(line) + "," + std::to_string(l.column > 0 ? l.column : 1) + ")";
    } else {
      out += "(" + std::to_string(line) + ")";
    }
    out += " : " + std::string(SeverityName(f->severity)) + " " + f->rule + " : " + f->message;
    if (l.side == Side::kAgainst && !l.path.empty()) out += " (in the baseline)";
    if (f->suppressed) out += " [suppressed: " + f->suppressed_by + "]";
    out += '\n';
  }
  return out;
}

}  // namespace contract_lint
