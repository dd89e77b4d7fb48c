// Renderers: one per output format, each reading the Report model and never
// changing it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "contract_lint/lint.h"

namespace contract_lint {

enum class ReportFormat { kText, kJson };

std::optional<ReportFormat> ParseReportFormat(std::string_view name);
std::string_view ReportFormatNames();  // "text|json" for help texts

struct RenderOptions {
  bool color = false;            // ANSI colours (text only)
  bool show_suppressed = false;  // list suppressed findings too
};

// The whole document for `format`.
std::string RenderReport(const Report& report, ReportFormat format, const RenderOptions& options);

// One finding as the text report prints it:
// "path:line:col: severity: RULE_ID: message" ("severity: RULE_ID: message" without a path).
std::string FormatFindingLine(const Finding& finding, bool color = false);

}  // namespace contract_lint
