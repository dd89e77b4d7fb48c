#include "impact/impact.h"

#include <algorithm>
#include <deque>

#include "base/edit_distance.h"
#include "config/glob.h"
#include "jsonschema/jsonschema_check.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

bool IsPathSelector(std::string_view s) {
  if (s.ends_with(".proto") || s.ends_with(".json")) return true;  // a whole file (Backstage)
  return s.find('/') != std::string_view::npos &&
         (s.find(".proto") != std::string_view::npos || s.find(".json") != std::string_view::npos);
}

// Proto names use '.' throughout ("Service/Method" → "Service.Method"); paths stay.
std::string Canonical(std::string_view name) {
  std::string out(name);
  if (!IsPathSelector(name)) std::replace(out.begin(), out.end(), '/', '.');
  if (IsPathSelector(name) && out.find('#') == std::string::npos) out += "#";
  return out;
}

// True when `name` is `prefix` or lies inside it ("a.B" covers "a.B.c";
// "f.json#/properties" covers "f.json#/properties/x").
bool Inside(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return false;
  if (name.size() == prefix.size()) return true;
  char next = name[prefix.size()];
  char last = prefix.back();
  return next == '.' || next == '/' || last == '#' || last == '/';
}

// A deletion takes everything inside the deleted element with it.
bool IsDeletion(const Finding& finding) {
  const RuleInfo* rule = FindRule(finding.rule, finding.kind);
  return rule && rule->deletes_element;
}

std::string Nearest(const std::string& word, const std::vector<std::string>& candidates) {
  NearestWord nearest(word, std::max<size_t>(3, word.size() / 4));
  for (const auto& candidate : candidates) nearest.Offer(candidate);
  return nearest.best();
}

}  // namespace

void CheckSelectors(const Config& config, const ImpactGraph& graph, const Snapshot& against,
                    const Snapshot& current, std::vector<Diagnostic>* warnings) {
  std::vector<std::string> paths;
  for (const Snapshot* side : {&against, &current}) {
    for (const auto& file : side->Files()) {
      if (file.path.ends_with(".proto") || file.path.ends_with(".json") ||
          file.path.ends_with(".yaml") || file.path.ends_with(".yml"))
        paths.push_back(file.path);
    }
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  std::vector<std::string> names(graph.names.begin(), graph.names.end());
  for (size_t c = 0; c < config.consumers.size(); ++c) {
    const auto& uses = config.consumers[c].uses;
    for (size_t u = 0; u < uses.size(); ++u) {
      const std::string& use = uses[u];
      if (use.empty()) continue;
      bool found = false;
      std::string suggestion;
      if (auto api = graph.api.find(use); api != graph.api.end()) {
        found = api->second.found;
        if (!found) {
          suggestion = ApiSuggestion(api->second, use.substr(use.find('#') + 1));
        }
      } else if (use.back() == '*') {
        found = std::any_of(paths.begin(), paths.end(),
                            [&](const std::string& p) { return GlobMatch(use, p); }) ||
                std::any_of(names.begin(), names.end(),
                            [&](const std::string& n) { return GlobMatch(Canonical(use), n); });
      } else if (IsPathSelector(use) || use.ends_with(".proto") ||
                 use.find(".json") != std::string::npos ||
                 use.substr(0, use.find('#')).ends_with(".yaml") ||
                 use.substr(0, use.find('#')).ends_with(".yml")) {
        std::string file = use.substr(0, use.find('#'));
        found = std::binary_search(paths.begin(), paths.end(), file);
        if (!found)
          suggestion = Nearest(file, paths);
        else if (use.find('#') != std::string::npos)
          found = true;  // pointers: not checked
      } else {
        std::string name = Canonical(use);
        found = graph.names.count(name) > 0;
        if (!found) suggestion = Nearest(name, names);
        if (!found && !suggestion.empty() && use.find('/') != std::string::npos) {
          // Service/Method: suggest in the spelling the user wrote.
          size_t dot = suggestion.rfind('.');
          suggestion = suggestion.substr(0, dot) + "/" + suggestion.substr(dot + 1);
        }
      }
      if (found) continue;
      std::string key = "consumers[" + std::to_string(c) + "].uses[" + std::to_string(u) + "]";
      Diagnostic d{config.source, 0, 0, key + ": \"" + use + "\" names no element on either side"};
      if (!suggestion.empty()) d.message += "; did you mean \"" + suggestion + "\"?";
      d.message += " (it covers nothing)";
      if (auto it = config.positions.find(key); it != config.positions.end()) {
        d.line = it->second.first;
        d.column = it->second.second;
      }
      warnings->push_back(std::move(d));
    }
  }
}

ConsumerSelector::ConsumerSelector(const std::string& selector, const ImpactGraph& graph)
    : graph_(&graph) {
  if (auto api = graph.api.find(selector); api != graph.api.end()) {
    api_ = &api->second;
    return;
  }
  std::deque<std::string> queue;
  if (!selector.empty() && selector.back() == '*') {
    glob_ = selector;
    // A name glob (`acme.orders.v1.*`) also covers every type the elements it
    // matches reach, as naming each of them would.
    if (IsPathSelector(selector)) return;
    std::string glob = Canonical(selector);
    auto seed = [&](const std::string& name) {
      if (GlobMatch(glob, name) && covered_.insert(name).second) queue.push_back(name);
    };
    for (const auto& [from, targets] : graph.edges) seed(from);
    for (const auto& [file, names] : graph.declares) {
      for (const auto& name : names) seed(name);
    }
  } else {
    std::string root = Canonical(selector);
    queue.push_back(root);
    covered_.insert(root);
  }
  // A whole .proto file reaches what it declares (and so what that reaches).
  if (selector.ends_with(".proto")) {
    if (auto it = graph.declares.find(selector); it != graph.declares.end()) {
      for (const auto& name : it->second) {
        if (covered_.insert(name).second) queue.push_back(name);
      }
    }
  }
  while (!queue.empty()) {
    std::string current = queue.front();
    queue.pop_front();
    // Follow the edges of the element and of everything inside it.
    for (auto it = graph.edges.lower_bound(current); it != graph.edges.end(); ++it) {
      if (it->first.compare(0, current.size(), current) != 0) break;
      if (!Inside(it->first, current)) continue;
      for (const auto& target : it->second) {
        if (covered_.insert(target).second) queue.push_back(target);
      }
    }
  }
}

bool ConsumerSelector::Covers(const Finding& finding) const {
  if (api_) return ApiSelectionCovers(*graph_, *api_, finding);
  std::string subject = Canonical(finding.subject);
  if (!glob_.empty()) {
    if (GlobMatch(glob_, finding.subject) || GlobMatch(glob_, subject) ||
        (!finding.location.path.empty() && GlobMatch(glob_, finding.location.path))) {
      return true;
    }
    if (covered_.empty()) return false;
  }
  bool deletion = IsDeletion(finding);
  // A deleted .proto file covers what it declared.
  const std::set<std::string>* declared = nullptr;
  if (deletion && finding.subject.ends_with(".proto")) {
    auto it = graph_->declares.find(finding.subject);
    if (it != graph_->declares.end()) declared = &it->second;
  }
  // A whole-file selector also covers findings located in that file.
  for (const auto& prefix : covered_) {
    if (Inside(subject, prefix)) return true;
    if (deletion && Inside(prefix, subject)) return true;
    if (declared) {
      for (const auto& name : *declared) {
        if (Inside(prefix, name) || Inside(name, prefix)) return true;
      }
    }
    if (prefix.back() == '#' && !finding.location.path.empty() &&
        std::string_view(prefix).substr(0, prefix.size() - 1) == finding.location.path) {
      return true;
    }
  }
  return false;
}

std::vector<ConsumerImpact> ApplyImpact(const Config& config, const ImpactGraph& graph,
                                        std::vector<Finding>* findings) {
  std::vector<ConsumerImpact> impacts;
  for (const auto& consumer : config.consumers) {
    std::vector<ConsumerSelector> selectors;
    for (const auto& use : consumer.uses) selectors.emplace_back(use, graph);
    ConsumerImpact impact{consumer.name, consumer.owner, consumer.contact, 0, {}};
    impact.source = consumer.source;
    bool any = false;
    for (auto& finding : *findings) {
      bool covered = std::any_of(selectors.begin(), selectors.end(),
                                 [&](const ConsumerSelector& s) { return s.Covers(finding); });
      if (!covered) continue;
      finding.affected.push_back(consumer.name);
      if (finding.suppressed) continue;
      any = true;
      if (finding.severity == Severity::kError) {
        ++impact.breaking;
        if (std::find(impact.rules.begin(), impact.rules.end(), finding.rule) ==
            impact.rules.end()) {
          impact.rules.push_back(finding.rule);
        }
      }
    }
    std::sort(impact.rules.begin(), impact.rules.end());
    if (any) impacts.push_back(std::move(impact));
  }
  return impacts;
}

}  // namespace contract_lint
