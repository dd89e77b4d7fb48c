#include "acceptance/acceptance_support.h"

#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

namespace contract_lint::acceptance {

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  INFO("replacing " << from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

Repo::Repo() { testing::Git("init -q", path()); }

void Repo::Write(const std::string& relative, const std::string& content) const {
  testing::WriteFile(path(), relative, content);
}

std::string Repo::Read(const std::string& relative) const {
  return testing::ReadFile(path() / relative);
}

void Repo::Edit(const std::string& relative, const std::string& from, const std::string& to) const {
  Write(relative, Replace(Read(relative), from, to));
}

void Repo::Commit(const std::string& message) const {
  testing::Git("add -A", path());
  testing::Git("commit -qm " + testing::ShellQuote(message), path());
}

testing::CommandResult Repo::Run(const std::string& args) const {
  return testing::RunTool(args + " --color never", path());
}

nlohmann::json Repo::RunJson(const std::string& args, int* exit_code) const {
  auto result = testing::RunTool(args + " --format json", path());
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  *exit_code = result.exit_code;
  auto doc = nlohmann::json::parse(result.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

std::vector<nlohmann::json> FindingsWithRule(const nlohmann::json& report,
                                             const std::string& rule) {
  std::vector<nlohmann::json> out;
  for (const auto& f : report.at("findings")) {
    if (f.at("rule") == rule) out.push_back(f);
  }
  return out;
}

std::vector<std::string> Strings(const nlohmann::json& array) {
  std::vector<std::string> out;
  for (const auto& s : array) out.push_back(s.get<std::string>());
  return out;
}

std::vector<std::string> FindingLines(const std::string& text) {
  static const std::regex kFinding(R"(^[^ :]+:\d+:\d+: (error|warning|info): [A-Z_]+: .*)");
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (std::regex_match(line, kFinding)) out.push_back(line);
  }
  return out;
}

}  // namespace contract_lint::acceptance
