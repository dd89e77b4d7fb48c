#include "policy/policy.h"

#include <algorithm>
#include <map>
#include <regex>

#include "config/glob.h"
#include "policy/versioning.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

void AddRuleOrCategory(const std::string& name, std::set<std::string>* ids) {
  if (auto category = FindCategory(name)) {
    for (const auto& rule : AllRules()) {
      if (rule.kind == ContractKind::kProto && (rule.categories & *category))
        ids->insert(std::string(rule.id));
    }
    return;
  }
  const RuleInfo* rule = FindRule(name);
  if (!rule) return;  // rejected earlier by config validation
  if (rule->replaced_by.empty()) {
    ids->insert(std::string(rule->id));
    return;
  }
  std::string_view rest = rule->replaced_by;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    ids->insert(std::string(rest.substr(0, comma)));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
}

std::string_view PathOf(const Finding& finding) {
  if (!finding.location.path.empty()) return finding.location.path;
  // Path-less findings (a deleted file) are about the file named by the subject.
  std::string_view subject = finding.subject;
  return subject.substr(0, subject.find('#'));
}

bool InUnstablePackage(const Finding& finding) {
  if (finding.kind != ContractKind::kProto) return false;
  std::string_view subject = finding.subject;
  size_t start = 0;
  while (start <= subject.size()) {
    size_t dot = subject.find_first_of("./", start);
    std::string_view part =
        subject.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (IsUnstableVersion(part)) return true;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return false;
}

std::string_view LevelName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "ERR";
    case Severity::kWarning:
      return "WARN";
    default:
      return "INFO";
  }
}

// `breaking.openapi` / `breaking.asyncapi`: a finding reports when its id or
// level is in `use` (empty: all) and neither is in `except`.
bool Selected(const ApiRuleSelection& selection, const Finding& finding) {
  std::string_view level = LevelName(finding.severity);
  auto names = [&](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& name) {
      return name == finding.rule || name == level;
    });
  };
  if (!selection.use.empty() && !names(selection.use)) return false;
  return !names(selection.except);
}

}  // namespace

std::set<std::string> EnabledProtoRules(const BreakingPolicy& policy) {
  std::set<std::string> enabled;
  for (const auto& name : policy.use) AddRuleOrCategory(name, &enabled);
  std::set<std::string> excluded;
  for (const auto& name : policy.except) AddRuleOrCategory(name, &excluded);
  for (const auto& id : excluded) enabled.erase(id);
  return enabled;
}

bool DirectionBreaks(Direction direction, const std::string& mode) {
  std::string base = mode.substr(0, mode.find("_TRANSITIVE"));
  switch (direction) {
    case Direction::kNarrowing:
      return base == "BACKWARD" || base == "FULL";
    case Direction::kWidening:
      return base == "FORWARD" || base == "FULL";
    case Direction::kBoth:
      return base != "NONE";
    default:
      return false;
  }
}

bool IsRegistryRule(std::string_view rule) { return FamilyOf(rule) == RuleFamily::kRegistry; }

bool IsUnstableVersion(std::string_view component) {
  static const std::regex kUnstable(
      "v[0-9]+(alpha|beta)[0-9]*|v[0-9]+p[0-9]+(alpha|beta)[0-9]*|v[0-9]+test.*");
  return std::regex_match(component.begin(), component.end(), kUnstable);
}

const BreakingPolicy& PolicyFor(const Config& config, const Finding& finding) {
  const ContractSpec* contract = ContractFor(config, PathOf(finding));
  return contract && contract->has_policy ? contract->breaking : config.breaking;
}

std::string ModeFor(const Config& config, const Finding& finding) {
  const BreakingPolicy& policy = PolicyFor(config, finding);
  if (finding.kind == ContractKind::kProto)
    return IsRegistryRule(finding.rule) ? policy.registry : "";
  return policy.registry.empty() ? policy.jsonschema : policy.registry;
}

void ApplyPolicy(const Config& config, std::vector<Finding>* findings) {
  // Enabled rule sets, computed once per policy (the repository's and each contract's).
  std::map<const BreakingPolicy*, std::set<std::string>> enabled_by_policy;
  auto enabled_for = [&](const BreakingPolicy& policy) -> const std::set<std::string>& {
    auto [it, inserted] = enabled_by_policy.try_emplace(&policy);
    if (inserted) it->second = EnabledProtoRules(policy);
    return it->second;
  };
  std::vector<Finding> kept;
  kept.reserve(findings->size());
  for (auto& finding : *findings) {
    std::string_view path = PathOf(finding);
    const ContractSpec* contract = ContractFor(config, path);
    const BreakingPolicy& policy =
        contract && contract->has_policy ? contract->breaking : config.breaking;
    if (contract) {
      finding.contract = contract->name;
      finding.owner = contract->owner;
    }
    if (IsVersioningRule(finding.rule)) {
      // The versioning stage set the severity; `use` does not name these rules.
    } else if (finding.kind == ContractKind::kProto && IsRegistryRule(finding.rule)) {
      // The registry stage chose its files and set the severity from the
      // level; a message judged through an import may sit in a buf-mode file.
      if (std::count(policy.except.begin(), policy.except.end(), finding.rule)) continue;
      if (finding.severity == Severity::kError && policy.ignore_unstable_packages &&
          InUnstablePackage(finding)) {
        finding.severity = Severity::kWarning;
      }
    } else if (finding.kind == ContractKind::kProto) {
      if (!policy.registry.empty()) continue;  // registry mode replaces buf's rules
      if (!enabled_for(policy).count(finding.rule)) continue;
      finding.severity = Severity::kError;
      if (policy.ignore_unstable_packages && InUnstablePackage(finding)) {
        finding.severity = Severity::kWarning;
      }
    } else if (finding.kind == ContractKind::kAsyncApi) {
      // ASYNCAPI_ rows set the severity; a JSON Schema engine id keeps the
      // one the AsyncAPI stage chose from the operation's direction.
      if (std::count(policy.except.begin(), policy.except.end(), finding.rule)) continue;
      const RuleInfo* rule = FindRule(finding.rule, finding.kind);
      if (rule && rule->kind == ContractKind::kAsyncApi) finding.severity = rule->level;
      if (!Selected(policy.asyncapi, finding)) continue;
    } else if (finding.kind == ContractKind::kOpenApi) {
      // oasdiff's level for the id (AsyncAPI: the row's); `except` turns a check off.
      if (std::count(policy.except.begin(), policy.except.end(), finding.rule)) continue;
      const RuleInfo* rule = FindRule(finding.rule, finding.kind);
      finding.severity = rule ? rule->level : Severity::kError;
      // breaking.openapi.content_model: strict — the stage marks an added
      // optional request property the engine finds breaking.
      if (finding.rule == "new-optional-request-property" &&
          finding.direction == Direction::kNarrowing) {
        finding.severity = Severity::kError;
      }
      if (!Selected(policy.openapi, finding)) continue;
    } else if (finding.direction != Direction::kAnnotation &&
               finding.direction != Direction::kNone) {
      // A registry level replaces `jsonschema` for the files it governs.
      const std::string& mode = policy.registry.empty() ? policy.jsonschema : policy.registry;
      finding.severity =
          DirectionBreaks(finding.direction, mode) ? Severity::kError : Severity::kInfo;
    }
    if (GlobMatchAny(policy.ignore, path)) {
      finding.suppressed = true;
      finding.suppressed_by = "config ignore";
    } else {
      for (const auto& [rule_or_category, paths] : policy.ignore_only) {
        auto category = FindCategory(rule_or_category);
        const RuleInfo* rule = FindRule(finding.rule, finding.kind);
        bool names = rule_or_category == finding.rule ||
                     (category && rule && (rule->categories & *category));
        if (names && GlobMatchAny(paths, path)) {
          finding.suppressed = true;
          finding.suppressed_by = "config ignore_only";
          break;
        }
      }
    }
    kept.push_back(std::move(finding));
  }
  *findings = std::move(kept);
}

bool NeedsPackageScope(const Config& config) {
  std::vector<const BreakingPolicy*> policies{&config.breaking};
  for (const auto& contract : config.contracts) {
    if (contract.has_policy) policies.push_back(&contract.breaking);
  }
  for (const BreakingPolicy* policy : policies) {
    if (!policy->registry.empty()) continue;  // registry mode replaces buf's rules
    for (const auto& rule : EnabledProtoRules(*policy)) {
      if (rule.starts_with("PACKAGE_")) return true;
    }
  }
  return false;
}

}  // namespace contract_lint
