#include "ownership/blast_radius.h"

#include <map>
#include <set>

namespace contract_lint {
namespace {

std::string Label(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '`':
        out += "#96;";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string BlastRadiusMermaid(const Report& report) {
  std::map<std::string, const ConsumerImpact*> consumers;
  for (const auto& c : report.consumers) consumers.emplace(c.name, &c);
  std::map<std::string, std::string> ids;  // "kind\0key" -> node id
  std::string nodes, edges;
  std::set<std::string> drawn_edges;
  int left_out = 0;
  auto id_of = [&](char kind, const std::string& key) -> const std::string* {
    auto it = ids.find(std::string(1, kind) + '\0' + key);
    return it == ids.end() ? nullptr : &it->second;
  };
  for (const auto& f : report.findings) {
    if (f.suppressed || f.severity != Severity::kError || f.affected.empty()) continue;
    std::string contract = f.contract.empty() ? f.location.path : f.contract;
    if (contract.empty()) contract = f.subject.substr(0, f.subject.find('#'));
    std::string element = f.subject.empty() ? f.rule : f.subject;
    // The nodes this finding adds; skip it whole when they do not fit.
    int fresh = (id_of('c', contract) ? 0 : 1) + (id_of('e', element) ? 0 : 1);
    for (const auto& name : f.affected) fresh += id_of('k', name) ? 0 : 1;
    if (static_cast<int>(ids.size()) + fresh > kMaxBlastRadiusNodes) {
      ++left_out;
      continue;
    }
    auto node = [&](char kind, const std::string& key, const std::string& label) {
      if (const std::string* id = id_of(kind, key)) return *id;
      std::string id = std::string(1, kind) + std::to_string(ids.size() + 1);
      ids.emplace(std::string(1, kind) + '\0' + key, id);
      nodes += "  " + id + "[" + Label(label) + "]\n";
      return id;
    };
    // Edge labels are rule ids ([A-Z0-9_]): no quoting needed.
    auto edge = [&](const std::string& from, const std::string& to, const std::string& label) {
      std::string line =
          "  " + from + " -->" + (label.empty() ? "" : "|" + label + "|") + " " + to + "\n";
      if (drawn_edges.insert(line).second) edges += line;
    };
    std::string c = node('c', contract, contract);
    std::string e = node('e', element, element);
    edge(c, e, "");
    for (const auto& name : f.affected) {
      std::string label = name;
      auto it = consumers.find(name);
      if (it != consumers.end() && !it->second->owner.empty())
        label += " (" + it->second->owner + ")";
      edge(e, node('k', name, label), f.rule);
    }
  }
  if (ids.empty()) return "";
  std::string out = "```mermaid\nflowchart LR\n" + nodes + edges + "```\n";
  if (left_out > 0) {
    out += "\n" + std::to_string(left_out) + " more breaking change" + (left_out == 1 ? "" : "s") +
           " affecting consumers not drawn (over " + std::to_string(kMaxBlastRadiusNodes) +
           " nodes); see the table.\n";
  }
  return out;
}

}  // namespace contract_lint
