// Rules over the keywords of one pair of subschemas.
#include <cmath>

#include "jsonschema/schema_rules.h"

namespace contract_lint {
namespace {

using nlohmann::json;

enum TypeAtom : unsigned {
  kNull = 1,
  kBoolean = 2,
  kObject = 4,
  kArray = 8,
  kString = 16,
  kInteger = 32,
  kFraction = 64,
  kAllTypes = 127,
};

unsigned AtomsOf(const std::string& name) {
  if (name == "null") return kNull;
  if (name == "boolean") return kBoolean;
  if (name == "object") return kObject;
  if (name == "array") return kArray;
  if (name == "string") return kString;
  if (name == "integer") return kInteger;
  if (name == "number") return kInteger | kFraction;
  return 0;
}

// The values allowed by `enum` or `const`, or null when unconstrained.
const json* AllowedValues(const SchemaNode& node, json* storage, std::string_view* keyword) {
  if (const json* values = node.Get("enum"); values && values->is_array()) {
    *keyword = "enum";
    return values;
  }
  if (const json* value = node.Get("const")) {
    *storage = json::array({*value});
    *keyword = "const";
    return storage;
  }
  return nullptr;
}

bool ContainsValue(const json& values, const json& value) {
  for (const auto& v : values) {
    if (v == value) return true;
  }
  return false;
}

void CheckKeywordValue(const SchemaPair& pair, ChangeSink& out, std::string_view keyword,
                       std::string_view add_rule, std::string_view delete_rule,
                       std::string_view change_rule) {
  const json* before = pair.old_node.Get(keyword);
  const json* after = pair.new_node.Get(keyword);
  std::string name(keyword);
  if (!before && after) {
    out.Emit(MakeChange(add_rule, Direction::kNarrowing, pair.new_node, keyword,
                        name + " " + Compact(*after) + " added", "", Compact(*after)));
  } else if (before && !after) {
    out.Emit(MakeChange(delete_rule, Direction::kWidening, pair.new_node, keyword,
                        name + " " + Compact(*before) + " removed", Compact(*before), ""));
  } else if (before && after && *before != *after) {
    out.Emit(MakeChange(change_rule, Direction::kBoth, pair.new_node, keyword,
                        name + " changed from " + Compact(*before) + " to " + Compact(*after),
                        Compact(*before), Compact(*after)));
  }
}

bool IsMultiple(double value, double of) {
  if (of == 0) return false;
  double ratio = value / of;
  return std::fabs(ratio - std::round(ratio)) < 1e-9;
}

}  // namespace

unsigned TypeAtoms(const SchemaNode& node) {
  const json* type = node.Get("type");
  if (!type) return kAllTypes;
  if (type->is_string()) return AtomsOf(type->get<std::string>());
  unsigned atoms = 0;
  if (type->is_array()) {
    for (const auto& name : *type) {
      if (name.is_string()) atoms |= AtomsOf(name.get<std::string>());
    }
  }
  return atoms;
}

bool ProvablyDisjoint(const SchemaNode& a, const SchemaNode& b) {
  if ((TypeAtoms(a) & TypeAtoms(b)) == 0) return true;
  json storage_a, storage_b;
  std::string_view ignored;
  const json* values_a = AllowedValues(a, &storage_a, &ignored);
  const json* values_b = AllowedValues(b, &storage_b, &ignored);
  if (values_a && values_b) {
    for (const auto& value : *values_a) {
      if (ContainsValue(*values_b, value)) return false;
    }
    return true;
  }
  // Tagged unions: a required property whose allowed values differ.
  const json* props_a = a.Get("properties");
  const json* props_b = b.Get("properties");
  const json* required_a = a.Get("required");
  const json* required_b = b.Get("required");
  if (!props_a || !props_b || !required_a || !required_b || !props_a->is_object() ||
      !props_b->is_object() || !required_a->is_array() || !required_b->is_array()) {
    return false;
  }
  for (const auto& [name, schema_a] : props_a->items()) {
    auto it = props_b->find(name);
    if (it == props_b->end() || !ContainsValue(*required_a, name) ||
        !ContainsValue(*required_b, name)) {
      continue;
    }
    SchemaNode node_a{a.doc, &schema_a, "", "", false};
    SchemaNode node_b{b.doc, &*it, "", "", false};
    json sa, sb;
    const json* va = AllowedValues(node_a, &sa, &ignored);
    const json* vb = AllowedValues(node_b, &sb, &ignored);
    if (!va || !vb) continue;
    bool shared = false;
    for (const auto& value : *va) shared = shared || ContainsValue(*vb, value);
    if (!shared) return true;
  }
  return false;
}

void CheckFalseSchema(const SchemaPair& pair, ChangeSink& out) {
  bool old_false = pair.old_node.value->is_boolean() && !pair.old_node.value->get<bool>();
  bool new_false = pair.new_node.value->is_boolean() && !pair.new_node.value->get<bool>();
  std::string before = pair.old_node.absent ? "" : Compact(*pair.old_node.value);
  std::string after = pair.new_node.absent ? "" : Compact(*pair.new_node.value);
  if (new_false && !old_false) {
    out.Emit(MakeChange("SUBSCHEMA_NO_FORBID", Direction::kNarrowing, pair.new_node, "",
                        "changed from " + (before.empty() ? "absent" : before) + " to false",
                        before, after));
  } else if (old_false && !new_false) {
    out.Emit(MakeChange("SUBSCHEMA_NO_ALLOW", Direction::kWidening, pair.new_node, "",
                        "changed from false to " + (after.empty() ? "absent" : after), before,
                        after));
  }
}

void CheckType(const SchemaPair& pair, ChangeSink& out) {
  unsigned before = TypeAtoms(pair.old_node);
  unsigned after = TypeAtoms(pair.new_node);
  if (before == after) return;
  const json* old_type = pair.old_node.Get("type");
  const json* new_type = pair.new_node.Get("type");
  std::string old_text = old_type ? Compact(*old_type) : "";
  std::string new_text = new_type ? Compact(*new_type) : "";
  std::string text = !old_type   ? "type " + new_text + " added"
                     : !new_type ? "type " + old_text + " removed"
                                 : "type changed from " + old_text + " to " + new_text;
  if ((before & after) == after) {
    out.Emit(MakeChange("TYPE_NO_NARROW", Direction::kNarrowing, pair.new_node, "type", text,
                        old_text, new_text));
  } else if ((before & after) == before) {
    out.Emit(MakeChange("TYPE_NO_WIDEN", Direction::kWidening, pair.new_node, "type", text,
                        old_text, new_text));
  } else {
    out.Emit(MakeChange("TYPE_NO_CHANGE", Direction::kBoth, pair.new_node, "type", text, old_text,
                        new_text));
  }
}

void CheckEnum(const SchemaPair& pair, ChangeSink& out) {
  json old_storage, new_storage;
  std::string_view old_keyword, new_keyword;
  const json* before = AllowedValues(pair.old_node, &old_storage, &old_keyword);
  const json* after = AllowedValues(pair.new_node, &new_storage, &new_keyword);
  if (!before && !after) return;
  if (!before) {
    const json& value = *pair.new_node.Get(new_keyword);
    out.Emit(MakeChange("ENUM_NO_ADD", Direction::kNarrowing, pair.new_node, new_keyword,
                        std::string(new_keyword) + " " + Compact(value) + " added", "",
                        Compact(value)));
    return;
  }
  if (!after) {
    const json& value = *pair.old_node.Get(old_keyword);
    out.Emit(MakeChange("ENUM_NO_DELETE", Direction::kWidening, pair.new_node, "",
                        std::string(old_keyword) + " " + Compact(value) + " removed",
                        Compact(value), ""));
    return;
  }
  std::string noun = std::string(new_keyword) + " value ";
  for (const auto& value : *before) {
    if (ContainsValue(*after, value)) continue;
    out.Emit(MakeChange("ENUM_VALUE_NO_DELETE", Direction::kNarrowing, pair.new_node, new_keyword,
                        noun + Compact(value) + " removed", Compact(value), ""));
  }
  for (size_t i = 0; i < after->size(); ++i) {
    const json& value = (*after)[i];
    if (ContainsValue(*before, value)) continue;
    std::string at = new_keyword == "enum" ? "enum/" + std::to_string(i) : "const";
    out.Emit(MakeChange("ENUM_VALUE_NO_ADD", Direction::kWidening, pair.new_node, at,
                        noun + Compact(value) + " added", "", Compact(value)));
  }
}

void CheckMultipleOf(const SchemaPair& pair, ChangeSink& out) {
  const json* before = pair.old_node.Get("multipleOf");
  const json* after = pair.new_node.Get("multipleOf");
  if (before && !before->is_number()) before = nullptr;
  if (after && !after->is_number()) after = nullptr;
  if (!before || !after) {
    CheckKeywordValue(pair, out, "multipleOf", "MULTIPLE_OF_NO_ADD", "MULTIPLE_OF_NO_DELETE",
                      "MULTIPLE_OF_NO_CHANGE");
    return;
  }
  double old_value = before->get<double>();
  double new_value = after->get<double>();
  if (old_value == new_value) return;
  Direction direction = IsMultiple(new_value, old_value)   ? Direction::kNarrowing
                        : IsMultiple(old_value, new_value) ? Direction::kWidening
                                                           : Direction::kBoth;
  out.Emit(MakeChange("MULTIPLE_OF_NO_CHANGE", direction, pair.new_node, "multipleOf",
                      "multipleOf changed from " + Compact(*before) + " to " + Compact(*after),
                      Compact(*before), Compact(*after)));
}

void CheckStringKeywords(const SchemaPair& pair, ChangeSink& out) {
  CheckKeywordValue(pair, out, "pattern", "PATTERN_NO_ADD", "PATTERN_NO_DELETE",
                    "PATTERN_NO_CHANGE");
  CheckKeywordValue(pair, out, "format", "FORMAT_NO_ADD", "FORMAT_NO_DELETE", "FORMAT_NO_CHANGE");
  CheckKeywordValue(pair, out, "contentEncoding", "CONTENT_ENCODING_NO_ADD",
                    "CONTENT_ENCODING_NO_DELETE", "CONTENT_ENCODING_NO_CHANGE");
  CheckKeywordValue(pair, out, "contentMediaType", "CONTENT_MEDIA_TYPE_NO_ADD",
                    "CONTENT_MEDIA_TYPE_NO_DELETE", "CONTENT_MEDIA_TYPE_NO_CHANGE");
}

void CheckUniqueItems(const SchemaPair& pair, ChangeSink& out) {
  auto unique = [](const SchemaNode& node) {
    const json* value = node.Get("uniqueItems");
    return value && value->is_boolean() && value->get<bool>();
  };
  bool before = unique(pair.old_node);
  bool after = unique(pair.new_node);
  if (!before && after) {
    out.Emit(MakeChange("UNIQUE_ITEMS_NO_ADD", Direction::kNarrowing, pair.new_node, "uniqueItems",
                        "uniqueItems changed from false to true", "false", "true"));
  } else if (before && !after) {
    out.Emit(MakeChange("UNIQUE_ITEMS_NO_DELETE", Direction::kWidening, pair.new_node,
                        "uniqueItems", "uniqueItems changed from true to false", "true", "false"));
  }
}

void CheckAnnotations(const SchemaPair& pair, ChangeSink& out) {
  auto deprecated = [](const SchemaNode& node) {
    const json* value = node.Get("deprecated");
    return value && value->is_boolean() && value->get<bool>();
  };
  if (!deprecated(pair.old_node) && deprecated(pair.new_node)) {
    Change change =
        MakeChange("DEPRECATED_NO_ADD", Direction::kAnnotation, pair.new_node, "deprecated",
                   "is now deprecated: consumers should stop relying on it", "false", "true");
    change.severity = Severity::kInfo;
    out.Emit(std::move(change));
  }
  const json* before = pair.old_node.Get("default");
  const json* after = pair.new_node.Get("default");
  if ((before || after) && !(before && after && *before == *after)) {
    std::string old_text = before ? Compact(*before) : "";
    std::string new_text = after ? Compact(*after) : "";
    std::string text = !before  ? "default " + new_text + " added"
                       : !after ? "default " + old_text + " removed"
                                : "default changed from " + old_text + " to " + new_text;
    Change change = MakeChange(
        "DEFAULT_NO_CHANGE", Direction::kAnnotation, pair.new_node, after ? "default" : "",
        text + ": consumers that fill in defaults behave differently", old_text, new_text);
    change.severity = Severity::kWarning;
    out.Emit(std::move(change));
  }
}

}  // namespace contract_lint
