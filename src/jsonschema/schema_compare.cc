#include "jsonschema/schema_compare.h"

#include <algorithm>
#include <optional>
#include <regex>

#include "jsonschema/json_positions.h"
#include "jsonschema/schema_containment.h"

namespace contract_lint {
namespace {

using nlohmann::json;

// Beyond this many nested pairs, a pair is assumed compatible: deep enough
// for any real schema, shallow enough for the stack.
constexpr int kMaxCompareDepth = 300;

bool IsFalse(const json& value) { return value.is_boolean() && !value.get<bool>(); }

bool IsRefKeyword(std::string_view key) {
  return key == "$ref" || key == "$dynamicRef" || key == "$recursiveRef";
}

bool PatternMatches(const std::string& pattern, const std::string& name) {
  try {
    return std::regex_search(name, std::regex(pattern, std::regex::ECMAScript));
  } catch (const std::regex_error&) {
    return false;  // a pattern std::regex cannot read: assume it does not apply
  }
}

std::vector<std::string> Keys(const json* object) {
  std::vector<std::string> keys;
  if (object && object->is_object()) {
    for (const auto& [key, value] : object->items()) keys.push_back(key);
  }
  return keys;
}

bool Has(const json* object, const std::string& key) {
  return object && object->is_object() && object->contains(key);
}

bool IsRequired(const SchemaNode& node, const std::string& name) {
  const json* required = node.Get("required");
  if (!required || !required->is_array()) return false;
  for (const auto& entry : *required) {
    if (entry.is_string() && entry.get<std::string>() == name) return true;
  }
  return false;
}

ContentModel ModelOf(const SchemaNode& catch_all) {
  if (IsFalse(*catch_all.value)) return ContentModel::kClosed;
  if (IsTrivial(*catch_all.value)) return ContentModel::kOpen;
  return ContentModel::kPartial;
}

// A tuple: positions, then the catch-all for the rest, in any draft.
struct Tuple {
  std::vector<SchemaNode> positions;
  std::string prefix_keyword;
  SchemaNode catch_all;
};

Tuple TupleOf(const SchemaSide& side, const SchemaNode& node) {
  Tuple tuple;
  const json* prefix = node.Get("prefixItems");
  const json* items = node.Get("items");
  if (node.doc && node.doc->draft == Draft::k202012 && prefix && prefix->is_array()) {
    tuple.prefix_keyword = "prefixItems";
    tuple.catch_all = side.Child(node, "items");
  } else if (items && items->is_array()) {
    tuple.prefix_keyword = "items";
    tuple.catch_all = side.Child(node, "additionalItems");
  } else {
    tuple.catch_all = side.Child(node, "items");
    return tuple;
  }
  size_t count = node.Get(tuple.prefix_keyword)->size();
  for (size_t i = 0; i < count; ++i) {
    tuple.positions.push_back(side.Child(node, tuple.prefix_keyword, std::to_string(i)));
  }
  return tuple;
}

// What unknown property `name` must match: a matching patternProperties
// entry, else additionalProperties, else unevaluatedProperties, else true.
SchemaNode CatchAll(const SchemaSide& side, const SchemaNode& node, const std::string& name) {
  const json* patterns = node.Get("patternProperties");
  for (const auto& pattern : Keys(patterns)) {
    if (PatternMatches(pattern, name)) return side.Child(node, "patternProperties", pattern);
  }
  if (node.Get("additionalProperties")) return side.Child(node, "additionalProperties");
  return side.Child(node, "unevaluatedProperties");
}

SchemaNode NamesCatchAll(const SchemaSide& side, const SchemaNode& node) {
  if (node.Get("additionalProperties")) return side.Child(node, "additionalProperties");
  return side.Child(node, "unevaluatedProperties");
}

}  // namespace

void SchemaComparer::Compare(const SchemaNode& old_node, const SchemaNode& new_node,
                             std::vector<Change>* changes) {
  out_ = changes;
  probing_ = false;
  ComparePair(old_node, new_node);
  out_ = nullptr;
}

void SchemaComparer::Emit(Change change) {
  if (!out_) return;
  Relocate(&change);
  out_->push_back(std::move(change));
}

void SchemaComparer::Relocate(Change* change) const {
  auto under = [](const std::string& pointer, const std::string& prefix) {
    return pointer.compare(0, prefix.size(), prefix) == 0 &&
           (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
  };
  for (auto it = relocations_.rbegin(); it != relocations_.rend(); ++it) {
    if (change->doc != it->from_doc || !under(change->subject, it->from_pointer)) continue;
    change->subject = it->to_pointer + change->subject.substr(it->from_pointer.size());
    change->location = under(change->location, it->from_pointer)
                           ? it->to_pointer + change->location.substr(it->from_pointer.size())
                           : it->to_pointer;
    change->doc = it->to_doc;
  }
}

Direction SchemaComparer::Relate(const SchemaNode& old_node, const SchemaNode& new_node) {
  SchemaNode old_target = Deref(old_side_, old_node);
  SchemaNode new_target = Deref(new_side_, new_node);
  ValuePair key{old_target.value, new_target.value};
  if (auto it = relations_.find(key); it != relations_.end()) return it->second;
  if (active_.count(key)) return Direction::kNone;
  std::vector<Change> scratch;
  std::vector<Change>* saved_out = out_;
  bool saved_probing = probing_;
  out_ = &scratch;
  probing_ = true;
  {
    QuietValues quiet(true);
    ComparePair(old_target, new_target);
  }
  out_ = saved_out;
  probing_ = saved_probing;
  Direction direction = Direction::kNone;
  for (const auto& change : scratch) direction = Combine(direction, change.direction);
  if (direction == Direction::kAnnotation) direction = Direction::kNone;
  relations_[key] = direction;
  return direction;
}

SchemaNode SchemaComparer::Deref(SchemaSide* side, SchemaNode node) {
  // One more than the check follows: a chain it accepted always ends here.
  for (int hops = 0; hops < kMaxRefHops + 2; ++hops) {
    bool dynamic = false;
    std::string ref = BareRef(node, &dynamic);
    if (ref.empty()) return node;
    RefTarget target = side->Resolve(node, ref);
    if (target.status != RefTarget::kFound && dynamic) target = side->Resolve(node, "#");
    if (target.status != RefTarget::kFound) {
      node.value = &UnresolvedSchema();  // reported by the check
      return node;
    }
    node = std::move(target.node);
  }
  node.value = &UnresolvedSchema();  // a cycle or too long a chain, diagnosed by the check
  return node;
}

SchemaNode SchemaComparer::RefTargetOf(SchemaSide* side, const SchemaNode& node) {
  SchemaNode absent{node.doc, &TrueSchema(), node.pointer + "/$ref", node.base, true};
  const json* ref = node.Get("$ref");
  if (!ref || !ref->is_string()) return absent;
  RefTarget target = side->Resolve(node, ref->get<std::string>());
  if (target.status != RefTarget::kFound) return absent;
  return Deref(side, target.node);
}

bool SchemaComparer::EqualWithoutRefs(const SchemaNode& old_node, const SchemaNode& new_node) {
  if (old_node.value == new_node.value) return true;
  if (*old_node.value != *new_node.value) return false;
  if (old_node.doc && new_node.doc && old_node.doc->draft != new_node.doc->draft) return false;
  auto it = has_ref_.find(new_node.value);
  if (it == has_ref_.end()) {
    bool has_ref = false;
    std::vector<const json*> stack{new_node.value};
    while (!stack.empty() && !has_ref) {
      const json* value = stack.back();
      stack.pop_back();
      if (value->is_object()) {
        for (const auto& [key, child] : value->items()) {
          has_ref = has_ref || IsRefKeyword(key);
          if (child.is_structured()) stack.push_back(&child);
        }
      } else if (value->is_array()) {
        for (const auto& child : *value) {
          if (child.is_structured()) stack.push_back(&child);
        }
      }
    }
    it = has_ref_.emplace(new_node.value, has_ref).first;
  }
  return !it->second;
}

void SchemaComparer::ComparePair(SchemaNode old_node, SchemaNode new_node) {
  SchemaNode referring = new_node;
  old_node = Deref(old_side_, std::move(old_node));
  new_node = Deref(new_side_, std::move(new_node));
  // What a $ref we cannot follow accepts is unknown: say nothing about it.
  if (old_node.value == &UnresolvedSchema() || new_node.value == &UnresolvedSchema()) return;
  bool use = report_uses_ && !probing_ && out_ &&
             (referring.doc != new_node.doc || referring.pointer != new_node.pointer) &&
             old_node.doc && old_node.doc->path == new_node.doc->path &&
             old_node.pointer == new_node.pointer;
  CompareTarget(referring, old_node, new_node);
  if (use) CopyToUse(referring, old_node, new_node);
}

void SchemaComparer::CopyToUse(const SchemaNode& referring, const SchemaNode& old_target,
                               const SchemaNode& target) {
  auto it = ranges_.find(std::make_tuple(old_target.value, target.doc, target.pointer));
  if (it == ranges_.end() || it->second.out != out_) return;  // under comparison (recursive)
  const Range range = it->second;
  auto under = [&](const Change& change) {
    return change.doc == target.doc &&
           change.subject.compare(0, target.pointer.size(), target.pointer) == 0 &&
           (change.subject.size() == target.pointer.size() ||
            change.subject[target.pointer.size()] == '/');
  };
  std::string definition = target.doc->path + "#" + target.pointer;
  std::string keyword = referring.Get("$ref")          ? "$ref"
                        : referring.Get("$dynamicRef") ? "$dynamicRef"
                                                       : "$recursiveRef";
  const json* ref = referring.Get(keyword);
  std::string spelled = ref && ref->is_string() ? ref->get<std::string>() : keyword;
  bool any = false;
  for (size_t i = range.begin; i < range.end; ++i) {
    Change& original = (*out_)[i];
    if (!original.use_of.empty() || !under(original)) continue;
    if (original.direction == Direction::kNone || original.direction == Direction::kAnnotation)
      continue;
    original.at_definition = true;
    Change copy = original;
    copy.at_definition = false;
    copy.use_of = definition;
    copy.doc = referring.doc;
    copy.subject = referring.pointer + original.subject.substr(target.pointer.size());
    copy.location = referring.pointer + "/" + keyword;
    copy.note += "; through " + keyword + " \"" + spelled + "\" to " + definition;
    Emit(std::move(copy));
    any = true;
  }
  if (any) uses_[definition].insert(referring.doc->path + "#" + referring.pointer);
}

void SchemaComparer::Finish(std::vector<Change>* changes) {
  std::vector<Change> kept;
  kept.reserve(changes->size());
  for (auto& change : *changes) {
    if (!change.use_of.empty()) {
      auto uses = uses_.find(change.use_of);
      if (uses == uses_.end() || uses->second.size() < 2) continue;
      // Proved harmless where it is used: the definition's finding says it.
      if (change.direction == Direction::kAnnotation || change.direction == Direction::kNone)
        continue;
      change.note += " (one of its " + std::to_string(uses->second.size()) + " uses)";
    }
    kept.push_back(std::move(change));
  }
  *changes = std::move(kept);
}

void SchemaComparer::CompareTarget(const SchemaNode& referring, SchemaNode old_node,
                                   SchemaNode new_node) {
  ValuePair key{old_node.value, new_node.value};
  if (active_.count(key)) return;  // the fix-point assumption
  auto reported_key = std::make_tuple(old_node.value, new_node.doc, new_node.pointer);
  if (!probing_ && reported_.count(reported_key)) return;
  if (EqualWithoutRefs(old_node, new_node)) return;
  if (depth_ >= kMaxCompareDepth) {
    if (too_deep_.empty() || too_deep_.back().doc != new_node.doc) too_deep_.push_back(new_node);
    return;
  }
  if (!probing_) reported_.insert(reported_key);
  // Probing reuses what earlier probes found for the same pair, so that
  // matching many branches over shared definitions stays polynomial.
  if (probing_) {
    if (auto it = relations_.find(key); it != relations_.end()) {
      if (it->second != Direction::kNone) {
        Change summary;
        summary.direction = it->second;
        out_->push_back(std::move(summary));
      }
      return;
    }
  }
  size_t first_change = out_ ? out_->size() : 0;
  // Probes only aggregate directions: no need to relocate their changes.
  bool moved =
      !probing_ && (referring.doc != new_node.doc || referring.pointer != new_node.pointer);
  bool same_place = old_node.doc && old_node.doc->path == new_node.doc->path &&
                    old_node.pointer == new_node.pointer;
  if (moved && !same_place) {
    relocations_.push_back(
        Relocation{new_node.doc, new_node.pointer, referring.doc, referring.pointer});
  }
  active_.insert(key);
  ++depth_;
  CompareKeywords(old_node, new_node);
  --depth_;
  active_.erase(key);
  if (out_ && out_->size() > first_change) JudgeByContainment(old_node, new_node, first_change);
  if (moved && !same_place) relocations_.pop_back();
  if (!probing_ && out_) ranges_[reported_key] = Range{out_, first_change, out_->size()};
  if (probing_ && out_) {
    Direction direction = Direction::kNone;
    for (size_t i = first_change; i < out_->size(); ++i)
      direction = Combine(direction, (*out_)[i].direction);
    relations_[key] = direction == Direction::kAnnotation ? Direction::kNone : direction;
  }
}

namespace {

// True when `pointer` names a branch of allOf / anyOf / oneOf ("…/anyOf/2").
bool IsCompositionBranch(const std::string& pointer) {
  size_t last = pointer.rfind('/');
  if (last == std::string::npos || last == 0 || last + 1 == pointer.size()) return false;
  for (size_t i = last + 1; i < pointer.size(); ++i) {
    if (!isdigit(static_cast<unsigned char>(pointer[i]))) return false;
  }
  size_t before = pointer.rfind('/', last - 1);
  if (before == std::string::npos) return false;
  std::string keyword = pointer.substr(before + 1, last - before - 1);
  return keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf";
}

// The tag of a tagged-union branch: for each property the branch requires
// with an inline const/enum (in the branch itself or in an inline allOf
// member), the values it allows. Two branches whose tags for the same name
// share no value are told apart by the keyword diff too (the tag's const or
// enum changes both ways), so pairing them needs no deep comparison.
struct BranchTag {
  std::string name;
  const json* values;  // the enum array, or the const value
  bool is_enum;
};
using BranchTags = std::vector<BranchTag>;

void CollectTags(const json& schema, BranchTags* tags) {
  if (!schema.is_object()) return;
  auto required = schema.find("required");
  auto properties = schema.find("properties");
  if (required != schema.end() && required->is_array() && properties != schema.end() &&
      properties->is_object()) {
    for (const auto& name : *required) {
      if (!name.is_string()) continue;
      auto property = properties->find(name.get<std::string>());
      if (property == properties->end() || !property->is_object() || property->contains("$ref"))
        continue;
      auto values = property->find("enum");
      if (values != property->end() && values->is_array() && !values->empty()) {
        tags->push_back(BranchTag{name.get<std::string>(), &*values, true});
      } else if (auto value = property->find("const"); value != property->end()) {
        tags->push_back(BranchTag{name.get<std::string>(), &*value, false});
      }
    }
  }
}

// A conditional's tag: the inline const/enum of each property its `if`
// names (`if: {properties: {kind: {const: "a"}}}`, one member per case in
// generated schemas). Ifs whose tags differ are related both ways, so their
// members too (IF_NO_CHANGE).
void CollectIfTags(const SchemaNode& node, BranchTags* tags) {
  if (!node.value->is_object() || !node.doc || !KeywordDefinedIn(node.doc->draft, "if")) return;
  auto condition = node.value->find("if");
  if (condition == node.value->end() || !condition->is_object() || condition->contains("$ref"))
    return;
  auto properties = condition->find("properties");
  if (properties == condition->end() || !properties->is_object()) return;
  for (const auto& [name, property] : properties->items()) {
    if (!property.is_object() || property.contains("$ref")) continue;
    auto values = property.find("enum");
    if (values != property.end() && values->is_array() && !values->empty()) {
      tags->push_back(BranchTag{"if " + name, &*values, true});
    } else if (auto value = property.find("const"); value != property.end()) {
      tags->push_back(BranchTag{"if " + name, &*value, false});
    }
  }
}

BranchTags TagsOf(const SchemaNode& node) {
  const json& branch = *node.value;
  BranchTags tags;
  CollectTags(branch, &tags);
  CollectIfTags(node, &tags);
  if (branch.is_object()) {
    if (auto all = branch.find("allOf"); all != branch.end() && all->is_array()) {
      for (const auto& member : *all) {
        if (member.is_object() && !member.contains("$ref")) CollectTags(member, &tags);
      }
    }
  }
  return tags;
}

bool SharesValue(const BranchTag& a, const BranchTag& b) {
  auto each = [](const BranchTag& tag, auto&& visit) {
    if (tag.is_enum) {
      for (const auto& v : *tag.values) visit(v);
    } else {
      visit(*tag.values);
    }
  };
  bool shared = false;
  each(a, [&](const json& x) { each(b, [&](const json& y) { shared = shared || x == y; }); });
  return shared;
}

// True when some tag name both branches carry has no value in common.
bool TagsDiffer(const BranchTags& a, const BranchTags& b) {
  for (const auto& tag_a : a) {
    for (const auto& tag_b : b) {
      if (tag_a.name == tag_b.name && !SharesValue(tag_a, tag_b)) return true;
    }
  }
  return false;
}

}  // namespace

// The subschema at `node` with every `$ref` under it replaced by its target
// (across files too), for the containment check: null when a reference
// cannot be followed, is recursive (a target already being inlined), or the
// result grows past `*budget` values. Only assertion keywords are kept.
//
// A target inlined once is taken from `cache` later (a definition shared by
// many schemas, or by many uses, is inlined once), when that gives exactly
// what inlining it again would: no document was loaded since, none of the
// targets it looked up is being inlined now, and the budget left covers what
// it used. Otherwise it is inlined again, as the first time. `*reached`
// collects every target looked up (the cache's condition).
static std::optional<json> InlineRefs(SchemaSide* side, const SchemaNode& node, int* budget,
                                      std::vector<const json*>* active, InlineCache* cache,
                                      std::vector<const json*>* reached) {
  if (--*budget < 0) return std::nullopt;
  const json& value = *node.value;
  if (!value.is_object()) return value;
  if (value.contains("$dynamicRef") || value.contains("$recursiveRef")) return std::nullopt;
  std::optional<json> target;
  if (auto ref = value.find("$ref"); ref != value.end()) {
    if (!ref->is_string()) return std::nullopt;
    RefTarget found = side->Resolve(node, ref->get<std::string>());
    if (found.status != RefTarget::kFound) return std::nullopt;
    const json* target_value = found.node.value;
    reached->push_back(target_value);
    if (std::find(active->begin(), active->end(), target_value) != active->end())
      return std::nullopt;  // recursive: not inlined
    size_t generation = side->loaded().size();
    auto cached = cache->find(target_value);
    if (cached != cache->end() && cached->second.generation == generation &&
        cached->second.base == found.node.base && cached->second.cost <= *budget &&
        std::none_of(cached->second.reached.begin(), cached->second.reached.end(),
                     [&](const json* value) {
                       return std::find(active->begin(), active->end(), value) != active->end();
                     })) {
      *budget -= cached->second.cost;
      reached->insert(reached->end(), cached->second.reached.begin(), cached->second.reached.end());
      target = cached->second.value;
    } else {
      int budget_before = *budget;
      size_t mark = reached->size();
      active->push_back(target_value);
      target = InlineRefs(side, found.node, budget, active, cache, reached);
      active->pop_back();
      if (!target) return std::nullopt;
      std::vector<const json*> own(reached->begin() + static_cast<std::ptrdiff_t>(mark),
                                   reached->end());
      std::sort(own.begin(), own.end());
      own.erase(std::unique(own.begin(), own.end()), own.end());
      reached->resize(mark);
      reached->insert(reached->end(), own.begin(), own.end());
      // Stored only when no document was loaded meanwhile: then every
      // lookup it made gives the same answer again.
      if (side->loaded().size() == generation) {
        (*cache)[target_value] = InlinedTarget{*target, budget_before - *budget, std::move(own),
                                               generation, found.node.base};
      }
    }
    bool bare = true;
    if (node.doc->draft >= Draft::k201909) {
      for (const auto& [key, child] : value.items()) {
        if (key != "$ref" && !IsAnnotationKeyword(key)) bare = false;
      }
    }
    if (bare) return target;
  }
  static const std::set<std::string_view> kOne = {"additionalProperties",
                                                  "additionalItems",
                                                  "contains",
                                                  "propertyNames",
                                                  "not",
                                                  "if",
                                                  "then",
                                                  "else",
                                                  "unevaluatedItems",
                                                  "unevaluatedProperties"};
  static const std::set<std::string_view> kMap = {"properties", "patternProperties",
                                                  "dependentSchemas", "dependencies"};
  static const std::set<std::string_view> kList = {"allOf", "anyOf", "oneOf", "prefixItems"};
  json out = json::object();
  for (const auto& [key, child] : value.items()) {
    if (key == "$ref" || key == "$defs" || key == "definitions" || key == "$id" ||
        key == "$schema" || key == "$anchor" || key == "$dynamicAnchor" || key == "$comment" ||
        (key == "id" && node.doc->draft == Draft::k04 && child.is_string()) ||
        IsAnnotationKeyword(key))
      continue;
    if (kOne.count(key) || (key == "items" && child.is_object())) {
      auto inlined = InlineRefs(side, side->Child(node, key), budget, active, cache, reached);
      if (!inlined) return std::nullopt;
      out[key] = std::move(*inlined);
    } else if (kMap.count(key) && child.is_object()) {
      json map = json::object();
      for (const auto& [name, sub] : child.items()) {
        if (!sub.is_object() && !sub.is_boolean()) {
          map[name] = sub;  // dependencies' property lists
          continue;
        }
        auto inlined =
            InlineRefs(side, side->Child(node, key, name), budget, active, cache, reached);
        if (!inlined) return std::nullopt;
        map[name] = std::move(*inlined);
      }
      out[key] = std::move(map);
    } else if ((kList.count(key) || key == "items") && child.is_array()) {
      json list = json::array();
      for (size_t i = 0; i < child.size(); ++i) {
        auto inlined = InlineRefs(side, side->Child(node, key, std::to_string(i)), budget, active,
                                  cache, reached);
        if (!inlined) return std::nullopt;
        list.push_back(std::move(*inlined));
      }
      out[key] = std::move(list);
    } else {
      out[key] = child;
    }
  }
  if (target) return json{{"allOf", json::array({std::move(out), std::move(*target)})}};
  return out;
}

// The subschema under `keyword`, absent where the node's draft does not
// define the keyword (a draft migration can make it start applying).
static SchemaNode KeywordChild(const SchemaSide& side, const SchemaNode& node,
                               std::string_view keyword) {
  if (node.doc && !KeywordDefinedIn(node.doc->draft, keyword))
    return SchemaNode{node.doc, &TrueSchema(), node.pointer + "/" + std::string(keyword), node.base,
                      true};
  return side.Child(node, keyword);
}

void SchemaComparer::JudgeByContainment(const SchemaNode& old_node, const SchemaNode& new_node,
                                        size_t first) {
  if (containment_budget_ <= 0 || !old_node.doc || !new_node.doc ||
      old_node.doc->draft != new_node.doc->draft)
    return;
  bool own = false, judged = false;
  for (size_t i = first; i < out_->size(); ++i) {
    const Change& change = (*out_)[i];
    if (change.at_definition) continue;
    own = own || change.subject == new_node.pointer;
    judged = judged || change.direction == Direction::kNarrowing ||
             change.direction == Direction::kWidening || change.direction == Direction::kBoth;
  }
  if (!judged || !(own || IsComposition(*old_node.value) || IsComposition(*new_node.value))) return;
  // A branch of a composition is judged with its composition: a document
  // one branch rejects may still pass another, so only the whole set says
  // what is accepted (and a counterexample is one for the whole).
  if (IsCompositionBranch(old_node.pointer) || IsCompositionBranch(new_node.pointer)) return;
  // $refs are followed (inlined, across files); a recursive one, one that
  // cannot be followed or too large a result keeps the keyword verdict.
  // The same pair is often judged twice (probed while pairing branches,
  // then compared): the engine's answers are kept by pair, and reused while
  // neither side has loaded a document since (then inlining gives the same).
  JudgedKey key{old_node.value,
                new_node.value,
                old_node.base,
                new_node.base,
                old_side_->loaded().size(),
                new_side_->loaded().size()};
  Containment backward, forward;
  if (auto it = judged_.find(key); it != judged_.end()) {
    if (!it->second.inlined) return;
    --containment_budget_;
    backward = it->second.backward;
    forward = it->second.forward;
  } else {
    const json* old_value = old_node.value;
    const json* new_value = new_node.value;
    std::optional<json> old_inlined, new_inlined;
    bool inlined = true;
    if (HasRefs(*old_value) || HasRefs(*new_value)) {
      int budget = 4000;
      std::vector<const json*> active{old_value}, reached;
      old_inlined = InlineRefs(old_side_, old_node, &budget, &active, &old_inlined_, &reached);
      if (old_inlined) {
        active = {new_value};
        reached.clear();
        new_inlined = InlineRefs(new_side_, new_node, &budget, &active, &new_inlined_, &reached);
      }
      inlined = old_inlined && new_inlined;
    }
    bool same_state = old_side_->loaded().size() == std::get<4>(key) &&
                      new_side_->loaded().size() == std::get<5>(key);
    if (!inlined) {
      if (same_state) judged_.emplace(std::move(key), Judged{false, {}, {}});
      return;
    }
    if (old_inlined) {
      old_value = &*old_inlined;
      new_value = &*new_inlined;
    }
    --containment_budget_;
    Draft draft = new_node.doc->draft;
    backward = Contains(*old_value, *new_value, draft);  // nothing narrows
    forward = Contains(*new_value, *old_value, draft);   // nothing widens
    if (same_state) judged_.emplace(std::move(key), Judged{true, backward, forward});
  }
  bool narrow_noted = false, widen_noted = false;
  bool any_narrows = false, any_widens = false;
  for (size_t i = first; i < out_->size(); ++i) {
    Change& change = (*out_)[i];
    if (change.at_definition) continue;  // judged where it is, each use on its own
    Direction d = change.direction;
    if (d != Direction::kNarrowing && d != Direction::kWidening && d != Direction::kBoth) continue;
    bool narrows = d != Direction::kWidening, widens = d != Direction::kNarrowing;
    if (backward.answer == Containment::kYes) narrows = false;
    if (forward.answer == Containment::kYes) widens = false;
    change.direction = narrows && widens ? Direction::kBoth
                       : narrows         ? Direction::kNarrowing
                       : widens          ? Direction::kWidening
                                         : Direction::kAnnotation;
    if (change.direction == Direction::kAnnotation) change.severity = Severity::kInfo;
    if (change.direction != d) {
      bool same = backward.answer == Containment::kYes && forward.answer == Containment::kYes;
      change.note += same ? "; the accepted set is the same (proved by containment)"
                     : backward.answer == Containment::kYes
                         ? "; every document valid before is still accepted (proved by containment)"
                         : "; every document accepted now was valid before (proved by containment)";
    }
    std::string where =
        change.subject == new_node.pointer ? "" : " at \"#" + new_node.pointer + "\"";
    if (narrows && backward.answer == Containment::kNo && !narrow_noted &&
        change.note.find("rejected now") == std::string::npos) {
      change.note +=
          "; e.g. " + backward.counterexample + where + " is accepted before and rejected now";
      narrow_noted = true;
    }
    if (widens && forward.answer == Containment::kNo && !widen_noted &&
        change.note.find("rejected before") == std::string::npos) {
      change.note +=
          "; e.g. " + forward.counterexample + where + " is accepted now and rejected before";
      widen_noted = true;
    }
    any_narrows = any_narrows || narrows;
    any_widens = any_widens || widens;
  }
  // A break the keywords missed (oneOf branches widened into overlap): the
  // first change under the pair carries it, with its counterexample.
  size_t lead_at = first;
  while (lead_at < out_->size() && (*out_)[lead_at].at_definition) ++lead_at;
  if (lead_at == out_->size()) return;
  Change& lead = (*out_)[lead_at];
  auto lead_where = [&](const Change& change) {
    return change.subject == new_node.pointer ? std::string() : " at \"#" + new_node.pointer + "\"";
  };
  if (backward.answer == Containment::kNo && !any_narrows) {
    lead.direction =
        Combine(lead.direction == Direction::kAnnotation ? Direction::kNone : lead.direction,
                Direction::kNarrowing);
    lead.note += "; e.g. " + backward.counterexample + lead_where(lead) +
                 " is accepted before and rejected now (found by containment)";
  }
  if (forward.answer == Containment::kNo && !any_widens) {
    lead.direction =
        Combine(lead.direction == Direction::kAnnotation ? Direction::kNone : lead.direction,
                Direction::kWidening);
    lead.note += "; e.g. " + forward.counterexample + lead_where(lead) +
                 " is accepted now and rejected before (found by containment)";
  }
}

void SchemaComparer::CompareKeywords(const SchemaNode& old_node, const SchemaNode& new_node) {
  SchemaPair pair{old_node, new_node};
  if (IsFalse(*old_node.value) || IsFalse(*new_node.value)) {
    CheckFalseSchema(pair, *this);
    return;
  }
  CheckType(pair, *this);
  CheckEnum(pair, *this);
  CheckBounds(pair, *this);
  CheckMultipleOf(pair, *this);
  CheckStringKeywords(pair, *this);
  CheckUniqueItems(pair, *this);
  CheckRequired(pair, *this);
  CheckDependentRequired(pair, *this);
  if (!probing_) CheckAnnotations(pair, *this);
  CompareProperties(old_node, new_node);
  ComparePatternProperties(old_node, new_node);
  CompareItems(old_node, new_node);
  CompareSubschemaKeywords(old_node, new_node);
  CompareDependentSchemas(old_node, new_node);
  CompareConditional(old_node, new_node);
  for (const char* keyword : {"allOf", "anyOf", "oneOf"})
    CompareBranches(old_node, new_node, keyword);
}

void SchemaComparer::CompareProperties(const SchemaNode& old_node, const SchemaNode& new_node) {
  const json* before = old_node.Get("properties");
  const json* after = new_node.Get("properties");
  for (const auto& name : Keys(after)) {
    SchemaNode element = new_side_->Child(new_node, "properties", name);
    if (Has(before, name)) {
      ComparePair(old_side_->Child(old_node, "properties", name), element);
      continue;
    }
    if (lenient_ && !IsRequired(new_node, name)) continue;
    SchemaNode counterpart = Deref(old_side_, CatchAll(*old_side_, old_node, name));
    CheckElementAdded(AddedElement{"PROPERTY_NO_ADD", "property \"" + name + "\"", new_node,
                                   element, counterpart, element.pointer},
                      ModelOf(counterpart), *this);
  }
  for (const auto& name : Keys(before)) {
    if (Has(after, name) || (lenient_ && !IsRequired(old_node, name))) continue;
    SchemaNode element = old_side_->Child(old_node, "properties", name);
    SchemaNode counterpart = Deref(new_side_, CatchAll(*new_side_, new_node, name));
    CheckElementRemoved(
        AddedElement{"PROPERTY_NO_DELETE", "property \"" + name + "\"", new_node, element,
                     counterpart, new_node.pointer + "/properties/" + EscapePointerToken(name)},
        ModelOf(counterpart), *this);
  }
}

void SchemaComparer::ComparePatternProperties(const SchemaNode& old_node,
                                              const SchemaNode& new_node) {
  const json* before = old_node.Get("patternProperties");
  const json* after = new_node.Get("patternProperties");
  for (const auto& pattern : Keys(after)) {
    SchemaNode element = new_side_->Child(new_node, "patternProperties", pattern);
    if (Has(before, pattern)) {
      ComparePair(old_side_->Child(old_node, "patternProperties", pattern), element);
      continue;
    }
    SchemaNode counterpart = Deref(old_side_, NamesCatchAll(*old_side_, old_node));
    CheckElementAdded(
        AddedElement{"PATTERN_PROPERTY_NO_ADD", "pattern property \"" + pattern + "\"", new_node,
                     element, counterpart, element.pointer},
        ModelOf(counterpart), *this);
  }
  for (const auto& pattern : Keys(before)) {
    if (Has(after, pattern)) continue;
    SchemaNode element = old_side_->Child(old_node, "patternProperties", pattern);
    SchemaNode counterpart = Deref(new_side_, NamesCatchAll(*new_side_, new_node));
    CheckElementRemoved(
        AddedElement{"PATTERN_PROPERTY_NO_DELETE", "pattern property \"" + pattern + "\"", new_node,
                     element, counterpart,
                     new_node.pointer + "/patternProperties/" + EscapePointerToken(pattern)},
        ModelOf(counterpart), *this);
  }
}

void SchemaComparer::CompareItems(const SchemaNode& old_node, const SchemaNode& new_node) {
  Tuple before = TupleOf(*old_side_, old_node);
  Tuple after = TupleOf(*new_side_, new_node);
  size_t count = std::max(before.positions.size(), after.positions.size());
  for (size_t i = 0; i < count; ++i) {
    std::string description = "tuple item " + std::to_string(i);
    if (i < before.positions.size() && i < after.positions.size()) {
      ComparePair(before.positions[i], after.positions[i]);
    } else if (i < after.positions.size()) {
      SchemaNode counterpart = Deref(old_side_, before.catch_all);
      CheckElementAdded(AddedElement{"TUPLE_ITEM_NO_ADD", description, new_node, after.positions[i],
                                     counterpart, after.positions[i].pointer},
                        ModelOf(counterpart), *this);
    } else {
      SchemaNode counterpart = Deref(new_side_, after.catch_all);
      std::string keyword = after.prefix_keyword.empty()
                                ? (new_node.doc->draft == Draft::k202012 ? "prefixItems" : "items")
                                : after.prefix_keyword;
      CheckElementRemoved(
          AddedElement{"TUPLE_ITEM_NO_DELETE", description, new_node, before.positions[i],
                       counterpart, new_node.pointer + "/" + keyword + "/" + std::to_string(i)},
          ModelOf(counterpart), *this);
    }
  }
  ComparePair(before.catch_all, after.catch_all);
}

void SchemaComparer::CompareOptional(const SchemaNode& old_node, const SchemaNode& new_node,
                                     std::string_view keyword, std::string_view rule_prefix) {
  SchemaNode before = KeywordChild(*old_side_, old_node, keyword);
  SchemaNode after = KeywordChild(*new_side_, new_node, keyword);
  if (before.absent && after.absent) return;
  if (!before.absent && !after.absent) {
    ComparePair(before, after);
    return;
  }
  // An unconstrained propertyNames or dependent schema means nothing.
  bool inert = keyword != "contains" && keyword != "not";
  std::string rule(rule_prefix);
  if (before.absent) {
    bool trivial = inert && IsTrivial(*Deref(new_side_, after).value);
    CheckKeywordAdded(rule + "_NO_ADD", keyword, new_node, after,
                      trivial ? Direction::kNone : Direction::kNarrowing, *this);
  } else {
    bool trivial = inert && IsTrivial(*Deref(old_side_, before).value);
    CheckKeywordRemoved(rule + "_NO_DELETE", keyword, new_node, before,
                        trivial ? Direction::kNone : Direction::kWidening, *this);
  }
}

void SchemaComparer::CompareSubschemaKeywords(const SchemaNode& old_node,
                                              const SchemaNode& new_node) {
  for (const char* keyword :
       {"additionalProperties", "unevaluatedProperties", "unevaluatedItems"}) {
    ComparePair(KeywordChild(*old_side_, old_node, keyword),
                KeywordChild(*new_side_, new_node, keyword));
  }
  CompareOptional(old_node, new_node, "propertyNames", "PROPERTY_NAMES");
  CompareOptional(old_node, new_node, "contains", "CONTAINS");
  SchemaNode old_not = old_side_->Child(old_node, "not");
  SchemaNode new_not = new_side_->Child(new_node, "not");
  if (!old_not.absent && !new_not.absent) {
    CheckNotChanged(new_node, old_not, new_not, *this);
  } else {
    CompareOptional(old_node, new_node, "not", "NOT");
  }
  // A $ref next to other keywords (2019-09+) is one more condition.
  SchemaNode old_ref = RefTargetOf(old_side_, old_node);
  SchemaNode new_ref = RefTargetOf(new_side_, new_node);
  if (!old_ref.absent || !new_ref.absent) ComparePair(old_ref, new_ref);
}

void SchemaComparer::CompareDependentSchemas(const SchemaNode& old_node,
                                             const SchemaNode& new_node) {
  // dependentSchemas (2019-09+) and the schema form of dependencies (older).
  auto entries = [](const SchemaSide& side, const SchemaNode& node) {
    std::map<std::string, SchemaNode> out;
    for (const char* keyword : {"dependencies", "dependentSchemas"}) {
      const json* map = node.Get(keyword);
      for (const auto& key : Keys(map)) {
        if (!(*map)[key].is_array()) out.emplace(key, side.Child(node, keyword, key));
      }
    }
    return out;
  };
  auto before = entries(*old_side_, old_node);
  auto after = entries(*new_side_, new_node);
  for (const auto& [key, node] : after) {
    auto it = before.find(key);
    if (it != before.end()) {
      ComparePair(it->second, node);
    } else {
      bool trivial = IsTrivial(*Deref(new_side_, node).value);
      CheckKeywordAdded("DEPENDENT_SCHEMA_NO_ADD", "dependent schema \"" + key + "\"", new_node,
                        node, trivial ? Direction::kNone : Direction::kNarrowing, *this);
    }
  }
  for (const auto& [key, node] : before) {
    if (after.count(key)) continue;
    bool trivial = IsTrivial(*Deref(old_side_, node).value);
    CheckKeywordRemoved("DEPENDENT_SCHEMA_NO_DELETE", "dependent schema \"" + key + "\"", new_node,
                        node, trivial ? Direction::kNone : Direction::kWidening, *this);
  }
}

void SchemaComparer::CompareConditional(const SchemaNode& old_node, const SchemaNode& new_node) {
  SchemaNode old_if = KeywordChild(*old_side_, old_node, "if");
  SchemaNode new_if = KeywordChild(*new_side_, new_node, "if");
  if (old_if.absent && new_if.absent) return;
  auto consequent = [](const SchemaNode& node) {
    const json* then_schema = node.Get("then");
    const json* else_schema = node.Get("else");
    return (then_schema && !IsTrivial(*then_schema)) || (else_schema && !IsTrivial(*else_schema));
  };
  if (old_if.absent) {
    CheckKeywordAdded("IF_NO_ADD", "if", new_node, new_if,
                      consequent(new_node) ? Direction::kNarrowing : Direction::kNone, *this);
    return;
  }
  if (new_if.absent) {
    CheckKeywordRemoved("IF_NO_DELETE", "if", new_node, old_if,
                        consequent(old_node) ? Direction::kWidening : Direction::kNone, *this);
    return;
  }
  if (Relate(old_if, new_if) != Direction::kNone) {
    CheckIfChanged(new_node, old_if, new_if, *this);
    return;
  }
  ComparePair(old_side_->Child(old_node, "then"), new_side_->Child(new_node, "then"));
  ComparePair(old_side_->Child(old_node, "else"), new_side_->Child(new_node, "else"));
}

void SchemaComparer::CompareBranches(const SchemaNode& old_node, const SchemaNode& new_node,
                                     std::string_view keyword) {
  const json* before = old_node.Get(keyword);
  const json* after = new_node.Get(keyword);
  if (before && !before->is_array()) before = nullptr;
  if (after && !after->is_array()) after = nullptr;
  if (!before && !after) return;
  std::string prefix = keyword == "anyOf" ? "ANY_OF" : keyword == "oneOf" ? "ONE_OF" : "ALL_OF";
  if (keyword != "allOf" && (!before || !after)) {
    if (after) {
      CheckKeywordAdded(prefix + "_NO_ADD", keyword, new_node, new_side_->Child(new_node, keyword),
                        Direction::kNarrowing, *this);
    } else {
      CheckKeywordRemoved(prefix + "_NO_DELETE", keyword, new_node,
                          old_side_->Child(old_node, keyword), Direction::kWidening, *this);
    }
    return;
  }
  std::vector<SchemaNode> olds, news;
  for (size_t i = 0; before && i < before->size(); ++i) {
    olds.push_back(old_side_->Child(old_node, keyword, std::to_string(i)));
  }
  for (size_t i = 0; after && i < after->size(); ++i) {
    news.push_back(new_side_->Child(new_node, keyword, std::to_string(i)));
  }
  // Match branches by compatibility, never by position: equal ones first,
  // then one-way ones; what is left pairs up in order when counts agree.
  std::vector<int> match_of_new(news.size(), -1);
  std::vector<bool> old_used(olds.size(), false);
  // Tagged unions (a required property with a const per branch, as in
  // generated schemas with dozens of branches): branches with different
  // tags always differ both ways, so they are never compared deeply to be
  // paired or to cover each other. Keeps the pairing linear, not quadratic.
  std::vector<BranchTags> old_tags, new_tags;
  for (const auto& branch : olds) old_tags.push_back(TagsOf(Deref(old_side_, branch)));
  for (const auto& branch : news) new_tags.push_back(TagsOf(Deref(new_side_, branch)));
  auto apart = [&](size_t i, size_t j) { return TagsDiffer(old_tags[i], new_tags[j]); };
  auto match = [&](auto accept, bool any) {
    for (size_t j = 0; j < news.size(); ++j) {
      // The same position first: the usual case, and cheap.
      for (size_t step = 0; step <= olds.size() && match_of_new[j] < 0; ++step) {
        size_t i = step == 0 ? j : step - 1;
        if (i >= olds.size() || (step > 0 && i == j)) continue;
        if (old_used[i] || (!any && apart(i, j))) continue;
        if (accept(Relate(olds[i], news[j]))) {
          match_of_new[j] = static_cast<int>(i);
          old_used[i] = true;
        }
      }
    }
  };
  match([](Direction d) { return d == Direction::kNone; }, false);
  match([](Direction d) { return d == Direction::kNarrowing || d == Direction::kWidening; }, false);
  size_t left_old = std::count(old_used.begin(), old_used.end(), false);
  size_t left_new = std::count(match_of_new.begin(), match_of_new.end(), -1);
  if (left_old == left_new) match([](Direction) { return true; }, true);
  for (size_t j = 0; j < news.size(); ++j) {
    if (match_of_new[j] >= 0) ComparePair(olds[match_of_new[j]], news[j]);
  }
  auto overlaps = [&](SchemaSide* side, const std::vector<SchemaNode>& branches, size_t index) {
    for (size_t k = 0; k < branches.size(); ++k) {
      if (k != index && !ProvablyDisjoint(Deref(side, branches[index]), Deref(side, branches[k]))) {
        return true;
      }
    }
    return false;
  };
  for (size_t i = 0; i < olds.size(); ++i) {
    if (old_used[i]) continue;
    bool covered = false;
    for (size_t j = 0; j < news.size() && !covered; ++j) {
      if (apart(i, j)) continue;
      Direction d = Relate(olds[i], news[j]);
      covered = covered || d == Direction::kNone || d == Direction::kWidening;
    }
    CheckBranchRemoved(keyword, new_node, olds[i], covered, overlaps(old_side_, olds, i), *this);
  }
  for (size_t j = 0; j < news.size(); ++j) {
    if (match_of_new[j] >= 0) continue;
    bool covered = false;
    for (size_t i = 0; i < olds.size() && !covered; ++i) {
      if (apart(i, j)) continue;
      Direction d = Relate(olds[i], news[j]);
      covered = covered || d == Direction::kNone || d == Direction::kNarrowing;
    }
    CheckBranchAdded(keyword, new_node, news[j], covered, overlaps(new_side_, news, j), *this);
  }
}

}  // namespace contract_lint
