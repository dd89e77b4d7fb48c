#include "report/report.h"

namespace contract_lint {

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  return std::nullopt;
}

std::string_view ReportFormatNames() { return "text|json"; }

std::string RenderText(const Report& report, const RenderOptions& options);  // text_report.cc
std::string RenderJson(const Report& report, const RenderOptions& options);  // json_report.cc

std::string RenderReport(const Report& report, ReportFormat format, const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kText: return RenderText(report, options);
    case ReportFormat::kJson: return RenderJson(report, options);
  }
  return {};
}

}  // namespace contract_lint
