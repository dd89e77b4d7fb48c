#include "policy/rule_docs.h"

#include <nlohmann/json.hpp>

#include "policy/rule_examples.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

std::string CategoryList(unsigned categories) {
  std::string out;
  static constexpr Category kOrder[] = {kCategoryFile, kCategoryPackage, kCategoryWireJson,
                                        kCategoryWire, kCategoryCsr};
  auto names = CategoryNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (categories & kOrder[i]) out += (out.empty() ? "" : ",") + std::string(names[i]);
  }
  return out;
}

// How to evolve a contract instead of breaking it, by the shape of the rule id.
std::string Advice(std::string_view id) {
  auto has = [&](std::string_view part) { return id.find(part) != std::string_view::npos; };
  if (has("NO_DELETE")) {
    return "Instead of deleting, mark the element deprecated and keep it until no consumer uses "
           "it; for fields and enum values, reserve the number and the name (`reserved 3; "
           "reserved \"note\";`) when you finally remove it, so they are never reused. If the "
           "element really must go, publish a new major version (package foo.v2) next to v1.";
  }
  if (has("SAME_TYPE") || has("COMPATIBLE_TYPE") || has("CARDINALITY")) {
    return "Add a new field with a new number and the new type, deprecate the old one, and "
           "migrate consumers; changing the type in place makes old and new code disagree about "
           "the bytes on the wire or the generated API.";
  }
  if (has("SAME_NAME") || has("JSON_NAME")) {
    return "Names are part of the JSON encoding and of generated code: add a new field (or an "
           "enum alias with `option allow_alias = true;`) and deprecate the old name instead of "
           "renaming in place.";
  }
  if (has("REQUIRED")) {
    return "Adding or removing a required field makes old readers reject new messages or new "
           "readers reject old ones: use an optional field and validate in application code.";
  }
  return "Keep the old behaviour and add the new one beside it (a new field, method or file), "
         "deprecate the old one, and remove it in a new major version once consumers moved.";
}

}  // namespace

std::string RenderRuleList(bool json) {
  if (json) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& rule : AllRules()) {
      nlohmann::json categories = nlohmann::json::array();
      std::string list = CategoryList(rule.categories);
      for (size_t start = 0; !list.empty() && start <= list.size();) {
        size_t comma = list.find(',', start);
        categories.push_back(list.substr(start, comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      rules.push_back({{"id", rule.id},
                       {"kind", KindName(rule.kind)},
                       {"categories", categories},
                       {"default", rule.is_default},
                       {"purpose", rule.purpose}});
      if (!rule.replaced_by.empty()) rules.back()["replaced_by"] = rule.replaced_by;
    }
    return rules.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  std::string out;
  for (const auto& rule : AllRules()) {
    std::string id(rule.id);
    id.resize(std::max<size_t>(id.size(), 46), ' ');
    std::string kind(KindName(rule.kind));
    kind.resize(11, ' ');
    std::string categories = CategoryList(rule.categories);
    if (categories.empty()) categories = "-";
    categories.resize(std::max<size_t>(categories.size(), 34), ' ');
    out += id + " " + kind + " " + categories + " " +
           (rule.is_default ? "default  " : "         ") + std::string(rule.purpose) + "\n";
  }
  return out;
}

namespace {

std::string ExplainOne(const RuleInfo& rule) {
  std::string text = std::string(rule.id) + " (" + std::string(KindName(rule.kind)) + ")\n\n";
  text += std::string(rule.purpose) + "\n\n";
  if (rule.family == RuleFamily::kRegistry) {
    text +=
        "Schema Registry mode: on for every contract with `breaking.registry`; an error when "
        "the configured level rejects the difference, info when the registry accepts it.\n";
  } else if (rule.kind == ContractKind::kOpenApi) {
    text += std::string("oasdiff check, level ") +
            (rule.level == Severity::kError     ? "ERR (error)"
             : rule.level == Severity::kWarning ? "WARN (warning)"
                                                : "INFO (info)") +
            "; `breaking.except` turns it off.\n";
  } else if (rule.kind == ContractKind::kAsyncApi) {
    text += std::string("AsyncAPI rule, ") +
            (rule.level == Severity::kError ? "error" : "warning") +
            "; `breaking.except` turns it off.\n";
  } else if (rule.kind == ContractKind::kProto) {
    std::string categories = CategoryList(rule.categories);
    text += "Categories: " + (categories.empty() ? std::string("none") : categories) +
            (rule.is_default ? " (on by default)" : " (off by default)") + "\n";
  }
  if (!rule.replaced_by.empty()) {
    text += "Deprecated: enabling it enables " + std::string(rule.replaced_by) + ".\n";
  }
  if (std::string example = RuleExample(rule.id, rule.kind); !example.empty()) {
    text += "\n" + example;
  }
  text += "\nHow to evolve safely: " + Advice(rule.id) + "\n";
  if (rule.kind == ContractKind::kOpenApi || rule.kind == ContractKind::kAsyncApi) {
    text += "\nTo accept a specific finding: `breaking.ignore_only: {" + std::string(rule.id) +
            ": [path]}` in contract-lint.yaml, or the baseline file.\n";
    return text;
  }
  std::string inline_form =
      rule.kind == ContractKind::kJsonSchema
          ? "`\"x-contract-lint-ignore\": [\"" + std::string(rule.id) + "\"]` in the subschema"
          : "`// contract-lint:ignore " + std::string(rule.id) + " reason` above the element";
  text += "\nTo accept a specific finding: " + inline_form + ", or `breaking.ignore_only: {" +
          std::string(rule.id) + ": [path]}` in contract-lint.yaml.\n";
  return text;
}

}  // namespace

bool ExplainRule(std::string_view id, std::string* out) {
  // An id can name a Protobuf and a JSON Schema rule (ENUM_NO_DELETE): explain each.
  std::string text;
  for (const auto& rule : AllRules()) {
    if (rule.id != id) continue;
    if (!text.empty()) text += "\n";
    text += ExplainOne(rule);
  }
  if (text.empty()) {
    if (auto category = FindCategory(id)) {
      text = std::string(id) + " (proto category)\n\nRules:";
      for (const auto& rule : AllRules()) {
        if (rule.kind == ContractKind::kProto && (rule.categories & *category)) {
          text += "\n  " + std::string(rule.id);
        }
      }
      text += "\n";
    }
  }
  if (text.empty()) {
    *out = "unknown rule \"" + std::string(id) + "\"";
    std::string suggestion = SuggestRuleOrCategory(id);
    if (!suggestion.empty()) *out += "; did you mean \"" + suggestion + "\"?";
    *out += " (`contract-lint rules` lists them all)";
    return false;
  }
  *out = text;
  return true;
}

}  // namespace contract_lint
