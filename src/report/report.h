// Renderers: one per output format, each reading the Report model and never
// changing it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "contract_lint/report.h"

namespace contract_lint {

enum class ReportFormat { kText, kJson, kSarif, kGithub, kJunit, kMarkdown, kGitlab, kMsvs };

// Also buf's `--error-format` spelling "github-actions" (= "github").
std::optional<ReportFormat> ParseReportFormat(std::string_view name);
// "text", "json", "sarif", "github", "junit", "markdown", "gitlab", "msvs".
std::vector<std::string> ReportFormatNames();

struct RenderOptions {
  bool color = false;            // ANSI colours (text only)
  bool show_suppressed = false;  // list suppressed findings too
};

// The whole document for `format`.
std::string RenderReport(const Report& report, ReportFormat format, const RenderOptions& options);

// One finding as the text report prints it:
// "path:line:col: severity: RULE_ID: message" ("severity: RULE_ID: message" without a path).
std::string FormatFindingLine(const Finding& finding, bool color = false);

// The findings a report shows: all unsuppressed ones, plus suppressed ones if asked.
std::vector<const Finding*> VisibleFindings(const Report& report, const RenderOptions& options);

// Where a finding points for formats that need a file: its location, or for a
// deleted file the baseline path at 1:1.
Location FileLocation(const Finding& finding);

// " (path:line:col in the baseline)" for a location in the baseline, "" for
// one in the current side: formats that annotate the current tree (SARIF,
// GitLab) carry a baseline location in the message instead of on a line.
std::string BaselineNote(const Location& location);

}  // namespace contract_lint
