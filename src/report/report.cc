#include "report/report.h"

#include <array>

namespace contract_lint {

std::string RenderText(const Report& report, const RenderOptions& options);    // text_report.cc
std::string RenderJson(const Report& report, const RenderOptions& options);    // json_report.cc
std::string RenderSarif(const Report& report, const RenderOptions& options);   // sarif_report.cc
std::string RenderGithub(const Report& report, const RenderOptions& options);  // github_report.cc
std::string RenderJunit(const Report& report, const RenderOptions& options);   // junit_report.cc
std::string RenderMarkdown(const Report& report,
                           const RenderOptions& options);                      // markdown_report.cc
std::string RenderGitlab(const Report& report, const RenderOptions& options);  // gitlab_report.cc
std::string RenderMsvs(const Report& report, const RenderOptions& options);    // msvs_report.cc

namespace {

struct FormatRow {
  std::string_view name;
  ReportFormat format;
  std::string (*render)(const Report&, const RenderOptions&);
};

constexpr std::array<FormatRow, 8> kFormats = {{
    {"text", ReportFormat::kText, RenderText},
    {"json", ReportFormat::kJson, RenderJson},
    {"sarif", ReportFormat::kSarif, RenderSarif},
    {"github", ReportFormat::kGithub, RenderGithub},
    {"junit", ReportFormat::kJunit, RenderJunit},
    {"markdown", ReportFormat::kMarkdown, RenderMarkdown},
    {"gitlab", ReportFormat::kGitlab, RenderGitlab},
    {"msvs", ReportFormat::kMsvs, RenderMsvs},
}};

// buf's `--error-format` names that are spelled differently here.
constexpr std::pair<std::string_view, ReportFormat> kAliases[] = {
    {"github-actions", ReportFormat::kGithub},
};

}  // namespace

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  for (const auto& row : kFormats) {
    if (row.name == name) return row.format;
  }
  for (const auto& [alias, format] : kAliases) {
    if (alias == name) return format;
  }
  return std::nullopt;
}

std::vector<std::string> ReportFormatNames() {
  std::vector<std::string> names;
  for (const auto& row : kFormats) names.emplace_back(row.name);
  return names;
}

std::string RenderReport(const Report& report, ReportFormat format, const RenderOptions& options) {
  for (const auto& row : kFormats) {
    if (row.format == format) return row.render(report, options);
  }
  return {};
}

std::vector<const Finding*> VisibleFindings(const Report& report, const RenderOptions& options) {
  std::vector<const Finding*> visible;
  for (const auto& finding : report.findings) {
    if (!finding.suppressed || options.show_suppressed) visible.push_back(&finding);
  }
  return visible;
}

Location FileLocation(const Finding& finding) {
  if (!finding.location.path.empty()) return finding.location;
  Location location;
  std::string_view subject = finding.subject;
  std::string path(subject.substr(0, subject.find('#')));
  bool is_file = path.ends_with(".proto") || path.ends_with(".json");
  if (!is_file) return location;  // e.g. a deleted package: nothing to point at
  location.path = path;
  location.line = location.column = location.end_line = location.end_column = 1;
  location.side = Side::kAgainst;
  return location;
}

std::string BaselineNote(const Location& location) {
  if (location.side != Side::kAgainst || location.path.empty()) return "";
  std::string where = location.path;
  if (location.line > 0) {
    where += ":" + std::to_string(location.line);
    if (location.column > 0) where += ":" + std::to_string(location.column);
  }
  return " (" + where + " in the baseline)";
}

}  // namespace contract_lint
