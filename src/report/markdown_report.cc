// Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: a headline,
// a table of findings and a section per affected consumer.
#include "ownership/blast_radius.h"
#include "report/report.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

// Prose for a table cell or a list item: backslash-escapes the Markdown
// punctuation that could start emphasis, code, links, HTML or strikethrough,
// and the "|" that would end a table cell; a newline becomes <br>.
std::string Text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '&':
      case '~':
      case '|':
        out += '\\';
        out += c;
        break;
      case '\n':
        out += "<br>";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A code span. Inside a table cell "|" still ends the cell unless escaped as
// "\|" (GFM removes that backslash before parsing the span); elsewhere a
// backslash would show. A backtick in the text needs a longer fence.
std::string Code(std::string_view text, bool in_table) {
  std::string body;
  for (char c : text) {
    if (c == '|' && in_table) {
      body += "\\|";
    } else if (c == '\n' || c == '\r') {
      body += ' ';
    } else {
      body += c;
    }
  }
  if (body.find('`') == std::string::npos) return "`" + body + "`";
  return "`` " + body + " ``";
}

std::string Plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string_view Badge(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "❌ error";
    case Severity::kWarning:
      return "⚠️ warning";
    case Severity::kInfo:
      return "ℹ️ info";
  }
  return "";
}

}  // namespace

std::string RenderMarkdown(const Report& report, const RenderOptions& options) {
  const Summary& s = report.summary;
  std::string out = "## contract-lint: ";
  if (!report.diagnostics.empty()) {
    out += "input errors\n\n";
    for (const auto& d : report.diagnostics) out += "- " + Code(FormatDiagnostic(d), false) + "\n";
    return out;
  }
  out += s.errors == 0 ? "no breaking changes"
                       : Plural(s.errors, "breaking change", "breaking changes");
  out += "\n\n" + Text(report.current) + " against " + Text(report.against) + ": " +
         Plural(s.changed_files, "changed contract file", "changed contract files") + ", " +
         std::to_string(s.errors) + " breaking, " + Plural(s.warnings, "warning", "warnings") +
         ", " + Plural(s.infos, "info", "infos") + ", " + std::to_string(s.suppressed) +
         " suppressed.\n";
  auto visible = VisibleFindings(report, options);
  if (!visible.empty()) {
    out += "\n| Severity | Rule | Location | Message | Affected |\n|---|---|---|---|---|\n";
    for (const Finding* f : visible) {
      const Location& l = f->location;
      std::string where =
          l.path.empty()
              ? "—"
              : Code(l.path + ":" + std::to_string(l.line) + ":" + std::to_string(l.column), true);
      if (l.side == Side::kAgainst && !l.path.empty()) where += " (baseline)";
      std::string affected;
      for (const auto& name : f->affected) affected += (affected.empty() ? "" : ", ") + Text(name);
      std::string message = Text(f->message);
      if (!f->exercised_by.empty() && FamilyOf(f->rule) != RuleFamily::kSample) {
        message += " Exercised by ";
        for (size_t i = 0; i < f->exercised_by.size(); ++i) {
          message += (i ? ", " : "") + Code(f->exercised_by[i], true);
        }
        message += ".";
      }
      out += "| " + std::string(Badge(f->severity)) + (f->suppressed ? " (suppressed)" : "") +
             " | " + Code(f->rule, true) + " | " + where + " | " + message + " | " +
             (affected.empty() ? "—" : affected) + " |\n";
    }
  }
  if (std::string graph = BlastRadiusMermaid(report); !graph.empty()) {
    out += "\n### Blast radius\n\n" + graph;
  }
  if (!report.consumers.empty()) {
    out += "\n### Consumers\n\n";
    for (const auto& c : report.consumers) {
      out += "- **" + Text(c.name) + "**";
      std::string who = c.owner;
      if (!c.contact.empty()) who += (who.empty() ? "" : ", ") + c.contact;
      if (!who.empty()) out += " (" + Text(who) + ")";
      out += ": " + Plural(c.breaking, "breaking change", "breaking changes");
      if (!c.rules.empty()) {
        out += " — ";
        for (size_t i = 0; i < c.rules.size(); ++i)
          out += (i ? ", " : "") + Code(c.rules[i], false);
      }
      if (c.samples_checked > 0) {
        out += "; samples: " + std::to_string(c.samples_checked) + " checked, " +
               std::to_string(c.samples_rejected) + " rejected";
      }
      if (!c.source.empty()) out += "; source " + Code(c.source, false);
      out += "\n";
    }
  }
  return out;
}

}  // namespace contract_lint
