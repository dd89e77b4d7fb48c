#include "samples/schema_validator.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "jsonschema/schema_document.h"
#include "jsonschema/schema_uri.h"

namespace contract_lint {
namespace {

constexpr std::string_view kBundleScheme = "repo:///";

std::string BundleUri(const std::string& path, const std::string& pointer) {
  return std::string(kBundleScheme) + path + "#" + pointer;
}

// Keywords whose values are data, not subschemas: never rewritten.
bool IsDataKeyword(std::string_view key) {
  return key == "enum" || key == "const" || key == "default" || key == "examples" ||
         key == "example";
}

std::string WithoutEmptyFragment(std::string uri) {
  if (!uri.empty() && uri.back() == '#') uri.pop_back();
  return uri;
}

// valijson context ["<root>", "[items]", "[0]"] -> "/items/0".
std::string InstancePointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    pointer += "/" + EscapePointerToken(part.substr(1, part.size() - 2));
  }
  return pointer;
}

}  // namespace

SchemaValidator::SchemaValidator(const Snapshot& snapshot, const JsonSchemaSettings& settings)
    : snapshot_(snapshot), side_(snapshot, settings, "", &parse_errors_) {}

SchemaValidator::~SchemaValidator() = default;

std::string SchemaValidator::Find(const std::string& raw_ref, const std::string& sample_path) {
  std::string ref = WithoutEmptyFragment(raw_ref);
  if (ref.empty()) return "";
  if (!HasScheme(ref)) {
    std::string rooted = ref.front() == '/' ? ref.substr(1) : ref;
    if (snapshot_.Find(rooted)) return rooted;
    bool escapes = false;
    std::string relative = RepoPath(ResolveUri(RepoUri(sample_path), ref, &escapes));
    if (!escapes && !relative.empty() && snapshot_.Find(relative)) return relative;
  }
  // A schema `$id` (draft-04 `id`).
  for (const auto& file : snapshot_.Files()) {
    if (!side_.IsContract(file.path)) continue;
    const SchemaDocument* doc = side_.Load(file.path);
    if (!doc || !doc->root.is_object()) continue;
    for (const char* key : {"$id", "id"}) {
      auto id = doc->root.find(key);
      if (id != doc->root.end() && id->is_string() &&
          WithoutEmptyFragment(id->get<std::string>()) == ref) {
        return file.path;
      }
    }
  }
  return "";
}

bool SchemaValidator::Rewrite(const SchemaNode& node, nlohmann::json* out, int depth,
                              std::vector<std::string>* more, std::string* error) {
  if (depth > kMaxJsonDepth) {
    *error = node.doc->path + "#" + node.pointer + ": nested too deeply";
    return false;
  }
  if (out->is_array()) {
    for (size_t i = 0; i < out->size(); ++i) {
      if (!Rewrite(side_.Child(node, std::to_string(i)), &(*out)[i], depth + 1, more, error))
        return false;
    }
    return true;
  }
  if (!out->is_object()) return true;
  auto ref = out->find("$ref");
  if (ref != out->end() && ref->is_string()) {
    std::string text = ref->get<std::string>();
    RefTarget target = side_.Resolve(node, text);
    std::string where = node.doc->path + "#" + node.pointer;
    if (target.status == RefTarget::kRemote) {
      *error = "$ref \"" + text + "\" at " + where + " is remote and never fetched";
      return false;
    }
    if (target.status != RefTarget::kFound) {
      *error = "$ref \"" + text + "\" at " + where + " cannot be resolved: " + target.message;
      return false;
    }
    *ref = BundleUri(target.node.doc->path, target.node.pointer);
    more->push_back(target.node.doc->path);
  }
  // Scopes are already applied to every $ref: valijson must not re-apply them.
  for (const char* id : {"$id", "id"}) {
    auto it = out->find(id);
    if (it != out->end() && it->is_string()) out->erase(it);
  }
  for (auto& [key, value] : out->items()) {
    if (key == "$ref" || IsDataKeyword(key)) continue;
    if (!Rewrite(side_.Child(node, key), &value, depth + 1, more, error)) return false;
  }
  return true;
}

bool SchemaValidator::Bundle(const std::string& path, std::string* error) {
  std::vector<std::string> todo = {path};
  while (!todo.empty()) {
    std::string next = todo.back();
    todo.pop_back();
    if (bundled_.count(next)) continue;
    const SchemaDocument* doc = side_.Load(next);
    if (!doc) {
      *error = "schema " + next + " cannot be loaded";
      return false;
    }
    nlohmann::json copy = doc->root;
    if (!Rewrite(side_.Root(*doc), &copy, 0, &todo, error)) return false;
    bundled_.emplace(next, std::move(copy));
  }
  return true;
}

std::string SchemaValidator::ElementFor(const std::string& schema_path,
                                        const std::string& instance_pointer) const {
  std::string path = schema_path;
  std::string pointer;
  auto at = [&]() -> const nlohmann::json* {
    auto doc = bundled_.find(path);
    if (doc == bundled_.end()) return nullptr;
    try {
      return &doc->second.at(nlohmann::json::json_pointer(pointer));
    } catch (const std::exception&) {
      return nullptr;
    }
  };
  auto follow = [&] {
    for (int hops = 0; hops < 32; ++hops) {
      const nlohmann::json* node = at();
      if (!node || !node->is_object() || !node->contains("$ref")) return;
      const auto& ref = (*node)["$ref"];
      if (!ref.is_string()) return;
      std::string uri = ref.get<std::string>().substr(kBundleScheme.size());
      size_t hash = uri.find('#');
      path = uri.substr(0, hash);
      pointer = hash == std::string::npos ? "" : uri.substr(hash + 1);
    }
  };
  std::vector<std::string> tokens;
  PointerTokens(instance_pointer, &tokens);
  follow();
  for (const auto& token : tokens) {
    const nlohmann::json* node = at();
    if (!node || !node->is_object()) break;
    std::string step;
    if (node->contains("properties") && (*node)["properties"].is_object() &&
        (*node)["properties"].contains(token)) {
      step = "/properties/" + EscapePointerToken(token);
    } else if (node->contains("items") && (*node)["items"].is_object()) {
      step = "/items";
    } else if (node->contains("additionalProperties") &&
               (*node)["additionalProperties"].is_object()) {
      step = "/additionalProperties";
    } else {
      break;
    }
    pointer += step;
    follow();
  }
  return path + "#" + pointer;
}

SampleVerdict SchemaValidator::Validate(const std::string& schema_path, const Sample& sample,
                                        Diagnostics* diagnostics) {
  SampleVerdict verdict;
  verdict.element = schema_path + "#";
  if (!snapshot_.Find(schema_path)) return verdict;
  verdict.contract_path = schema_path;

  auto compiled = compiled_.find(schema_path);
  if (compiled == compiled_.end()) {
    std::shared_ptr<valijson::Schema> schema;
    std::string error;
    if (Bundle(schema_path, &error)) {
      const nlohmann::json& root = bundled_.at(schema_path);
      Draft draft = side_.Load(schema_path)->draft;
      valijson::SchemaParser parser(draft == Draft::k04 ? valijson::SchemaParser::kDraft4
                                                        : valijson::SchemaParser::kDraft7);
      auto fetch = [this](const std::string& uri) -> const nlohmann::json* {
        if (uri.compare(0, kBundleScheme.size(), kBundleScheme) != 0) return nullptr;
        auto it = bundled_.find(uri.substr(kBundleScheme.size()));
        return it == bundled_.end() ? nullptr : new nlohmann::json(it->second);
      };
      auto free = [](const nlohmann::json* doc) { delete doc; };
      try {
        schema = std::make_shared<valijson::Schema>();
        valijson::adapters::NlohmannJsonAdapter adapter(root);
        parser.populateSchema<valijson::adapters::NlohmannJsonAdapter>(adapter, *schema, fetch,
                                                                       free);
      } catch (const std::exception& e) {
        error = e.what();
        schema.reset();
      }
    }
    if (!schema) failed_[schema_path] = error;
    compiled = compiled_.emplace(schema_path, schema).first;
  }
  if (!compiled->second) {
    diagnostics->Add(sample.path, 0, 0,
                     "cannot check the sample against " + schema_path + " (" +
                         snapshot_.Describe() + "): " + failed_[schema_path]);
    verdict.contract_path.clear();
    return verdict;
  }

  // "$schema" labels the sample; it is not part of the payload.
  nlohmann::json payload = sample.json;
  if (payload.is_object()) payload.erase("$schema");
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(payload);
  if (validator.validate(*compiled->second, target, &results)) {
    verdict.status = SampleVerdict::kAccepted;
    return verdict;
  }
  verdict.status = SampleVerdict::kRejected;
  auto describe = [&](const valijson::ValidationResults::Error& error) {
    SampleVerdict::Error out;
    std::string instance = InstancePointer(error.context);
    out.reason = error.description;
    out.element = ElementFor(schema_path, instance);
    out.depth = static_cast<int>(error.context.size());
    const TextSpan* span = sample.positions.Find(instance);
    // valijson names a property it rejects only in its message ("…'additionalProperties'
    // constraints: 'coupon'."): point at that property rather than at its object.
    static constexpr std::string_view kNamed = "constraints: '";
    if (size_t at = out.reason.rfind(kNamed); at != std::string::npos) {
      size_t start = at + kNamed.size();
      size_t end = out.reason.find('\'', start);
      if (end != std::string::npos) {
        const TextSpan* property = sample.positions.Find(
            instance + "/" + EscapePointerToken(out.reason.substr(start, end - start)));
        if (property) span = property;
      }
    }
    if (span) {
      out.line = span->line;
      out.column = span->column;
    }
    if (!instance.empty()) out.reason = "at " + instance + ": " + out.reason;
    return out;
  };
  // The deepest error is the most specific; the outer ones only say "a child failed".
  valijson::ValidationResults::Error error, best;
  bool any = false;
  while (results.popError(error)) {
    if (!any || error.context.size() > best.context.size()) best = error;
    any = true;
    verdict.errors.push_back(describe(error));
  }
  SampleVerdict::Error deepest = describe(best);
  verdict.reason = deepest.reason;
  verdict.element = deepest.element;
  verdict.line = deepest.line;
  verdict.column = deepest.column;
  return verdict;
}

}  // namespace contract_lint
