// JSON Schema rules: short functions over a pair of subschemas, or over one
// element that pairing found added or removed. Pairing itself (properties,
// tuple positions, combinator branches, $refs) lives in schema_compare.cc;
// rule functions only compare and emit.
#pragma once

#include <string>
#include <string_view>

#include "contract_lint/finding.h"
#include "jsonschema/schema_side.h"

namespace contract_lint {

// One detected change, located in the current side.
struct Change {
  std::string rule;
  Direction direction = Direction::kNone;
  Severity severity = Severity::kError;
  const SchemaDocument* doc = nullptr;  // current-side file
  std::string location;                 // pointer of the value to point at
  std::string subject;                  // pointer named by the message
  std::string text;                     // e.g. `type changed from "number" to "integer"`
  std::string before;                   // compact JSON, "" when absent
  std::string after;
  std::string note;  // after the consequence: the containment verdict, a counterexample
  // A shared definition judged at one of its uses (schema_compare.h):
  // `use_of` names the definition ("file#pointer") for a copy located at the
  // use, `at_definition` marks the definition's own change once a use of it
  // was seen (its enclosing compositions do not re-judge it).
  std::string use_of;
  bool at_definition = false;
};

// What rule functions may use: the output and the set relation of two
// subschemas (kNone = same accepted set), computed without emitting.
class ChangeSink {
 public:
  virtual ~ChangeSink() = default;
  virtual void Emit(Change change) = 0;
  virtual Direction Relate(const SchemaNode& old_node, const SchemaNode& new_node) = 0;
  virtual bool lenient() const = 0;
};

// Both nodes are dereferenced; either may be `true` or absent.
struct SchemaPair {
  const SchemaNode& old_node;
  const SchemaNode& new_node;
};

// Combines the directions of several changes (annotations do not count).
Direction Combine(Direction a, Direction b);
Direction Invert(Direction direction);  // narrowing <-> widening
std::string Compact(const nlohmann::json& value);
// While one lives (and `quiet`), Compact and Brief on this thread return a
// placeholder: for probes that keep only the directions of changes.
class QuietValues {
 public:
  explicit QuietValues(bool quiet);
  ~QuietValues();
  QuietValues(const QuietValues&) = delete;
  QuietValues& operator=(const QuietValues&) = delete;

 private:
  bool saved_;
};
// Compact JSON shortened for messages.
std::string Brief(const nlohmann::json& value);

// A change located at `keyword` of the new node (or the node when absent).
Change MakeChange(std::string_view rule, Direction direction, const SchemaNode& at,
                  std::string_view keyword, std::string text, std::string before,
                  std::string after);

// Keyword rules (schema_keyword_rules.cc, schema_bound_rules.cc).
void CheckType(const SchemaPair& pair, ChangeSink& out);
void CheckEnum(const SchemaPair& pair, ChangeSink& out);
void CheckBounds(const SchemaPair& pair, ChangeSink& out);
void CheckMultipleOf(const SchemaPair& pair, ChangeSink& out);
void CheckStringKeywords(const SchemaPair& pair, ChangeSink& out);
void CheckUniqueItems(const SchemaPair& pair, ChangeSink& out);
void CheckRequired(const SchemaPair& pair, ChangeSink& out);
void CheckDependentRequired(const SchemaPair& pair, ChangeSink& out);
void CheckAnnotations(const SchemaPair& pair, ChangeSink& out);
// A subschema that became `false`, or stopped being `false`.
void CheckFalseSchema(const SchemaPair& pair, ChangeSink& out);

// Element rules (schema_element_rules.cc), called by pairing.
enum class ContentModel { kOpen, kClosed, kPartial };
struct AddedElement {
  std::string_view rule;          // e.g. PROPERTY_NO_ADD
  std::string description;        // e.g. `property "x"`
  const SchemaNode& parent;       // new parent subschema (located when removed)
  const SchemaNode& element;      // the added (new side) or removed (old side) subschema
  const SchemaNode& counterpart;  // what the other side allowed there (catch-all)
  std::string subject;            // pointer of the element in the current file
};
void CheckElementAdded(const AddedElement& added, ContentModel model, ChangeSink& out);
void CheckElementRemoved(const AddedElement& removed, ContentModel model, ChangeSink& out);
// A subschema keyword (contains, not, propertyNames, if, …) added or removed.
void CheckKeywordAdded(std::string_view rule, std::string_view keyword, const SchemaNode& parent,
                       const SchemaNode& added, Direction direction, ChangeSink& out);
void CheckKeywordRemoved(std::string_view rule, std::string_view keyword, const SchemaNode& parent,
                         const SchemaNode& removed, Direction direction, ChangeSink& out);
// `not` changed: the accepted set moves opposite to the negated one.
void CheckNotChanged(const SchemaNode& parent, const SchemaNode& old_not, const SchemaNode& new_not,
                     ChangeSink& out);
void CheckIfChanged(const SchemaNode& parent, const SchemaNode& old_if, const SchemaNode& new_if,
                    ChangeSink& out);

// A combinator branch added or removed. `covered`: the other side has a
// branch accepting at least as much (anyOf/oneOf). `overlaps` (oneOf): the
// branch may match together with another branch of its side, so documents
// matching both flip between invalid and valid.
void CheckBranchAdded(std::string_view keyword, const SchemaNode& parent, const SchemaNode& branch,
                      bool covered, bool overlaps, ChangeSink& out);
void CheckBranchRemoved(std::string_view keyword, const SchemaNode& parent,
                        const SchemaNode& branch, bool covered, bool overlaps, ChangeSink& out);

// Type atoms (null, boolean, object, array, string, integer, fraction) a
// subschema allows by `type`; all when absent.
unsigned TypeAtoms(const SchemaNode& node);
// True when no document can match both (by type, const/enum).
bool ProvablyDisjoint(const SchemaNode& a, const SchemaNode& b);
// True for `true`, `{}` and objects with only annotations.
bool IsTrivial(const nlohmann::json& schema);

}  // namespace contract_lint
