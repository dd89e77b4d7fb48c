// Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: a headline,
// a table of findings and a section per affected consumer.
#include "report/report.h"

namespace contract_lint {
namespace {

std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view Badge(Severity severity) {
  switch (severity) {
    case Severity::kError: return "❌ error";
    case Severity::kWarning: return "⚠️ warning";
    case Severity::kInfo: return "ℹ️ info";
  }
  return "";
}

}  // namespace

std::string RenderMarkdown(const Report& report, const RenderOptions& options) {
  const Summary& s = report.summary;
  std::string out = "## contract-lint: ";
  if (!report.diagnostics.empty()) {
    out += "input errors\n\n";
    for (const auto& d : report.diagnostics) out += "- `" + Cell(FormatDiagnostic(d)) + "`\n";
    return out;
  }
  out += s.errors == 0 ? "no breaking changes" :
         std::to_string(s.errors) + (s.errors == 1 ? " breaking change" : " breaking changes");
  out += "\n\n" + Cell(report.current) + " against " + Cell(report.against) + ": " +
         std::to_string(s.changed_files) + " changed contract files, " + std::to_string(s.errors) +
         " breaking, " + std::to_string(s.warnings) + " warnings, " + std::to_string(s.infos) +
         " infos, " + std::to_string(s.suppressed) + " suppressed.\n";
  auto visible = VisibleFindings(report, options);
  if (!visible.empty()) {
    out += "\n| Severity | Rule | Location | Message | Affected |\n|---|---|---|---|---|\n";
    for (const Finding* f : visible) {
      const Location& l = f->location;
      std::string where = l.path.empty() ? "—" : "`" + Cell(l.path) + ":" + std::to_string(l.line) +
                                                   ":" + std::to_string(l.column) + "`";
      if (l.side == Side::kAgainst && !l.path.empty()) where += " (baseline)";
      std::string affected;
      for (const auto& name : f->affected) affected += (affected.empty() ? "" : ", ") + Cell(name);
      out += "| " + std::string(Badge(f->severity)) + (f->suppressed ? " (suppressed)" : "") +
             " | `" + f->rule + "` | " + where + " | " + Cell(f->message) + " | " +
             (affected.empty() ? "—" : affected) + " |\n";
    }
  }
  if (!report.consumers.empty()) {
    out += "\n### Affected consumers\n\n";
    for (const auto& c : report.consumers) {
      out += "- **" + Cell(c.name) + "**";
      std::string who = c.owner;
      if (!c.contact.empty()) who += (who.empty() ? "" : ", ") + c.contact;
      if (!who.empty()) out += " (" + Cell(who) + ")";
      out += ": " + std::to_string(c.breaking) +
             (c.breaking == 1 ? " breaking change" : " breaking changes");
      if (!c.rules.empty()) {
        out += " — ";
        for (size_t i = 0; i < c.rules.size(); ++i) out += (i ? ", `" : "`") + c.rules[i] + "`";
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace contract_lint
