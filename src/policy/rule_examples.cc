#include "policy/rule_examples.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "base/embedded_files.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

struct Case {
  std::string expected;
  std::map<std::string, std::string> previous, current;  // path in the side -> text
};

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A line diff with two lines of context: "  kept", "- removed", "+ added".
std::string Diff(const std::string& before, const std::string& after) {
  std::vector<std::string> a = Lines(before), b = Lines(after);
  if (a.size() > 400 || b.size() > 400) return "  (file too long to show)\n";
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::pair<char, std::string>> ops;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ops.emplace_back(' ', a[i++]);
      ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.emplace_back('-', a[i++]);  // removals first, as diff prints them
    } else {
      ops.emplace_back('+', b[j++]);
    }
  }
  std::vector<bool> shown(ops.size(), false);
  for (size_t k = 0; k < ops.size(); ++k) {
    if (ops[k].first == ' ') continue;
    for (size_t c = k >= 2 ? k - 2 : 0; c < std::min(ops.size(), k + 3); ++c) shown[c] = true;
  }
  std::string out;
  bool gap = false;
  for (size_t k = 0; k < ops.size(); ++k) {
    if (!shown[k]) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += "    ...\n";
    gap = false;
    out += std::string("  ") + ops[k].first + " " + ops[k].second + "\n";
  }
  return out;
}

std::string Lower(std::string_view id) {
  std::string out(id);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string RuleExample(std::string_view rule, ContractKind kind) {
  std::optional<RuleFamily> family = FamilyOf(rule);
  std::string folder = family == RuleFamily::kRegistry   ? "fixtures/registry/"
                       : family == RuleFamily::kSample   ? "fixtures/samples/"
                       : kind == ContractKind::kOpenApi  ? "fixtures/openapi/"
                       : kind == ContractKind::kAsyncApi ? "fixtures/asyncapi/"
                       : kind == ContractKind::kProto    ? "fixtures/proto/"
                                                         : "fixtures/jsonschema/";
  std::map<std::string, Case> cases;
  std::istringstream names(EmbeddedFileNames());
  for (std::string name; std::getline(names, name);) {
    if (!name.starts_with(folder)) continue;
    std::string rest = name.substr(folder.size());
    size_t slash = rest.find('/');
    if (slash == std::string::npos) continue;
    Case& c = cases[rest.substr(0, slash)];
    std::string inner = rest.substr(slash + 1);
    const std::string_view* bytes = EmbeddedFile(name);
    if (bytes == nullptr) continue;
    if (inner == "expected.txt") {
      c.expected = std::string(*bytes);
    } else if (inner.starts_with("previous/")) {
      c.previous[inner.substr(9)] = std::string(*bytes);
    } else if (inner.starts_with("current/")) {
      c.current[inner.substr(8)] = std::string(*bytes);
    }
  }
  // The rule's own "_basic" case first, then the case with the fewest findings.
  std::string marker = ": " + std::string(rule) + ": ";
  const std::string* best_name = nullptr;
  const Case* best = nullptr;
  auto rank = [&](const std::string& name, const Case& c) {
    bool own = name == Lower(rule) + "_basic" || name == Lower(rule);
    return std::make_tuple(!own, std::count(c.expected.begin(), c.expected.end(), '\n'),
                           name.size());
  };
  for (const auto& [name, c] : cases) {
    if (c.expected.find(marker) == std::string::npos) continue;
    if (best == nullptr || rank(name, c) < rank(*best_name, *best)) {
      best_name = &name;
      best = &c;
    }
  }
  if (best == nullptr) return "";
  std::string out = "Example (" + folder + *best_name + "/):\n";
  std::set<std::string> paths;
  for (const auto& [path, text] : best->previous) paths.insert(path);
  for (const auto& [path, text] : best->current) paths.insert(path);
  for (const auto& path : paths) {
    if (path == "contract-lint.yaml") continue;
    auto before = best->previous.find(path);
    auto after = best->current.find(path);
    std::string old_text = before == best->previous.end() ? "" : before->second;
    std::string new_text = after == best->current.end() ? "" : after->second;
    if (old_text == new_text) continue;
    std::string what = before == best->previous.end() ? " (added)"
                       : after == best->current.end() ? " (deleted)"
                                                      : "";
    out += "\n" + path + what + ":\n" + Diff(old_text, new_text);
  }
  out += "\ngives:\n";
  std::istringstream lines(best->expected);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(marker) != std::string::npos) out += "  " + line + "\n";
  }
  return out;
}

}  // namespace contract_lint
