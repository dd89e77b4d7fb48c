#include "acceptance/acceptance_support.h"

#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

namespace contract_lint::acceptance {

const char* const kOrdersProto = R"(syntax = "proto3";

package acme.orders.v1;

message Order {
  string id = 1;
  int32 total = 2;
}
)";

const char* const kEventSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "id": {"type": "string"},
    "amount": {"type": "integer"}
  }
}
)";

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
