// JUnit XML: a testsuite per file, a testcase per finding (errors and
// warnings fail, infos are skipped).
#include <map>

#include "report/report.h"
#include "report/xml_escape.h"

namespace contract_lint {

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
        out += static_cast<char>(c);
    }
  }
  return out;
}

std::string XmlAttributeEscape(std::string_view text) {
  std::string out;
  for (char c : XmlEscape(text)) {
    switch (c) {
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderJunit(const Report& report, const RenderOptions& options) {
  std::map<std::string, std::vector<const Finding*>> by_file;
  for (const Finding* f : VisibleFindings(report, options)) {
    std::string file = FileLocation(*f).path;
    by_file[file.empty() ? "(no file)" : file].push_back(f);
  }
  size_t tests = 0, failures = 0, skipped = 0, errors = 0;
  std::string suites;
  // Input errors (exit 2): one <error> test case each, so the CI test view
  // shows a failed run instead of "0 tests".
  if (!report.diagnostics.empty()) {
    std::string cases;
    for (const auto& d : report.diagnostics) {
      std::string text = FormatDiagnostic(d);
      cases += "    <testcase classname=\"contract-lint\" name=\"" + XmlAttributeEscape(text) +
               "\">\n      <error type=\"input error\" message=\"" + XmlAttributeEscape(d.message) +
               "\">" + XmlEscape(text) + "</error>\n    </testcase>\n";
    }
    errors = report.diagnostics.size();
    tests += errors;
    suites += "  <testsuite name=\"input errors\" tests=\"" + std::to_string(errors) +
              "\" failures=\"0\" errors=\"" + std::to_string(errors) + "\" skipped=\"0\">\n" +
              cases + "  </testsuite>\n";
  }
  for (const auto& [file, findings] : by_file) {
    size_t suite_failures = 0, suite_skipped = 0;
    std::string cases;
    for (const Finding* f : findings) {
      // "RULE path:line:col" where the finding has a location ("(baseline)"
      // when it is in the baseline), else "RULE subject" (a deleted file).
      const Location& l = f->location;
      std::string name = f->rule + " ";
      if (l.path.empty()) {
        name += f->subject;
      } else {
        name += l.path + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
        if (l.side == Side::kAgainst) name += " (baseline)";
      }
      cases += "    <testcase classname=\"" + XmlAttributeEscape(file) + "\" name=\"" +
               XmlAttributeEscape(name) + "\">\n";
      if (f->severity == Severity::kInfo || f->suppressed) {
        cases += "      <skipped message=\"" + XmlAttributeEscape(f->message) + "\"/>\n";
        ++suite_skipped;
      } else {
        cases += "      <failure type=\"" + XmlAttributeEscape(f->rule) + "\" message=\"" +
                 XmlAttributeEscape(f->message) + "\">" +
                 XmlEscape(std::string(SeverityName(f->severity)) + ": " + f->rule + ": " +
                           f->message + "\nsubject: " + f->subject) +
                 "</failure>\n";
        ++suite_failures;
      }
      cases += "    </testcase>\n";
    }
    suites += "  <testsuite name=\"" + XmlAttributeEscape(file) + "\" tests=\"" +
              std::to_string(findings.size()) + "\" failures=\"" + std::to_string(suite_failures) +
              "\" errors=\"0\" skipped=\"" + std::to_string(suite_skipped) + "\">\n" + cases +
              "  </testsuite>\n";
    tests += findings.size();
    failures += suite_failures;
    skipped += suite_skipped;
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"contract-lint\" tests=\"" +
         std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
         std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) + "\">\n" + suites +
         "</testsuites>\n";
}

}  // namespace contract_lint
