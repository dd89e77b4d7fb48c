// Rules over numeric bounds: minimum/maximum (exclusive or not, in every
// draft's spelling) and the min/max counts of strings, arrays and objects.
#include <cmath>
#include <limits>

#include "jsonschema/schema_rules.h"

namespace contract_lint {
namespace {

using nlohmann::json;

// A lower or an upper bound; absent when unbounded.
struct Bound {
  bool present = false;
  double value = 0;
  bool exclusive = false;
  std::string keyword;  // where the binding value is written
  std::string text;     // compact JSON of what sets the bound
};

const json* Number(const SchemaNode& node, std::string_view keyword) {
  const json* value = node.Get(keyword);
  return value && value->is_number() ? value : nullptr;
}

// `upper` flips "tighter": for a lower bound a larger value is tighter.
bool Tighter(const Bound& a, const Bound& b, bool upper) {
  if (!a.present) return false;
  if (!b.present) return true;
  if (a.value != b.value) return upper ? a.value < b.value : a.value > b.value;
  return a.exclusive && !b.exclusive;
}

Bound NumericBound(const SchemaNode& node, bool upper) {
  std::string inclusive = upper ? "maximum" : "minimum";
  std::string exclusive = upper ? "exclusiveMaximum" : "exclusiveMinimum";
  Bound bound;
  if (const json* value = Number(node, inclusive)) {
    bound = Bound{true, value->get<double>(), false, inclusive, Compact(*value)};
    const json* flag = node.Get(exclusive);  // draft-04: a boolean modifier
    if (flag && flag->is_boolean() && flag->get<bool>()) {
      bound.exclusive = true;
      bound.text = Compact(json{{exclusive, *value}});
    }
  }
  if (const json* value = Number(node, exclusive)) {
    Bound other{true, value->get<double>(), true, exclusive, Compact(json{{exclusive, *value}})};
    if (Tighter(other, bound, upper)) bound = other;
  }
  return bound;
}

Bound CountBound(const SchemaNode& node, std::string_view keyword, double absent_value) {
  if (const json* value = Number(node, keyword)) {
    return Bound{true, value->get<double>(), false, std::string(keyword), Compact(*value)};
  }
  if (absent_value >= 0) return Bound{true, absent_value, false, "", ""};
  return Bound{};
}

std::string Describe(const Bound& bound) {
  if (!bound.present) return "none";
  std::string text = Compact(json(bound.value));
  if (bound.value == std::floor(bound.value) && std::fabs(bound.value) < 1e15) {
    text = std::to_string(static_cast<long long>(bound.value));
  }
  return bound.exclusive ? text + " (exclusive)" : text;
}

// `name` is the keyword the message and rule ids use (MIN_LENGTH, …).
void CompareBound(const SchemaPair& pair, ChangeSink& out, const Bound& before, const Bound& after,
                  bool upper, std::string_view name, std::string_view rule_prefix) {
  bool tighter = Tighter(after, before, upper);
  bool looser = Tighter(before, after, upper);
  if (!tighter && !looser) return;
  std::string text;
  if (before.text.empty()) {
    text = std::string(name) + " " + Describe(after) + " added";
  } else if (after.text.empty()) {
    text = std::string(name) + " " + Describe(before) + " removed";
  } else {
    text = std::string(name) + (tighter != upper ? " raised" : " lowered") + " from " +
           Describe(before) + " to " + Describe(after);
  }
  // Narrowing a lower bound raises it; narrowing an upper bound lowers it.
  std::string rule =
      std::string(rule_prefix) + (tighter != upper ? "_NO_INCREASE" : "_NO_DECREASE");
  out.Emit(MakeChange(rule, tighter ? Direction::kNarrowing : Direction::kWidening, pair.new_node,
                      after.keyword, text, before.text, after.text));
}

struct CountKeyword {
  std::string_view keyword;
  std::string_view rule_prefix;
  bool upper;
};

constexpr CountKeyword kCounts[] = {
    {"minLength", "MIN_LENGTH", false},         {"maxLength", "MAX_LENGTH", true},
    {"minItems", "MIN_ITEMS", false},           {"maxItems", "MAX_ITEMS", true},
    {"minProperties", "MIN_PROPERTIES", false}, {"maxProperties", "MAX_PROPERTIES", true},
    {"minContains", "MIN_CONTAINS", false},     {"maxContains", "MAX_CONTAINS", true},
};

}  // namespace

void CheckBounds(const SchemaPair& pair, ChangeSink& out) {
  CompareBound(pair, out, NumericBound(pair.old_node, false), NumericBound(pair.new_node, false),
               false, "minimum", "MINIMUM");
  CompareBound(pair, out, NumericBound(pair.old_node, true), NumericBound(pair.new_node, true),
               true, "maximum", "MAXIMUM");
  for (const auto& count : kCounts) {
    // Lower counts default to 0 (minContains to 1); upper counts to none.
    double absent = count.upper ? -1 : (count.keyword == "minContains" ? 1 : 0);
    CompareBound(pair, out, CountBound(pair.old_node, count.keyword, absent),
                 CountBound(pair.new_node, count.keyword, absent), count.upper, count.keyword,
                 count.rule_prefix);
  }
}

}  // namespace contract_lint
