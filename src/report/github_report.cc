// GitHub Actions workflow commands: one annotation per finding.
#include "report/report.h"

namespace contract_lint {
namespace {

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
std::string EscapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view s) {
  std::string out;
  for (char c : EscapeData(s)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view Command(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "notice";
  }
  return "error";
}

}  // namespace

std::string RenderGithub(const Report& report, const RenderOptions& options) {
  std::string out;
  // Input errors (exit 2) are annotations too, at their location.
  for (const auto& d : report.diagnostics) {
    out += "::error ";
    if (!d.path.empty()) {
      out += "file=" + EscapeProperty(d.path);
      if (d.line > 0) {
        out += ",line=" + std::to_string(d.line);
        if (d.column > 0) out += ",col=" + std::to_string(d.column);
      }
      out += ",";
    }
    out += "title=contract-lint input error::" + EscapeData(d.message) + "\n";
  }
  for (const Finding* f : VisibleFindings(report, options)) {
    out += "::" + std::string(Command(f->severity)) + " ";
    const Location& l = f->location;
    // Only a location in the checked-out tree can carry an annotation; a
    // baseline location is named in the message instead.
    if (!l.path.empty() && l.side == Side::kCurrent) {
      out += "file=" + EscapeProperty(l.path);
      if (l.line > 0) {
        out += ",line=" + std::to_string(l.line);
        if (l.column > 0) out += ",col=" + std::to_string(l.column);
        if (l.end_line >= l.line) out += ",endLine=" + std::to_string(l.end_line);
        if (l.end_column > 0) out += ",endColumn=" + std::to_string(l.end_column);
      }
      out += ",";
    }
    out += "title=" + EscapeProperty(f->rule) + "::";
    std::string message = f->message;
    if (l.side == Side::kAgainst && !l.path.empty()) {
      message +=
          " (" + l.path + (l.line > 0 ? ":" + std::to_string(l.line) : "") + " in the baseline)";
    }
    if (!f->affected.empty()) {
      message += "\nAffected consumers: ";
      for (size_t i = 0; i < f->affected.size(); ++i) message += (i ? ", " : "") + f->affected[i];
    }
    out += EscapeData(message) + "\n";
  }
  return out;
}

}  // namespace contract_lint
