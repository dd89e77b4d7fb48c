// The rule table: the only list of rules. It drives checking, `rules`,
// `explain`, config validation and "did you mean".
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contract_lint/finding.h"

namespace contract_lint {

// Protobuf categories are strictness levels: FILE ⊃ PACKAGE ⊃ WIRE_JSON ⊃ WIRE.
enum Category : unsigned {
  kCategoryFile = 1u << 0,
  kCategoryPackage = 1u << 1,
  kCategoryWireJson = 1u << 2,
  kCategoryWire = 1u << 3,
  kCategoryCsr = 1u << 4,
};

// Appends the findings of one rule. The rule id, kind and severity are filled
// in by the caller; the rule sets location, message, subject, before, after.
class RuleEmitter {
 public:
  virtual ~RuleEmitter() = default;
  virtual void Emit(Finding finding) = 0;
};

// Which stage's table a row comes from: how severity, explain and the
// policy tell rule families apart (never by an id prefix).
enum class RuleFamily { kBuf, kJsonSchema, kRegistry, kSample, kVersioning, kOpenApi, kAsyncApi };

struct RuleInfo {
  std::string_view id;
  ContractKind kind;
  unsigned categories;                // Category bits (Protobuf); 0 for JSON Schema rules
  bool is_default;                    // enabled with no configuration
  std::string_view purpose;           // one sentence, "Checks that …"
  std::string_view replaced_by = {};  // deprecated ids: comma-separated replacements
  // The finding's subject is an element that no longer exists (a field, a
  // file, a property): whoever used anything inside it is affected too.
  bool deletes_element = false;
  // OpenAPI rules: oasdiff's level for the id (ERR, WARN, INFO), the finding's severity.
  Severity level = Severity::kError;
  RuleFamily family = RuleFamily::kBuf;  // set by AllRules() from the row's table
};

std::span<const RuleInfo> AllRules();
// A few ids exist for both kinds (ENUM_VALUE_NO_DELETE, ENUM_NO_DELETE): the
// one-argument form finds the Protobuf row, the two-argument one prefers `kind`.
const RuleInfo* FindRule(std::string_view id);
const RuleInfo* FindRule(std::string_view id, ContractKind kind);
// The family of rule `id` (RuleInfo::family); nullopt for an unknown id.
std::optional<RuleFamily> FamilyOf(std::string_view id);

// Category names as written in configs ("FILE", "PACKAGE", "WIRE_JSON", "WIRE", "CSR").
std::span<const std::string_view> CategoryNames();
std::optional<Category> FindCategory(std::string_view name);

// buf.yaml versions ("v1beta1", "v1", "v2") differ in which Protobuf rules
// exist and which categories hold them; v2 is the table itself. The categories
// of `rule` under `version`, or nullopt when that version has no such rule.
std::optional<unsigned> BufVersionCategories(std::string_view version, const RuleInfo& rule);

// The rule ids a buf.yaml `use` / `except` list names under `version`:
// categories become that version's members, rule ids (deprecated ones too)
// stay. False, with `unknown` set, at the first name that version rejects.
bool ExpandBufRuleNames(std::string_view version, const std::vector<std::string>& names,
                        std::vector<std::string>* ids, std::string* unknown);

// The nearest valid rule id or category name for a misspelling, or "".
std::string SuggestRuleOrCategory(std::string_view word);

}  // namespace contract_lint
