#include "contract_lint/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace contract_lint {

std::string FormatDiagnostic(const Diagnostic& d, std::string_view severity) {
  std::string out;
  if (!d.path.empty()) {
    out += d.path;
    if (d.line > 0) {
      out += ':' + std::to_string(d.line);
      if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    out += ": ";
  }
  out += severity;
  out += ": ";
  out += d.message;
  return out;
}

void Diagnostics::Add(Diagnostic diagnostic) {
  std::lock_guard<std::mutex> lock(mutex_);
  all_.push_back(std::move(diagnostic));
}

void Diagnostics::Add(std::string path, int line, int column, std::string message) {
  Add(Diagnostic{std::move(path), line, column, std::move(message)});
}

void Diagnostics::Add(std::string message) { Add(Diagnostic{{}, 0, 0, std::move(message)}); }

bool Diagnostics::empty() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return all_.empty();
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  std::vector<Diagnostic> sorted;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sorted = all_;
  }
  auto key = [](const Diagnostic& d) { return std::tie(d.path, d.line, d.column, d.message); };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  sorted.erase(
      std::unique(sorted.begin(), sorted.end(),
                  [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
      sorted.end());
  return sorted;
}

}  // namespace contract_lint
