#include "acceptance/acceptance_support.h"

#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

namespace contract_lint::acceptance {

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
