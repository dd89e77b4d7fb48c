#include "rules/rule_table.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "base/edit_distance.h"
#include "rules/rule_rows.h"

namespace contract_lint {

std::span<const RuleInfo> AllRules() {
  static const std::vector<RuleInfo> rules = [] {
    std::vector<RuleInfo> all;
    const std::pair<std::span<const RuleInfo>, RuleFamily> tables[] = {
        {ProtoRuleRows(), RuleFamily::kBuf},
        {JsonSchemaRuleRows(), RuleFamily::kJsonSchema},
        {RegistryRuleRows(), RuleFamily::kRegistry},
        {SampleRuleRows(), RuleFamily::kSample},
        {VersioningRuleRows(), RuleFamily::kVersioning},
        {OpenApiRuleRows(), RuleFamily::kOpenApi},
        {AsyncApiRuleRows(), RuleFamily::kAsyncApi}};
    for (const auto& [rows, family] : tables) {
      for (RuleInfo row : rows) {
        row.family = family;
        all.push_back(row);
      }
    }
    std::sort(all.begin(), all.end(), [](const RuleInfo& a, const RuleInfo& b) {
      return std::tie(a.id, a.kind) < std::tie(b.id, b.kind);
    });
    return all;
  }();
  return rules;
}

const RuleInfo* FindRule(std::string_view id) {
  auto rules = AllRules();
  auto it = std::lower_bound(rules.begin(), rules.end(), id,
                             [](const RuleInfo& r, std::string_view v) { return r.id < v; });
  return it != rules.end() && it->id == id ? &*it : nullptr;
}

const RuleInfo* FindRule(std::string_view id, ContractKind kind) {
  const RuleInfo* first = FindRule(id);
  if (first == nullptr || first->kind == kind) return first;
  const RuleInfo* next = first + 1;
  auto rules = AllRules();
  return next != rules.data() + rules.size() && next->id == id && next->kind == kind ? next : first;
}

std::optional<RuleFamily> FamilyOf(std::string_view id) {
  const RuleInfo* rule = FindRule(id);
  return rule ? std::optional<RuleFamily>(rule->family) : std::nullopt;
}

std::span<const std::string_view> CategoryNames() {
  static constexpr std::array<std::string_view, 5> kNames = {"FILE", "PACKAGE", "WIRE_JSON", "WIRE",
                                                             "CSR"};
  return kNames;
}

std::optional<Category> FindCategory(std::string_view name) {
  static constexpr std::array<Category, 5> kValues = {
      kCategoryFile, kCategoryPackage, kCategoryWireJson, kCategoryWire, kCategoryCsr};
  auto names = CategoryNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return kValues[i];
  }
  return std::nullopt;
}

std::string SuggestRuleOrCategory(std::string_view word) {
  std::string upper(word);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  NearestWord nearest(upper, std::max<size_t>(3, upper.size() / 3));
  for (const auto& rule : AllRules()) nearest.Offer(rule.id);
  for (auto name : CategoryNames()) nearest.Offer(name);
  return nearest.best();
}

}  // namespace contract_lint
