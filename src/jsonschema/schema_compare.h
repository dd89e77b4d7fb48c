// Pairing of subschemas, the one place where it happens: $refs followed as if
// inlined, properties by name against the content model, tuple positions,
// combinator branches by compatibility. Rule functions (schema_rules.h) judge
// each pair. Recursive schemas compare as a fix-point: a pair already under
// comparison is assumed compatible, so every comparison terminates.
#pragma once

#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "jsonschema/schema_containment.h"
#include "jsonschema/schema_rules.h"
#include "jsonschema/schema_side.h"

namespace contract_lint {

// A `$ref` target inlined for the containment check (schema_compare.cc):
// its value, the budget it used, the targets it looked up (sorted), and the
// side's document count and the target's base URI when it was inlined.
struct InlinedTarget {
  nlohmann::json value;
  int cost = 0;
  std::vector<const nlohmann::json*> reached;
  size_t generation = 0;
  std::string base;
};
using InlineCache = std::unordered_map<const nlohmann::json*, InlinedTarget>;

class SchemaComparer : public ChangeSink {
 public:
  SchemaComparer(SchemaSide* old_side, SchemaSide* new_side, bool lenient)
      : old_side_(old_side), new_side_(new_side), lenient_(lenient) {}

  // Appends the changes from `old_node` to `new_node` to *changes. A pair
  // already compared by this comparer is not reported again.
  void Compare(const SchemaNode& old_node, const SchemaNode& new_node,
               std::vector<Change>* changes);

  void Emit(Change change) override;
  Direction Relate(const SchemaNode& old_node, const SchemaNode& new_node) override;
  bool lenient() const override { return lenient_; }

  // Follows `$ref`s that stand for their target (no sibling keywords).
  SchemaNode Deref(SchemaSide* side, SchemaNode node);

  // Reports a changed definition at each of its uses too (a `$ref` whose
  // target is the same place on both sides): each use is its own finding,
  // located at the use's `$ref` and judged there (an enclosing composition
  // may prove it harmless). Finish() keeps these only for definitions used
  // in two places or more, and drops uses proved compatible in context.
  void ReportEachUse() { report_uses_ = true; }
  void Finish(std::vector<Change>* changes);

  // Subschemas (current side) that differ but lie deeper than the comparison
  // goes: the caller reports them as input errors, never as "unchanged".
  const std::vector<SchemaNode>& too_deep() const { return too_deep_; }

 private:
  using ValuePair = std::pair<const nlohmann::json*, const nlohmann::json*>;

  std::vector<SchemaNode> too_deep_;

  void ComparePair(SchemaNode old_node, SchemaNode new_node);
  void CompareTarget(const SchemaNode& referring, SchemaNode old_node, SchemaNode new_node);
  // Copies the changes found at definition `target` to its use `referring`.
  void CopyToUse(const SchemaNode& referring, const SchemaNode& old_target,
                 const SchemaNode& target);
  void CompareKeywords(const SchemaNode& old_node, const SchemaNode& new_node);
  void CompareProperties(const SchemaNode& old_node, const SchemaNode& new_node);
  void ComparePatternProperties(const SchemaNode& old_node, const SchemaNode& new_node);
  void CompareItems(const SchemaNode& old_node, const SchemaNode& new_node);
  void CompareSubschemaKeywords(const SchemaNode& old_node, const SchemaNode& new_node);
  void CompareDependentSchemas(const SchemaNode& old_node, const SchemaNode& new_node);
  void CompareConditional(const SchemaNode& old_node, const SchemaNode& new_node);
  void CompareBranches(const SchemaNode& old_node, const SchemaNode& new_node,
                       std::string_view keyword);
  void CompareOptional(const SchemaNode& old_node, const SchemaNode& new_node,
                       std::string_view keyword, std::string_view rule_prefix);
  SchemaNode RefTargetOf(SchemaSide* side, const SchemaNode& node);
  // Re-judges the changes from `first` on, all under this pair, by the
  // accepted sets (schema_containment.h) when the pair is a ref-free
  // composition or changed itself.
  void JudgeByContainment(const SchemaNode& old_node, const SchemaNode& new_node, size_t first);
  bool EqualWithoutRefs(const SchemaNode& old_node, const SchemaNode& new_node);

  // While comparing through a $ref whose target moved (another definition,
  // or inline before), changes are reported at the referring subschema, as
  // if the target were inlined there.
  struct Relocation {
    const SchemaDocument* from_doc;
    std::string from_pointer;
    const SchemaDocument* to_doc;
    std::string to_pointer;
  };
  void Relocate(Change* change) const;

  SchemaSide* old_side_;
  SchemaSide* new_side_;
  bool lenient_;
  std::vector<Change>* out_ = nullptr;
  bool probing_ = false;
  int depth_ = 0;
  std::set<ValuePair> active_;  // pairs under comparison (assumed compatible)
  std::set<std::tuple<const nlohmann::json*, const SchemaDocument*, std::string>> reported_;
  std::map<ValuePair, Direction> relations_;
  std::map<const nlohmann::json*, bool> has_ref_;
  std::vector<Relocation> relocations_;
  int containment_budget_ = 4000;          // engine runs per comparer
  InlineCache old_inlined_, new_inlined_;  // $ref targets inlined, per side
  // The engine's answers for a pair (values, base URIs, and each side's
  // document count then); `inlined` false: its $refs could not be inlined.
  using JudgedKey = std::tuple<const nlohmann::json*, const nlohmann::json*, std::string,
                               std::string, size_t, size_t>;
  struct Judged {
    bool inlined;
    Containment backward, forward;
  };
  std::map<JudgedKey, Judged> judged_;
  bool report_uses_ = false;
  // Where the changes of a compared pair are (by reported_ key): the output
  // and the index range, so that later uses of a definition copy them.
  struct Range {
    std::vector<Change>* out;
    size_t begin, end;
  };
  std::map<std::tuple<const nlohmann::json*, const SchemaDocument*, std::string>, Range> ranges_;
  std::map<std::string, std::set<std::string>> uses_;  // definition -> its uses with copies
};

}  // namespace contract_lint
