#include "jsonschema/schema_metaschema.h"

#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "base/edit_distance.h"
#include "jsonschema/json_positions.h"

namespace contract_lint {
namespace {

using nlohmann::json;

const valijson::Schema& Metaschema(Draft draft) {
  auto parse = [](std::string_view text, valijson::SchemaParser::Version version) {
    // Kept for the process, like the schemas: one document per draft (a
    // single pointer, overwritten by the second draft, leaked the first).
    static std::deque<json> docs;
    json parsed = json::parse(text);
    // valijson reads a string from every value "format" applies to, and
    // aborts on any other: metaschema formats (uri, regex) are not checked.
    StripFormats(&parsed);
    const json& doc = docs.emplace_back(std::move(parsed));
    auto* schema = new valijson::Schema;
    valijson::SchemaParser parser(version);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *schema);
    return schema;
  };
  static const valijson::Schema* draft04 =
      parse(Draft04Metaschema(), valijson::SchemaParser::kDraft4);
  static const valijson::Schema* draft07 =
      parse(Draft07Metaschema(), valijson::SchemaParser::kDraft7);
  return draft == Draft::k04 ? *draft04 : *draft07;
}

// valijson context ["<root>", "[properties]", "[a]"] -> "/properties/a".
std::string Pointer(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    out += "/" + EscapePointerToken(part.substr(1, part.size() - 2));
  }
  return out;
}

const json* At(const json& root, const std::string& pointer) {
  try {
    const json& value = root.at(json::json_pointer(pointer));
    return &value;
  } catch (const json::exception&) {
    return nullptr;
  }
}

constexpr std::string_view kTypes[] = {"array",  "boolean", "integer", "null",
                                       "number", "object",  "string"};

// `"type": "strin"` -> the name it misses and the nearest valid one.
std::string TypeMessage(const json& value) {
  std::vector<std::string> names;
  if (value.is_string()) names.push_back(value.get<std::string>());
  if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) return "\"type\" must be a type name or an array of distinct ones";
      names.push_back(item.get<std::string>());
    }
  }
  if (!value.is_string() && !value.is_array())
    return "\"type\" must be a type name or an array of distinct ones, not " + value.dump();
  for (const auto& name : names) {
    if (std::find(std::begin(kTypes), std::end(kTypes), name) != std::end(kTypes)) continue;
    std::string message = "\"type\" names no type \"" + name +
                          "\" (array, boolean, integer, null, number, object, string)";
    NearestWord nearest(name, 2);
    for (auto type : kTypes) nearest.Offer(type);
    if (!nearest.best().empty()) message += "; did you mean \"" + nearest.best() + "\"?";
    return message;
  }
  return "\"type\" lists a type twice";
}

std::string Describe(const json& root, const std::string& pointer, const std::string& what) {
  const json* value = At(root, pointer);
  size_t slash = pointer.rfind('/');
  std::string last = slash == std::string::npos ? "" : pointer.substr(slash + 1);
  if (value && last == "type") return TypeMessage(*value);
  if (value && pointer.empty() && !value->is_object() && !value->is_boolean())
    return "a schema is an object or a boolean, not " +
           std::string(value->is_array() ? "an array" : value->type_name());
  std::string text = what;
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  if (!last.empty()) return "\"" + last + "\": " + text;
  return text;
}

}  // namespace

void StripFormats(json* schema) {
  if (schema->is_object()) {
    schema->erase("format");
    for (auto& [key, value] : schema->items()) {
      if (key == "enum" || key == "const" || key == "default" || key == "examples") continue;
      if (value.is_structured()) StripFormats(&value);
    }
  } else if (schema->is_array()) {
    for (auto& item : *schema) {
      if (item.is_structured()) StripFormats(&item);
    }
  }
}

bool IsSchemaValue(const json& schema, Draft draft) {
  if (schema.is_boolean()) return true;
  if (!schema.is_object()) return false;
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter target(schema);
  try {
    return validator.validate(Metaschema(draft), target, nullptr);
  } catch (const std::exception&) {
    return false;
  }
}

std::string_view MetaschemaName(Draft draft) {
  return draft == Draft::k04 ? "draft-04" : "draft-07";
}

std::vector<MetaschemaProblem> CheckMetaschema(const SchemaDocument& doc) {
  std::vector<MetaschemaProblem> problems;
  const valijson::Schema& schema = Metaschema(doc.draft);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc.root);
  try {
    if (validator.validate(schema, target, &results)) return problems;
  } catch (const std::exception&) {
    return problems;  // a pattern std::regex cannot read: not judged here
  }
  // valijson reports a failing leaf and then each enclosing schema: keep the
  // deepest error per location.
  std::vector<std::pair<std::string, std::string>> errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) errors.emplace_back(Pointer(error.context), error.description);
  std::set<std::string> reported;
  for (const auto& [pointer, description] : errors) {
    // (clang 14, the fuzz build's compiler, cannot capture a structured binding)
    const std::string& at = pointer;
    bool has_deeper = std::any_of(errors.begin(), errors.end(), [&](const auto& other) {
      return other.first.size() > at.size() && other.first.rfind(at + "/", 0) == 0;
    });
    if (has_deeper || !reported.insert(pointer).second) continue;
    problems.push_back(MetaschemaProblem{pointer, Describe(doc.root, pointer, description)});
  }
  if (problems.empty()) problems.push_back(MetaschemaProblem{"", "not a valid schema"});
  return problems;
}

}  // namespace contract_lint
