// Rules over elements that pairing found on one side only (properties,
// tuple positions, combinator branches, subschema keywords), and over the
// object keywords `required` and `dependentRequired`.
#include <map>
#include <set>

#include "jsonschema/schema_rules.h"

namespace contract_lint {
namespace {

using nlohmann::json;

std::string_view ModelName(ContentModel model) {
  switch (model) {
    case ContentModel::kOpen:
      return "an open";
    case ContentModel::kClosed:
      return "a closed";
    default:
      return "a partially open";
  }
}

std::string BranchRule(std::string_view keyword, std::string_view verb) {
  std::string prefix = keyword == "anyOf" ? "ANY_OF" : keyword == "oneOf" ? "ONE_OF" : "ALL_OF";
  return prefix + "_BRANCH_NO_" + std::string(verb);
}

std::set<std::string> Names(const json* array) {
  std::set<std::string> names;
  if (array && array->is_array()) {
    for (const auto& name : *array) {
      if (name.is_string()) names.insert(name.get<std::string>());
    }
  }
  return names;
}

bool HasDefault(const SchemaNode& object, const std::string& property) {
  const json* properties = object.Get("properties");
  if (!properties || !properties->is_object()) return false;
  auto it = properties->find(property);
  return it != properties->end() && it->is_object() && it->contains("default");
}

// dependentRequired (2019-09+) and the array form of dependencies (older
// drafts), as key -> names, with the keyword each key is written under.
std::map<std::string, std::pair<std::string, std::set<std::string>>> DependentRequired(
    const SchemaNode& node) {
  std::map<std::string, std::pair<std::string, std::set<std::string>>> out;
  for (const char* keyword : {"dependencies", "dependentRequired"}) {
    const json* map = node.Get(keyword);
    if (!map || !map->is_object()) continue;
    for (const auto& [key, value] : map->items()) {
      if (value.is_array()) out[key] = {keyword, Names(&value)};
    }
  }
  return out;
}

}  // namespace

void CheckElementAdded(const AddedElement& added, ContentModel model, ChangeSink& out) {
  Direction direction = out.Relate(added.counterpart, added.element);
  if (direction == Direction::kNone) return;
  Change change = MakeChange(
      added.rule, direction, added.element, "",
      added.description + " added to " + std::string(ModelName(model)) + " content model", "",
      Compact(*added.element.value));
  change.subject = added.subject;
  out.Emit(std::move(change));
}

void CheckElementRemoved(const AddedElement& removed, ContentModel model, ChangeSink& out) {
  Direction direction = out.Relate(removed.element, removed.counterpart);
  if (direction == Direction::kNone) return;
  Change change = MakeChange(
      removed.rule, direction, removed.parent, "",
      removed.description + " removed from " + std::string(ModelName(model)) + " content model",
      Compact(*removed.element.value), "");
  change.subject = removed.subject;
  // Located where the element was, in the current file: the nearest value
  // that still exists there ("/properties" of the parent, else the parent).
  if (removed.subject.starts_with(removed.parent.pointer)) change.location = removed.subject;
  out.Emit(std::move(change));
}

void CheckKeywordAdded(std::string_view rule, std::string_view keyword, const SchemaNode& parent,
                       const SchemaNode& added, Direction direction, ChangeSink& out) {
  if (direction == Direction::kNone) return;
  Change change = MakeChange(rule, direction, added, "",
                             std::string(keyword) + " " + Brief(*added.value) + " added", "",
                             Compact(*added.value));
  change.subject = parent.pointer;
  out.Emit(std::move(change));
}

void CheckKeywordRemoved(std::string_view rule, std::string_view keyword, const SchemaNode& parent,
                         const SchemaNode& removed, Direction direction, ChangeSink& out) {
  if (direction == Direction::kNone) return;
  out.Emit(MakeChange(rule, direction, parent, "",
                      std::string(keyword) + " " + Brief(*removed.value) + " removed",
                      Compact(*removed.value), ""));
}

void CheckNotChanged(const SchemaNode& parent, const SchemaNode& old_not, const SchemaNode& new_not,
                     ChangeSink& out) {
  Direction direction = out.Relate(old_not, new_not);
  if (direction == Direction::kNone) return;
  Change change =
      MakeChange("NOT_NO_CHANGE", Invert(direction), new_not, "",
                 "not changed from " + Brief(*old_not.value) + " to " + Brief(*new_not.value),
                 Compact(*old_not.value), Compact(*new_not.value));
  change.subject = parent.pointer;
  out.Emit(std::move(change));
}

void CheckIfChanged(const SchemaNode& parent, const SchemaNode& old_if, const SchemaNode& new_if,
                    ChangeSink& out) {
  if (out.Relate(old_if, new_if) == Direction::kNone) return;
  Change change =
      MakeChange("IF_NO_CHANGE", Direction::kBoth, new_if, "",
                 "if changed from " + Brief(*old_if.value) + " to " + Brief(*new_if.value),
                 Compact(*old_if.value), Compact(*new_if.value));
  change.subject = parent.pointer;
  out.Emit(std::move(change));
}

void CheckBranchAdded(std::string_view keyword, const SchemaNode& parent, const SchemaNode& branch,
                      bool covered, bool overlaps, ChangeSink& out) {
  Direction direction = Direction::kNarrowing;  // allOf: one more condition
  if (keyword == "anyOf") direction = covered ? Direction::kNone : Direction::kWidening;
  if (keyword == "oneOf") {
    direction = covered    ? Direction::kNarrowing
                : overlaps ? Direction::kBoth
                           : Direction::kWidening;
  }
  if (direction == Direction::kNone || (keyword == "allOf" && IsTrivial(*branch.value))) return;
  Change change = MakeChange(BranchRule(keyword, "ADD"), direction, branch, "",
                             std::string(keyword) + " branch " + Brief(*branch.value) + " added",
                             "", Compact(*branch.value));
  change.subject = parent.pointer;
  out.Emit(std::move(change));
}

void CheckBranchRemoved(std::string_view keyword, const SchemaNode& parent,
                        const SchemaNode& branch, bool covered, bool overlaps, ChangeSink& out) {
  Direction direction = Direction::kWidening;  // allOf: one condition less
  if (keyword == "anyOf") direction = covered ? Direction::kNone : Direction::kNarrowing;
  if (keyword == "oneOf") {
    direction = covered    ? Direction::kWidening
                : overlaps ? Direction::kBoth
                           : Direction::kNarrowing;
  }
  if (direction == Direction::kNone || (keyword == "allOf" && IsTrivial(*branch.value))) return;
  out.Emit(MakeChange(BranchRule(keyword, "DELETE"), direction, parent, keyword,
                      std::string(keyword) + " branch " + Brief(*branch.value) + " removed",
                      Compact(*branch.value), ""));
}

void CheckRequired(const SchemaPair& pair, ChangeSink& out) {
  std::set<std::string> before = Names(pair.old_node.Get("required"));
  std::set<std::string> after = Names(pair.new_node.Get("required"));
  const json* new_required = pair.new_node.Get("required");
  for (size_t i = 0; new_required && new_required->is_array() && i < new_required->size(); ++i) {
    const json& name = (*new_required)[i];
    if (!name.is_string() || before.count(name.get<std::string>())) continue;
    // A required property with a default is filled in by producers.
    if (HasDefault(pair.new_node, name.get<std::string>())) continue;
    out.Emit(MakeChange("REQUIRED_NO_ADD", Direction::kNarrowing, pair.new_node,
                        "required/" + std::to_string(i),
                        "property " + Compact(name) + " is now required", "", Compact(name)));
  }
  for (const auto& name : before) {
    if (after.count(name) || HasDefault(pair.old_node, name)) continue;
    out.Emit(MakeChange(
        "REQUIRED_NO_DELETE", Direction::kWidening, pair.new_node, after.empty() ? "" : "required",
        "property " + Compact(json(name)) + " is no longer required", Compact(json(name)), ""));
  }
}

void CheckDependentRequired(const SchemaPair& pair, ChangeSink& out) {
  auto before = DependentRequired(pair.old_node);
  auto after = DependentRequired(pair.new_node);
  for (const auto& [key, entry] : after) {
    const auto& [keyword, names] = entry;
    auto old_it = before.find(key);
    for (const auto& name : names) {
      if (old_it != before.end() && old_it->second.second.count(name)) continue;
      out.Emit(MakeChange("DEPENDENT_REQUIRED_NO_ADD", Direction::kNarrowing, pair.new_node,
                          keyword + "/" + EscapePointerToken(key),
                          "property " + Compact(json(name)) + " is now required when " +
                              Compact(json(key)) + " is present",
                          "", Compact(json(name))));
    }
  }
  for (const auto& [key, entry] : before) {
    auto new_it = after.find(key);
    for (const auto& name : entry.second) {
      if (new_it != after.end() && new_it->second.second.count(name)) continue;
      std::string at =
          new_it == after.end() ? "" : new_it->second.first + "/" + EscapePointerToken(key);
      out.Emit(MakeChange("DEPENDENT_REQUIRED_NO_DELETE", Direction::kWidening, pair.new_node, at,
                          "property " + Compact(json(name)) + " is no longer required when " +
                              Compact(json(key)) + " is present",
                          Compact(json(name)), ""));
    }
  }
}

}  // namespace contract_lint
