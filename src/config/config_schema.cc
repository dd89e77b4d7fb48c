#include "config/config_schema.h"

#include <algorithm>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "base/edit_distance.h"
#include "base/embedded_files.h"

namespace contract_lint {
namespace {

// A value as JSON text; bytes that are not UTF-8 become U+FFFD instead of an
// exception (a YAML scalar may hold any bytes the UTF-8 check let through).
std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const nlohmann::json& SchemaDocument() {
  static const nlohmann::json schema =
      nlohmann::json::parse(*EmbeddedFile("schemas/contract-lint.schema.json"));
  return schema;
}

const nlohmann::json& Resolve(const nlohmann::json& schema) {
  if (schema.is_object() && schema.contains("$ref")) {
    std::string ref = schema["$ref"].get<std::string>();
    return SchemaDocument().at(nlohmann::json::json_pointer(ref.substr(1)));
  }
  return schema;
}

// Unknown keys, with the nearest known key as a suggestion.
void FindUnknownKeys(const nlohmann::json& doc, const nlohmann::json& raw_schema,
                     const std::string& key_path, const std::string& file,
                     Diagnostics* diagnostics) {
  const nlohmann::json& schema = Resolve(raw_schema);
  if (!schema.is_object()) return;
  if (doc.is_object()) {
    const nlohmann::json* properties =
        schema.contains("properties") ? &schema["properties"] : nullptr;
    const nlohmann::json* additional =
        schema.contains("additionalProperties") ? &schema["additionalProperties"] : nullptr;
    for (const auto& [key, value] : doc.items()) {
      std::string child = key_path.empty() ? key : key_path + "." + key;
      if (properties && properties->contains(key)) {
        FindUnknownKeys(value, (*properties)[key], child, file, diagnostics);
      } else if (additional && additional->is_object()) {
        FindUnknownKeys(value, *additional, child, file, diagnostics);
      } else if (additional && additional->is_boolean() && !additional->get<bool>()) {
        std::string message = child + ": unknown key \"" + key + "\"";
        NearestWord nearest(key, std::max<size_t>(2, key.size() / 3));
        if (properties) {
          for (const auto& [known, unused] : properties->items()) nearest.Offer(known);
        }
        const std::string& best = nearest.best();
        if (!best.empty()) {
          message += "; did you mean \"" + best + "\"?";
        } else if (properties) {
          std::string names;
          for (const auto& [known, unused] : properties->items()) {
            names += names.empty() ? known : ", " + known;
          }
          message += " (valid keys: " + names + ")";
        }
        diagnostics->Add(file, 0, 0, message);
      }
    }
  } else if (doc.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < doc.size(); ++i) {
      FindUnknownKeys(doc[i], schema["items"], key_path + "[" + std::to_string(i) + "]", file,
                      diagnostics);
    }
  }
}

// valijson context ["<root>", "[breaking]", "[use]", "[0]"] → "breaking.use[0]".
std::string KeyPath(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>" || part.size() < 2 || part.front() != '[') continue;
    std::string inner = part.substr(1, part.size() - 2);
    bool index = !inner.empty() && std::all_of(inner.begin(), inner.end(), ::isdigit);
    if (index) {
      out += "[" + inner + "]";
    } else {
      out += out.empty() ? inner : "." + inner;
    }
  }
  return out.empty() ? "(top level)" : out;
}

// "breaking.use[0]" -> {"breaking", "use", "[0]"}.
std::vector<std::string> KeyPathTokens(const std::string& key_path) {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : key_path) {
    if (c == '.' || c == '[') {
      if (!current.empty()) tokens.push_back(current);
      current = c == '[' ? "[" : "";
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(current);
  return tokens;
}

// The schema and the document value at a key path; nullptr where either ends.
std::pair<const nlohmann::json*, const nlohmann::json*> At(const nlohmann::json& document,
                                                           const std::string& key_path) {
  const nlohmann::json* schema = &Resolve(SchemaDocument());
  const nlohmann::json* value = &document;
  for (const auto& token : KeyPathTokens(key_path)) {
    if (!schema || !value || !schema->is_object()) return {nullptr, nullptr};
    if (token.front() == '[') {
      size_t index = std::stoul(token.substr(1, token.size() - 2));
      schema = schema->contains("items") ? &Resolve((*schema)["items"]) : nullptr;
      value = value->is_array() && index < value->size() ? &(*value)[index] : nullptr;
    } else {
      if (schema->contains("properties") && (*schema)["properties"].contains(token)) {
        schema = &Resolve((*schema)["properties"][token]);
      } else if (schema->contains("additionalProperties") &&
                 (*schema)["additionalProperties"].is_object()) {
        schema = &Resolve((*schema)["additionalProperties"]);
      } else {
        schema = nullptr;
      }
      value = value->is_object() && value->contains(token) ? &(*value)[token] : nullptr;
    }
  }
  return {schema, value};
}

std::string TypePhrase(const std::string& type) {
  if (type == "string") return "a string";
  if (type == "array") return "a list";
  if (type == "object") return "a mapping";
  if (type == "boolean") return "true or false";
  if (type == "integer") return "a whole number";
  if (type == "number") return "a number";
  return type;
}

std::string ValuePhrase(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return "the string " + Dump(value);
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::object:
      return "a mapping";
    case nlohmann::json::value_t::boolean:
      return Dump(value);
    case nlohmann::json::value_t::null:
      return "nothing (null)";
    default:
      return "the number " + Dump(value);
  }
}

// A message that says what the key expects, what it got, and the nearest
// valid value; valijson's own description when the schema says no more.
std::string Explain(const nlohmann::json& document, const std::string& key_path,
                    const std::string& description) {
  auto [schema, value] = At(document, key_path);
  if (!schema || !value || !schema->is_object()) return description;
  if (schema->contains("enum")) {
    std::string names;
    std::string written = value->is_string() ? value->get<std::string>() : "";
    NearestWord nearest(written, 3);
    for (const auto& option : (*schema)["enum"]) {
      std::string text = option.is_string() ? option.get<std::string>() : Dump(option);
      names += (names.empty() ? "" : " | ") + text;
      if (value->is_string()) nearest.Offer(text);
    }
    const std::string& best = nearest.best();
    std::string message = "expected one of " + names + ", got " + ValuePhrase(*value);
    if (!best.empty()) message += "; did you mean \"" + best + "\"?";
    return message;
  }
  if (schema->contains("type") && (*schema)["type"].is_string()) {
    std::string type = (*schema)["type"].get<std::string>();
    bool mismatch =
        !((type == "string" && value->is_string()) || (type == "array" && value->is_array()) ||
          (type == "object" && value->is_object()) || (type == "boolean" && value->is_boolean()) ||
          (type == "integer" && value->is_number_integer()) ||
          (type == "number" && value->is_number()));
    if (mismatch) {
      std::string message = "expected " + TypePhrase(type) + ", got " + ValuePhrase(*value);
      if (type == "array" && value->is_string()) message += "; write [" + Dump(*value) + "]";
      return message;
    }
  }
  if (schema->contains("minimum") && (*schema)["minimum"].is_number() && value->is_number() &&
      value->get<double>() < (*schema)["minimum"].get<double>()) {
    return "expected a number of at least " + Dump((*schema)["minimum"]) + ", got " +
           ValuePhrase(*value);
  }
  if (schema->contains("maximum") && (*schema)["maximum"].is_number() && value->is_number() &&
      value->get<double>() > (*schema)["maximum"].get<double>()) {
    return "expected a number of at most " + Dump((*schema)["maximum"]) + ", got " +
           ValuePhrase(*value);
  }
  return description;
}

}  // namespace

bool ValidateConfigDocument(const nlohmann::json& document, const std::string& path,
                            Diagnostics* diagnostics) {
  if (!document.is_object()) {
    diagnostics->Add(path, 1, 1, "expected a mapping at the top level (version: 1, …)");
    return false;
  }
  Diagnostics unknown;
  FindUnknownKeys(document, SchemaDocument(), "", path, &unknown);
  if (!unknown.empty()) {
    for (auto& d : unknown.Sorted()) diagnostics->Add(std::move(d));
    return false;
  }

  static const valijson::Schema* schema = [] {
    auto* parsed = new valijson::Schema;
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(SchemaDocument());
    parser.populateSchema(adapter, *parsed);
    return parsed;
  }();
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(document);
  if (validator.validate(*schema, target, &results)) return true;

  // valijson reports a failing leaf and then each enclosing schema; keep the
  // deepest error per key path.
  std::vector<std::pair<std::string, std::string>> errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) errors.emplace_back(KeyPath(error.context), error.description);
  std::set<std::string> reported;
  for (const auto& [key_path, description] : errors) {
    bool top = key_path == "(top level)";
    bool has_deeper =
        std::any_of(errors.begin(), errors.end(), [&, &key_path = key_path](const auto& other) {
          if (top) return other.first != key_path;
          return other.first.size() > key_path.size() && other.first.rfind(key_path, 0) == 0;
        });
    if (has_deeper) continue;
    if (!reported.insert(key_path).second) continue;
    diagnostics->Add(path, 0, 0, key_path + ": " + Explain(document, key_path, description));
  }
  if (reported.empty()) diagnostics->Add(path, 0, 0, "the configuration is not valid");
  return false;
}

}  // namespace contract_lint
