#include "base/version_component.h"

#include <regex>
#include <string>

namespace contract_lint {

std::optional<int> VersionComponentMajor(std::string_view part) {
  static const std::regex kVersion(
      "v([0-9]+)((alpha|beta|p[0-9]+alpha|p[0-9]+beta)[0-9]*|test.*)?");
  if (part.size() < 2 || part[0] != 'v') return std::nullopt;  // the common case, no regex
  std::string text(part);
  std::smatch match;
  if (!std::regex_match(text, match, kVersion)) return std::nullopt;
  try {
    return std::stoi(match[1].str());
  } catch (const std::out_of_range&) {
    return std::nullopt;  // "v99999999999": not a version anyone writes
  }
}

}  // namespace contract_lint
