#include "samples/api_sample_validator.h"

#include <algorithm>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace contract_lint {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct Parsed {
  std::string file, method, path, part, media;  // part: "request" or a status code
};

bool Parse(const std::string& name, Parsed* out) {
  size_t hash = name.find('#');
  if (hash == std::string::npos) return false;
  out->file = name.substr(0, hash);
  std::vector<std::string> words;
  size_t start = hash + 1;
  while (start < name.size()) {
    size_t space = name.find(' ', start);
    if (space == std::string::npos) space = name.size();
    if (space > start) words.push_back(name.substr(start, space - start));
    start = space + 1;
  }
  if (words.size() < 3 || words.size() > 4) return false;
  std::string method = Lower(words[0]);
  if (std::none_of(std::begin(kHttpMethods), std::end(kHttpMethods),
                   [&](const char* m) { return method == m; }) ||
      !words[1].starts_with("/")) {
    return false;
  }
  out->method = method;
  out->path = words[1];
  out->part =
      Lower(words[2]) == "request" || Lower(words[2]) == "default" ? Lower(words[2]) : words[2];
  out->media = words.size() == 4 ? words[3] : "";
  bool status = out->part == "default" ||
                (out->part.size() == 3 && std::isdigit(static_cast<unsigned char>(out->part[0])));
  return out->part == "request" || status;
}

// Keywords of OpenAPI Schema Objects that valijson must not see.
bool IsAnnotation(const std::string& key) {
  return key == "example" || key == "examples" || key == "discriminator" || key == "xml" ||
         key == "externalDocs" || key == "description" || key == "title" || key == "nullable" ||
         key == "readOnly" || key == "writeOnly" || key == "deprecated" || key == "$comment" ||
         key.starts_with("x-");
}

bool IsDataKeyword(const std::string& key) {
  return key == "enum" || key == "const" || key == "default";
}

// The schema with its $refs followed (a cycle accepts anything), 3.0 `nullable`
// turned into a null type, OpenAPI-only keywords left out.
nlohmann::json Inline(ApiSide& side, const ApiNode& node, std::set<const nlohmann::json*>* active,
                      int depth) {
  ApiNode target = side.Deref(node);
  if (!target) return nlohmann::json::object();
  if (depth > 64 || active->count(target.value)) return nlohmann::json::object();
  const nlohmann::json& value = *target.value;
  if (!value.is_structured()) return value;
  active->insert(target.value);
  nlohmann::json out;
  if (value.is_object()) {
    out = nlohmann::json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (IsAnnotation(it.key())) continue;
      if (IsDataKeyword(it.key()) || it.key() == "required" || it.key() == "type") {
        out[it.key()] = it.value();
      } else if (it.key() == "properties" || it.key() == "patternProperties" ||
                 it.key() == "definitions" || it.key() == "$defs") {
        out[it.key()] = nlohmann::json::object();
        if (it.value().is_object()) {
          for (auto p = it.value().begin(); p != it.value().end(); ++p)
            out[it.key()][p.key()] =
                Inline(side, target.Child(it.key()).Child(p.key()), active, depth + 1);
        }
      } else {
        out[it.key()] = Inline(side, target.Child(it.key()), active, depth + 1);
      }
    }
    auto nullable = value.find("nullable");
    if (nullable != value.end() && nullable->is_boolean() && nullable->get<bool>()) {
      if (out.contains("type") && out["type"].is_string()) {
        out["type"] = nlohmann::json::array({out["type"], "null"});
      } else if (out.contains("type") && out["type"].is_array()) {
        out["type"].push_back("null");
      }
      if (out.contains("enum") && out["enum"].is_array()) out["enum"].push_back(nullptr);
    }
    // 3.0 boolean exclusive bounds: `exclusiveMinimum: true` beside `minimum`.
    for (const char* bound : {"Minimum", "Maximum"}) {
      std::string key = std::string("exclusive") + bound;
      std::string plain = Lower(std::string(1, bound[0])) + (bound + 1);
      if (out.contains(key) && out[key].is_boolean()) {
        if (out[key].get<bool>() && out.contains(plain)) {
          out[key] = out[plain];
          out.erase(plain);
        } else {
          out.erase(key);
        }
      }
    }
  } else {
    out = nlohmann::json::array();
    for (size_t i = 0; i < value.size(); ++i)
      out.push_back(Inline(side, target.Child(i), active, depth + 1));
  }
  active->erase(target.value);
  return out;
}

std::string InstancePointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    pointer += "/" + EscapePointerToken(part.substr(1, part.size() - 2));
  }
  return pointer;
}

}  // namespace

struct ApiSampleValidator::Body {
  std::string element;  // "api/openapi.yaml#GET /orders/{id} response 200"
  std::string file;
  nlohmann::json schema;
  std::shared_ptr<valijson::Schema> compiled;
  std::string error;  // why it cannot be compiled
};

bool IsApiSampleTarget(const std::string& name) {
  Parsed parsed;
  return Parse(name, &parsed);
}

ApiSampleValidator::ApiSampleValidator(const Snapshot& snapshot)
    : snapshot_(snapshot), side_(snapshot, "", &ignored_) {}
ApiSampleValidator::~ApiSampleValidator() = default;

const ApiSampleValidator::Body* ApiSampleValidator::Find(const std::string& target,
                                                         std::string* why) {
  if (auto it = bodies_.find(target); it != bodies_.end()) {
    if (!it->second && why) *why = missing_[target];
    return it->second.get();
  }
  auto fail = [&](std::string reason) -> const Body* {
    missing_[target] = reason;
    bodies_[target] = nullptr;
    if (why) *why = reason;
    return nullptr;
  };
  Parsed parsed;
  if (!Parse(target, &parsed)) return fail("not \"FILE#METHOD /path STATUS\" or \"... request\"");
  const ApiDocument* doc = snapshot_.Find(parsed.file) ? side_.Load(parsed.file) : nullptr;
  if (doc == nullptr) return fail("no OpenAPI document " + parsed.file);
  ApiNode paths = side_.Root(*doc).Child("paths");
  ApiNode op;
  if (paths && paths.value->is_object()) {
    for (auto it = paths.value->begin(); it != paths.value->end(); ++it) {
      if (NormalisePathTemplate(it.key()) != NormalisePathTemplate(parsed.path)) continue;
      op = side_.Deref(side_.Deref(paths.Child(it.key())).Child(parsed.method));
    }
  }
  std::string label = parsed.method;
  for (char& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  label += " " + parsed.path;
  if (!op) return fail("no operation " + label + " in " + parsed.file);
  ApiNode body;
  std::string part;
  if (parsed.part == "request") {
    body = side_.Deref(op.Child("requestBody"));
    part = "request";
    if (!body) return fail(label + " has no request body");
  } else {
    ApiNode responses = op.Child("responses");
    std::string code = parsed.part;
    body = side_.Deref(responses.Child(code));
    if (!body && code != "default") body = side_.Deref(responses.Child(code.substr(0, 1) + "XX"));
    part = "response " + code;
    if (!body) return fail(label + " has no response " + code);
  }
  ApiNode content = body.Child("content");
  ApiNode media;
  if (content && content.value->is_object()) {
    if (!parsed.media.empty()) {
      media = content.Child(parsed.media);
    } else {
      for (auto it = content.value->begin(); it != content.value->end(); ++it) {
        std::string type = Lower(it.key());
        if (type == "application/json" || type.ends_with("+json") || type == "*/*") {
          media = content.Child(it.key());
          if (type == "application/json") break;
        }
      }
    }
  }
  if (!media) {
    return fail("the " + part + " of " + label + " has no " +
                (parsed.media.empty() ? std::string("JSON") : parsed.media) + " content");
  }
  ApiNode schema = media.Child("schema");
  if (!schema) return fail("the " + part + " of " + label + " has no schema");
  auto out = std::make_shared<Body>();
  out->element = parsed.file + "#" + label + " " + part;
  out->file = parsed.file;
  std::set<const nlohmann::json*> active;
  out->schema = Inline(side_, schema, &active, 0);
  try {
    out->compiled = std::make_shared<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(out->schema);
    parser.populateSchema(adapter, *out->compiled);
  } catch (const std::exception& e) {
    out->error = e.what();
    out->compiled.reset();
  }
  bodies_[target] = out;
  return out.get();
}

bool ApiSampleValidator::Knows(const std::string& target, std::string* why) {
  return Find(target, why) != nullptr;
}

SampleVerdict ApiSampleValidator::Validate(const std::string& target, const Sample& sample,
                                           Diagnostics* diagnostics) {
  SampleVerdict verdict;
  const Body* body = Find(target, nullptr);
  verdict.element = target;
  if (!body) return verdict;
  verdict.element = body->element;
  verdict.contract_path = body->file;
  if (!body->compiled) {
    diagnostics->Add(sample.path, 0, 0,
                     "cannot check the sample against " + body->element + " (" +
                         snapshot_.Describe() + "): " + body->error);
    verdict.contract_path.clear();
    return verdict;
  }
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter payload(sample.json);
  if (validator.validate(*body->compiled, payload, &results)) {
    verdict.status = SampleVerdict::kAccepted;
    return verdict;
  }
  verdict.status = SampleVerdict::kRejected;
  valijson::ValidationResults::Error error;
  int deepest = -1;
  while (results.popError(error)) {
    SampleVerdict::Error out;
    std::string instance = InstancePointer(error.context);
    out.reason = error.description;
    out.element = body->element;
    out.depth = static_cast<int>(error.context.size());
    if (const TextSpan* span = sample.positions.Find(instance)) {
      out.line = span->line;
      out.column = span->column;
    }
    if (out.depth > deepest) {
      deepest = out.depth;
      verdict.reason = out.reason;
      verdict.line = out.line;
      verdict.column = out.column;
    }
    verdict.errors.push_back(std::move(out));
  }
  return verdict;
}

}  // namespace contract_lint
