#include "jsonschema/schema_containment.h"

#include <algorithm>
#include <memory>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "jsonschema/schema_metaschema.h"

namespace contract_lint {
namespace {

using nlohmann::json;

constexpr size_t kMaxBranches = 64;
constexpr int kMaxDepth = 16;

// A union of plain subschemas (no allOf / anyOf / oneOf), assertion keywords
// only; `{}` accepts everything, no branch accepts nothing. Not known: the
// normal form could not be built (then nothing is proved).
struct Union {
  bool known = true;
  std::vector<json> branches;
};

Union Unknown() {
  Union u;
  u.known = false;
  return u;
}

bool IsCombinator(std::string_view key) {
  return key == "allOf" || key == "anyOf" || key == "oneOf";
}

// Keywords that only work together: never split between two merged parts.
int GroupOf(std::string_view key) {
  if (key == "properties" || key == "patternProperties" || key == "additionalProperties" ||
      key == "unevaluatedProperties")
    return 1;
  if (key == "items" || key == "prefixItems" || key == "additionalItems" ||
      key == "unevaluatedItems" || key == "contains" || key == "minContains" ||
      key == "maxContains")
    return 2;
  if (key == "if" || key == "then" || key == "else") return 3;
  if (key == "maximum" || key == "exclusiveMaximum") return 4;  // draft-04 booleans
  if (key == "minimum" || key == "exclusiveMinimum") return 5;
  return 0;
}

const std::set<std::string>& AllTypes() {
  static const std::set<std::string> kAll = {"array",  "boolean", "integer", "null",
                                             "number", "object",  "string"};
  return kAll;
}

// The types a plain branch admits; "number" includes "integer".
std::set<std::string> TypesOf(const json& branch) {
  auto it = branch.find("type");
  if (it == branch.end()) return AllTypes();
  std::set<std::string> types;
  auto add = [&](const json& name) {
    if (!name.is_string()) return;
    types.insert(name.get<std::string>());
    if (name.get<std::string>() == "number") types.insert("integer");
  };
  if (it->is_array()) {
    for (const auto& name : *it) add(name);
  } else {
    add(*it);
  }
  return types;
}

// The types a keyword constrains; empty = every type.
std::set<std::string> AppliesTo(std::string_view key) {
  static const std::set<std::string_view> kString = {
      "minLength",       "maxLength",        "pattern",      "format",
      "contentEncoding", "contentMediaType", "contentSchema"};
  static const std::set<std::string_view> kNumber = {"minimum", "maximum", "exclusiveMinimum",
                                                     "exclusiveMaximum", "multipleOf"};
  static const std::set<std::string_view> kArray = {
      "items",       "prefixItems", "additionalItems", "contains",    "minContains",
      "maxContains", "minItems",    "maxItems",        "uniqueItems", "unevaluatedItems"};
  static const std::set<std::string_view> kObject = {
      "properties",    "patternProperties", "additionalProperties", "required",
      "minProperties", "maxProperties",     "dependentRequired",    "dependentSchemas",
      "dependencies",  "propertyNames",     "unevaluatedProperties"};
  if (kString.count(key)) return {"string"};
  if (kNumber.count(key)) return {"number", "integer"};
  if (kArray.count(key)) return {"array"};
  if (kObject.count(key)) return {"object"};
  return {};
}

bool Applies(std::string_view key, const std::set<std::string>& types) {
  std::set<std::string> applies = AppliesTo(key);
  if (applies.empty()) return true;
  for (const auto& type : types) {
    if (applies.count(type)) return true;
  }
  return false;
}

// The assertions of a plain part of `schema`: no annotations, no combinators.
json Assertions(const json& schema) {
  json out = json::object();
  for (const auto& [key, value] : schema.items()) {
    if (IsAnnotationKeyword(key) || IsCombinator(key)) continue;
    out[key] = value;
  }
  return out;
}

Union SplitTypes(const json& plain) {
  Union u;
  auto type = plain.find("type");
  if (type == plain.end() || !type->is_array()) {
    u.branches.push_back(plain);
    return u;
  }
  std::set<std::string> seen;
  for (const auto& name : *type) {
    if (!name.is_string()) return Unknown();
    if (!seen.insert(name.get<std::string>()).second) continue;
    json branch = plain;
    branch["type"] = name;
    u.branches.push_back(std::move(branch));
  }
  return u;
}

// The conjunction of two plain branches, when it is one plain branch.
enum class Merged { kOne, kEmpty, kUnknown };

Merged Merge(const json& a, const json& b, json* out) {
  if (a.empty()) {
    *out = b;
    return Merged::kOne;
  }
  if (b.empty()) {
    *out = a;
    return Merged::kOne;
  }
  std::set<int> groups_a, groups_b;
  for (const auto& [key, value] : a.items()) groups_a.insert(GroupOf(key));
  for (const auto& [key, value] : b.items()) groups_b.insert(GroupOf(key));
  for (int group : groups_a) {
    if (group != 0 && groups_b.count(group)) {
      // The same group on both sides merges only when spelled identically.
      for (const auto& [key, value] : b.items()) {
        if (GroupOf(key) == group && (!a.contains(key) || a[key] != value)) return Merged::kUnknown;
      }
      for (const auto& [key, value] : a.items()) {
        if (GroupOf(key) == group && !b.contains(key)) return Merged::kUnknown;
      }
    }
  }
  *out = a;
  for (const auto& [key, value] : b.items()) {
    auto it = out->find(key);
    if (it == out->end()) {
      (*out)[key] = value;
    } else if (*it != value) {
      if (key != "type") return Merged::kUnknown;
      std::set<std::string> ta = TypesOf(a), tb = TypesOf(b), both;
      std::set_intersection(ta.begin(), ta.end(), tb.begin(), tb.end(),
                            std::inserter(both, both.end()));
      if (both.empty()) return Merged::kEmpty;
      if (both.size() != 1) return Merged::kUnknown;
      (*out)["type"] = *both.begin();
    }
  }
  return Merged::kOne;
}

Union Conjoin(const Union& a, const Union& b) {
  if (!a.known || !b.known) return Unknown();
  Union out;
  for (const auto& x : a.branches) {
    for (const auto& y : b.branches) {
      json merged;
      Merged how = Merge(x, y, &merged);
      if (how == Merged::kUnknown) return Unknown();
      if (how == Merged::kEmpty) continue;
      out.branches.push_back(std::move(merged));
      if (out.branches.size() > kMaxBranches) return Unknown();
    }
  }
  return out;
}

bool Disjoint(const Union& a, const Union& b) {
  for (const auto& x : a.branches) {
    std::set<std::string> tx = TypesOf(x);
    for (const auto& y : b.branches) {
      for (const auto& type : TypesOf(y)) {
        if (tx.count(type)) return false;
      }
    }
  }
  return true;
}

// over: a superset of the accepted set (for the side that must be
// contained); under: a subset (for the side that must contain).
Union Normalize(const json& schema, bool over, int depth) {
  if (depth > kMaxDepth) return Unknown();
  if (schema.is_boolean()) {
    Union u;
    if (schema.get<bool>()) u.branches.push_back(json::object());
    return u;
  }
  if (!schema.is_object()) return Unknown();
  Union acc = SplitTypes(Assertions(schema));
  if (auto all = schema.find("allOf"); all != schema.end()) {
    if (!all->is_array()) return Unknown();
    for (const auto& item : *all) acc = Conjoin(acc, Normalize(item, over, depth + 1));
  }
  for (const char* keyword : {"anyOf", "oneOf"}) {
    auto it = schema.find(keyword);
    if (it == schema.end()) continue;
    if (!it->is_array() || it->empty()) return Unknown();
    std::vector<Union> items;
    for (const auto& item : *it) {
      items.push_back(Normalize(item, over, depth + 1));
      if (!items.back().known) return Unknown();
    }
    if (std::string_view(keyword) == "oneOf" && !over) {
      // Exactly one: a union only where no document can match two.
      for (size_t i = 0; i < items.size(); ++i) {
        for (size_t j = i + 1; j < items.size(); ++j) {
          if (!Disjoint(items[i], items[j])) return Unknown();
        }
      }
    }
    Union any;
    for (auto& item : items) {
      for (auto& branch : item.branches) any.branches.push_back(std::move(branch));
    }
    if (any.branches.size() > kMaxBranches) return Unknown();
    acc = Conjoin(acc, any);
  }
  return acc;
}

std::vector<json> ValuesOf(const json& branch) {
  std::vector<json> values;
  if (auto it = branch.find("const"); it != branch.end()) values.push_back(*it);
  if (auto it = branch.find("enum"); it != branch.end() && it->is_array()) {
    for (const auto& value : *it) values.push_back(value);
  }
  return values;
}

bool IsLowerBound(std::string_view key) {
  return key == "minimum" || key == "minLength" || key == "minItems" || key == "minProperties" ||
         key == "minContains";
}
bool IsUpperBound(std::string_view key) {
  return key == "maximum" || key == "maxLength" || key == "maxItems" || key == "maxProperties" ||
         key == "maxContains";
}

Containment ContainsAt(const json& inner, const json& outer, Draft draft, int depth);
bool ExcludedBy(const std::set<std::string>& types, const std::vector<json>& values,
                const json& negated, Draft draft, int depth);

// Every document of plain branch `b` passes plain branch `c` (proved), else
// false (not proved).
bool BranchContains(const json& b, const json& c, Draft draft, int depth) {
  if (c.empty() || b == c) return true;
  // b's own condition, where c has none (and the draft applies it): each
  // case of b (its other keywords with `then`, or with `else`) within c.
  // So `required` moved out of both `then` and `else` is no change.
  if (draft >= Draft::k07 && b.contains("if") && !c.contains("if")) {
    json rest = b;
    for (const char* k : {"if", "then", "else"}) rest.erase(k);
    bool both = true;
    for (const char* keyword : {"then", "else"}) {
      json one = json{{"allOf", json::array({rest, b.value(keyword, json(true))})}};
      if (ContainsAt(one, c, draft, depth + 1).answer != Containment::kYes) both = false;
      if (!both) break;
    }
    if (both) return true;
  }
  std::set<std::string> tb = TypesOf(b), tc = TypesOf(c);
  // A branch with enum/const is its values: judge those.
  std::vector<json> b_values = ValuesOf(b);
  if (!b_values.empty() && !b.contains("type")) {
    tb.clear();
    for (const auto& v : b_values) {
      static const char* kNames[] = {"null",    "object",  "array",  "string", "boolean",
                                     "integer", "integer", "number", "binary", "discarded"};
      tb.insert(kNames[static_cast<int>(v.type())]);
    }
  }
  if (tb.empty()) return true;
  for (const auto& type : tb) {
    if (!tc.count(type)) return false;
  }
  std::set<int> groups_done;
  for (const auto& [key, value] : c.items()) {
    if (key == "type" || !Applies(key, tb)) continue;
    auto mine = b.find(key);
    if (key == "not") {
      // Every document of b must fail the negated schema: provably
      // disjoint by type, or b's values all rejected by it.
      if (mine != b.end() && *mine == value) continue;
      if (!ExcludedBy(tb, b_values, value, draft, depth)) return false;
      continue;
    }
    if (GroupOf(key) == 3 && !groups_done.count(3)) {
      groups_done.insert(3);
      bool same = true;
      for (const char* k : {"if", "then", "else"}) {
        auto x = b.find(k), y = c.find(k);
        if ((x == b.end()) != (y == c.end()) || (x != b.end() && *x != *y)) same = false;
      }
      auto condition = c.find("if");
      if (same || condition == c.end()) continue;  // then/else without if do nothing
      json then_schema = c.contains("then") ? c["then"] : json(true);
      json else_schema = c.contains("else") ? c["else"] : json(true);
      auto within = [&](const json& outer) {
        return ContainsAt(b, outer, draft, depth + 1).answer == Containment::kYes;
      };
      // Proved when b passes both consequents, or never meets the condition
      // and passes `else`, or always meets it and passes `then`.
      if (within(then_schema) && within(else_schema)) continue;
      if (ExcludedBy(tb, b_values, *condition, draft, depth) && within(else_schema)) continue;
      if (within(*condition) && within(then_schema)) continue;
      // The same condition on both sides (where the draft applies it): each
      // case of b within the same case of c.
      if (auto mine_if = b.find("if");
          draft >= Draft::k07 && mine_if != b.end() && *mine_if == *condition) {
        auto case_of = [&](const char* keyword) {
          json rest = b;
          for (const char* k : {"if", "then", "else"}) rest.erase(k);
          return json{{"allOf", json::array({rest, b.value(keyword, json(true))})}};
        };
        auto yes = [&](const json& inner, const json& outer) {
          return ContainsAt(inner, outer, draft, depth + 1).answer == Containment::kYes;
        };
        if (yes(case_of("then"), then_schema) && yes(case_of("else"), else_schema)) continue;
      }
      return false;
    }
    if (GroupOf(key) == 3) continue;
    if (key == "enum" || key == "const") {
      std::vector<json> allowed = ValuesOf(c);
      if (b_values.empty()) return false;
      for (const auto& v : b_values) {
        if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) return false;
      }
      continue;
    }
    if (key == "required") {
      if (mine == b.end() || !mine->is_array() || !value.is_array()) return false;
      for (const auto& name : value) {
        if (std::find(mine->begin(), mine->end(), name) == mine->end()) return false;
      }
      continue;
    }
    int group = GroupOf(key);
    if (group == 1) {
      if (!groups_done.insert(group).second) continue;
      // Same names and catch-alls, each property contained.
      for (const char* other :
           {"patternProperties", "additionalProperties", "unevaluatedProperties"}) {
        auto x = b.find(other), y = c.find(other);
        if ((x == b.end()) != (y == c.end()) || (x != b.end() && *x != *y)) return false;
      }
      auto pb = b.find("properties"), pc = c.find("properties");
      if ((pb == b.end()) != (pc == c.end())) return false;
      if (pb == b.end()) continue;
      if (!pb->is_object() || !pc->is_object() || pb->size() != pc->size()) return false;
      for (const auto& [name, sub] : pc->items()) {
        auto it = pb->find(name);
        if (it == pb->end()) return false;
        if (ContainsAt(*it, sub, draft, depth + 1).answer != Containment::kYes) return false;
      }
      continue;
    }
    if (group != 0 && !(draft != Draft::k04 && (group == 4 || group == 5))) {
      if (!groups_done.insert(group).second) continue;
      for (const auto& [other, v] : c.items()) {
        if (GroupOf(other) != group) continue;
        auto x = b.find(other);
        if (x == b.end() || *x != v) return false;
      }
      for (const auto& [other, v] : b.items()) {
        if (GroupOf(other) == group && !c.contains(other)) return false;
      }
      continue;
    }
    if (mine == b.end() || !mine->is_number() || !value.is_number()) {
      if (mine != b.end() && *mine == value) continue;
      if (key == "exclusiveMinimum" || key == "exclusiveMaximum") return false;
      return false;
    }
    double x = mine->get<double>(), y = value.get<double>();
    if (IsLowerBound(key) || key == "exclusiveMinimum") {
      if (x < y) return false;
    } else if (IsUpperBound(key) || key == "exclusiveMaximum") {
      if (x > y) return false;
    } else if (*mine != value) {
      return false;
    }
  }
  return true;
}

bool HasKeyword(const json& schema, std::string_view keyword) {
  if (schema.is_array()) {
    for (const auto& item : schema) {
      if (HasKeyword(item, keyword)) return true;
    }
    return false;
  }
  if (!schema.is_object()) return false;
  for (const auto& [key, value] : schema.items()) {
    if (key == keyword) return true;
    if (key == "enum" || key == "const" || key == "default" || key == "examples") continue;
    if (value.is_structured() && HasKeyword(value, keyword)) return true;
  }
  return false;
}

bool UsesLaterKeywords(const json& schema) {
  if (schema.is_array()) {
    for (const auto& item : schema) {
      if (UsesLaterKeywords(item)) return true;
    }
    return false;
  }
  if (!schema.is_object()) return false;
  for (const auto& [key, value] : schema.items()) {
    if (key == "prefixItems" || key == "dependentRequired" || key == "dependentSchemas" ||
        key == "unevaluatedItems" || key == "unevaluatedProperties" || key == "minContains" ||
        key == "maxContains")
      return true;
    if (key == "enum" || key == "const" || key == "default" || key == "examples") continue;
    if (value.is_structured() && UsesLaterKeywords(value)) return true;
  }
  return false;
}

// A parsed valijson schema, or none when valijson cannot read it.
class Checker {
 public:
  Checker(const json& schema, Draft draft) : schema_(schema) {
    if (schema.is_boolean()) return;
    // valijson aborts on what it cannot read: only a valid schema, and
    // without formats (see StripFormats), is compiled.
    if (!IsSchemaValue(schema, draft)) {
      broken_ = true;
      return;
    }
    stripped_ = schema;
    StripFormats(&stripped_);
    try {
      parsed_ = std::make_unique<valijson::Schema>();
      valijson::SchemaParser parser(draft == Draft::k04 ? valijson::SchemaParser::kDraft4
                                                        : valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(stripped_);
      parser.populateSchema(adapter, *parsed_);
    } catch (const std::exception&) {
      parsed_.reset();
      broken_ = true;
    }
  }
  bool usable() const { return !broken_; }
  // 1 accepted, 0 rejected, -1 valijson could not tell (a pattern
  // std::regex cannot read).
  int Accepts(const json& document) const {
    if (schema_.is_boolean()) return schema_.get<bool>() ? 1 : 0;
    if (!parsed_) return -1;
    try {
      // One validator per thread for every check: it caches the compiled
      // patterns, and compiling a std::regex per document validated was
      // nearly all of the time on schemas with many patterns.
      thread_local valijson::Validator validator;
      valijson::adapters::NlohmannJsonAdapter target(document);
      return validator.validate(*parsed_, target, nullptr) ? 1 : 0;
    } catch (const std::exception&) {
      return -1;
    }
  }

 private:
  const json& schema_;
  json stripped_;
  std::unique_ptr<valijson::Schema> parsed_;
  bool broken_ = false;
};

// True when no document of a branch with `types` (and, when not empty,
// only `values`) passes `negated`: by type, from an over-approximation of
// the negated schema, or each value rejected by valijson.
bool ExcludedBy(const std::set<std::string>& types, const std::vector<json>& values,
                const json& negated, Draft draft, int depth) {
  std::set<std::string> mine = types;
  if (mine.count("number")) mine.insert("integer");  // 1.0 is an integer
  if (mine.count("integer")) mine.insert("number");
  Union over = Normalize(negated, true, depth + 1);
  if (over.known) {
    bool disjoint = true;
    for (const auto& branch : over.branches) {
      for (const auto& type : TypesOf(branch)) disjoint = disjoint && !mine.count(type);
    }
    if (disjoint) return true;
  }
  if (values.empty() || values.size() > 64 || HasKeyword(negated, "format") || HasRefs(negated))
    return false;
  Checker check(negated, draft);
  if (!check.usable()) return false;
  for (const auto& value : values) {
    if (check.Accepts(value) != 0) return false;
  }
  return true;
}

void CollectValues(const json& schema, std::vector<json>* out, int depth) {
  if (depth > 6 || out->size() > 64) return;
  if (schema.is_array()) {
    for (const auto& item : schema) CollectValues(item, out, depth + 1);
    return;
  }
  if (!schema.is_object()) return;
  for (const auto& [key, value] : schema.items()) {
    if (key == "const") out->push_back(value);
    if ((key == "enum" || key == "examples") && value.is_array()) {
      for (const auto& v : value) out->push_back(v);
    }
    if (key == "default") out->push_back(value);
    if ((key == "minimum" || key == "maximum" || key == "exclusiveMinimum" ||
         key == "exclusiveMaximum") &&
        value.is_number()) {
      double x = value.get<double>();
      for (double d : {x - 1, x, x + 1}) {
        if (d == static_cast<double>(static_cast<long long>(d)))
          out->push_back(static_cast<long long>(d));
        else
          out->push_back(d);
      }
    }
    if ((key == "minLength" || key == "maxLength") && value.is_number_unsigned() &&
        value.get<size_t>() < 64) {
      size_t n = value.get<size_t>();
      out->push_back(std::string(n, 'a'));
      out->push_back(std::string(n + 1, 'a'));
      if (n > 0) out->push_back(std::string(n - 1, 'a'));
    }
    if (value.is_structured() && key != "enum" && key != "const" && key != "examples" &&
        key != "default")
      CollectValues(value, out, depth + 1);
  }
}

// Documents worth trying: simple values of every type, the values the
// schema names, and objects that fill its properties with those.
std::vector<json> Candidates(const json& inner, Draft draft) {
  std::vector<json> scalars = {nullptr,
                               true,
                               false,
                               0,
                               1,
                               -1,
                               2.5,
                               "",
                               "a",
                               "0",
                               json::array(),
                               json::array({nullptr}),
                               json::object()};
  CollectValues(inner, &scalars, 0);
  std::vector<json> out = scalars;
  // Objects: for every properties map in the schema, each property filled
  // with the first value its subschema accepts (valijson).
  std::vector<const json*> maps;
  std::vector<const json*> stack{&inner};
  while (!stack.empty() && maps.size() < 16) {
    const json* node = stack.back();
    stack.pop_back();
    if (node->is_object()) {
      if (auto it = node->find("properties"); it != node->end() && it->is_object())
        maps.push_back(&*it);
      // Objects with just the names a `required` lists.
      if (auto it = node->find("required"); it != node->end() && it->is_array()) {
        for (const json& filler : {json(nullptr), json(0), json("a")}) {
          json object = json::object();
          for (const auto& name : *it) {
            if (name.is_string()) object[name.get<std::string>()] = filler;
          }
          out.push_back(std::move(object));
        }
      }
      for (const auto& [key, value] : node->items()) {
        if (value.is_structured() && key != "enum" && key != "const" && key != "default" &&
            key != "examples" && key != "properties")
          stack.push_back(&value);
      }
    } else if (node->is_array()) {
      for (const auto& item : *node) stack.push_back(&item);
    }
  }
  for (const json* map : maps) {
    json all = json::object();
    for (const auto& [name, sub] : map->items()) {
      Checker check(sub, draft);
      if (!check.usable()) continue;
      for (const auto& value : scalars) {
        if (check.Accepts(value) == 1) {
          all[name] = value;
          json one = json::object();
          one[name] = value;
          out.push_back(std::move(one));
          break;
        }
      }
    }
    out.push_back(all);
    // The whole object without each property in turn.
    for (const auto& [name, value] : all.items()) {
      json less = all;
      less.erase(name);
      out.push_back(std::move(less));
    }
  }
  return out;
}

Containment ContainsAt(const json& inner, const json& outer, Draft draft, int depth) {
  Containment result;
  if (inner == outer) {
    result.answer = Containment::kYes;
    return result;
  }
  if (depth > kMaxDepth) return result;
  Union a = Normalize(inner, true, depth);
  Union b = Normalize(outer, false, depth);
  if (a.known && b.known) {
    bool all = true;
    for (const auto& x : a.branches) {
      bool found = false;
      for (const auto& y : b.branches) {
        if (BranchContains(x, y, draft, depth)) {
          found = true;
          break;
        }
      }
      if (!found) {
        all = false;
        break;
      }
    }
    if (all) result.answer = Containment::kYes;
  }
  return result;
}

}  // namespace

namespace {

constexpr size_t kMaxSearchNodes = 400;  // subschemas and values, both sides
constexpr size_t kSearchWork = 8000;     // candidates x nodes

// The number of JSON values in `schema`, counting stops past `cap`.
size_t NodeCount(const json& schema, size_t cap) {
  size_t count = 0;
  std::vector<const json*> stack{&schema};
  while (!stack.empty() && count <= cap) {
    const json* node = stack.back();
    stack.pop_back();
    ++count;
    if (node->is_object()) {
      for (const auto& [key, value] : node->items()) stack.push_back(&value);
    } else if (node->is_array()) {
      for (const auto& item : *node) stack.push_back(&item);
    }
  }
  return count;
}

}  // namespace

bool HasRefs(const json& schema) {
  std::vector<const json*> stack{&schema};
  size_t seen = 0;
  while (!stack.empty()) {
    const json* node = stack.back();
    stack.pop_back();
    if (++seen > 4000) return true;  // too large to judge: treat as unjudgeable
    if (node->is_object()) {
      for (const auto& [key, value] : node->items()) {
        if (key == "$ref" || key == "$dynamicRef" || key == "$recursiveRef") return true;
        // Every value is searched, also under "enum" or "default": those
        // names may be properties whose schemas have $refs (valijson would
        // abort on one it cannot resolve).
        if (value.is_structured()) stack.push_back(&value);
      }
    } else if (node->is_array()) {
      for (const auto& item : *node) {
        if (item.is_structured()) stack.push_back(&item);
      }
    }
  }
  return false;
}

bool IsComposition(const json& schema) {
  if (!schema.is_object()) return false;
  if (auto type = schema.find("type"); type != schema.end() && type->is_array()) return true;
  for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
    if (schema.contains(keyword)) return true;
  }
  return false;
}

bool AcceptsDocument(const json& schema, const json& document, Draft draft) {
  Checker check(schema, draft);
  return check.Accepts(document) == 1;
}

Containment Contains(const json& inner, const json& outer, Draft draft) {
  Containment result = ContainsAt(inner, outer, draft, 0);
  if (result.answer == Containment::kYes) return result;
  // Look for a document that proves the opposite; valijson reads drafts up
  // to 07, so later keywords leave the answer unknown.
  if (UsesLaterKeywords(inner) || UsesLaterKeywords(outer)) return result;
  // Formats are not checked (StripFormats): a side with one accepts too
  // much (or, under oneOf / not, too little), so no counterexample is
  // searched when either side has one.
  if (HasKeyword(inner, "format") || HasKeyword(outer, "format")) return result;
  // The search validates every candidate on both sides, and valijson's cost
  // grows with the schemas (it compiles each pattern at every use): it is
  // bounded by their size, so that large real schemas keep the keyword
  // verdict without a counterexample, and the report does not depend on
  // timing.
  size_t nodes = NodeCount(inner, kMaxSearchNodes) + NodeCount(outer, kMaxSearchNodes);
  if (nodes > kMaxSearchNodes) return result;
  size_t max_tried = std::min<size_t>(400, kSearchWork / std::max<size_t>(nodes, 1));
  Checker accepts_inner(inner, draft), accepts_outer(outer, draft);
  if (!accepts_inner.usable() || !accepts_outer.usable()) return result;
  size_t tried = 0;
  for (const auto& candidate : Candidates(inner, draft)) {
    if (++tried > max_tried) break;
    if (accepts_inner.Accepts(candidate) == 1 && accepts_outer.Accepts(candidate) == 0) {
      result.answer = Containment::kNo;
      result.counterexample = candidate.dump();
      return result;
    }
  }
  return result;
}

}  // namespace contract_lint
