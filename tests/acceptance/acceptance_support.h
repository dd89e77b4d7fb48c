// Helpers for the acceptance tests: a git repository with a baseline commit,
// edits of its working tree, and the JSON report's findings by rule.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace contract_lint::acceptance {

// `from` replaced by `to` (exactly once: REQUIREs that `from` occurs).
std::string Replace(std::string text, const std::string& from, const std::string& to);

// A git repository in a temporary directory whose `main` holds the files
// written before Commit(); later writes change the working tree.
class Repo {
 public:
  Repo();
  const std::filesystem::path& path() const { return dir_.path(); }
  void Write(const std::string& relative, const std::string& content) const;
  std::string Read(const std::string& relative) const;
  // Replaces `from` by `to` in a file of the working tree.
  void Edit(const std::string& relative, const std::string& from, const std::string& to) const;
  void Commit(const std::string& message = "baseline") const;
  testing::CommandResult Run(const std::string& args) const;
  // Runs with --format json and parses stdout (REQUIREs valid JSON).
  nlohmann::json RunJson(const std::string& args, int* exit_code) const;

 private:
  testing::TempDir dir_;
};

// The findings of a JSON report with `rule` (any suppression state).
std::vector<nlohmann::json> FindingsWithRule(const nlohmann::json& report, const std::string& rule);
// The names in a JSON array of strings, in order.
std::vector<std::string> Strings(const nlohmann::json& array);
// Lines of `text` that look like finding lines ("path:line:col: severity: ").
std::vector<std::string> FindingLines(const std::string& text);

}  // namespace contract_lint::acceptance
