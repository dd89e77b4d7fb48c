// Diagnostics are input errors (parse errors, git problems, bad config): they
// end a run with exit code 2. Findings (breaking changes) live in finding.h.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace contract_lint {

// One input error. `line`/`column` are 1-based; 0 means "not known".
struct Diagnostic {
  std::string path;  // repository-relative path, or empty when not about a file
  int line = 0;
  int column = 0;
  std::string message;
};

// Formats as "path:line:col: error: message" (parts that are unknown are left out).
std::string FormatDiagnostic(const Diagnostic& diagnostic, std::string_view severity = "error");

// Collects every diagnostic of a run; a run goes on after the first to report
// as many as it can. Thread-safe.
class Diagnostics {
 public:
  void Add(Diagnostic diagnostic);
  void Add(std::string path, int line, int column, std::string message);
  void Add(std::string message);  // not about a particular file
  bool empty() const;
  // Sorted by path, line, column, message; duplicates removed.
  std::vector<Diagnostic> Sorted() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> all_;
};

}  // namespace contract_lint
