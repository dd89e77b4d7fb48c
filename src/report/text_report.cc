// The default report: compiler-style lines, a summary, and a block per
// affected consumer.
#include "report/report.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

const char* ColorOf(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "\033[1;31m";
    case Severity::kWarning:
      return "\033[1;33m";
    case Severity::kInfo:
      return "\033[1;36m";
  }
  return "";
}

std::string Plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string FormatFindingLine(const Finding& f, bool color) {
  std::string line;
  if (!f.location.path.empty()) {
    line += f.location.path + ":" + std::to_string(f.location.line) + ":" +
            std::to_string(f.location.column) + ": ";
  }
  if (color) line += ColorOf(f.severity);
  line += SeverityName(f.severity);
  if (color) line += "\033[0m";
  line += ": " + f.rule + ": " + f.message;
  return line;
}

std::string RenderText(const Report& report, const RenderOptions& options) {
  std::string out;
  auto visible = VisibleFindings(report, options);
  for (const Finding* finding : visible) {
    out += FormatFindingLine(*finding, options.color);
    if (finding->location.side == Side::kAgainst) out += " (in the baseline)";
    if (finding->suppressed) out += " [suppressed: " + finding->suppressed_by + "]";
    out += '\n';
    if (!finding->exercised_by.empty() && FamilyOf(finding->rule) != RuleFamily::kSample) {
      out += "  exercised by sample";
      out += finding->exercised_by.size() == 1 ? " " : "s ";
      for (size_t i = 0; i < finding->exercised_by.size(); ++i) {
        out += (i ? ", " : "") + finding->exercised_by[i];
      }
      out += '\n';
    }
  }
  const Summary& s = report.summary;
  // A blank line only separates printed findings from the summary.
  if (!visible.empty()) out += '\n';
  std::string summary = Plural(s.errors, "breaking change", "breaking changes") + ", " +
                        Plural(s.warnings, "warning", "warnings") + ", " +
                        Plural(s.infos, "info", "infos");
  if (s.suppressed > 0) summary += ", " + std::to_string(s.suppressed) + " suppressed";
  if (s.unused_suppressions > 0) {
    summary += ", " + Plural(s.unused_suppressions, "unused suppression", "unused suppressions");
  }
  summary += " in " + Plural(s.changed_files, "changed contract file", "changed contract files");
  summary += " (" + report.current + " against " + report.against + ")";
  out += summary + "\n";
  for (const auto& consumer : report.consumers) {
    out += "\nconsumer " + consumer.name;
    if (!consumer.owner.empty()) out += " (" + consumer.owner + ")";
    out += ": " + Plural(consumer.breaking, "breaking change", "breaking changes");
    if (!consumer.rules.empty()) {
      out += " [";
      for (size_t i = 0; i < consumer.rules.size(); ++i) out += (i ? ", " : "") + consumer.rules[i];
      out += "]";
    }
    if (!consumer.contact.empty()) out += "; contact " + consumer.contact;
    if (consumer.samples_checked > 0) {
      out += "; samples: " + std::to_string(consumer.samples_checked) + " checked, " +
             std::to_string(consumer.samples_rejected) + " rejected";
    }
    if (!consumer.source.empty()) out += "; source: " + consumer.source;
    out += '\n';
  }
  return out;
}

}  // namespace contract_lint
