#include "openapi/openapi_compare.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "jsonschema/schema_compare.h"
#include "jsonschema/schema_side.h"
#include "rules/rule_rows.h"

namespace contract_lint {
namespace {

constexpr int kMaxSchemaDepth = 64;

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}
std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool Flag(const ApiNode& node, const char* key) {
  ApiNode child = node.Child(key);
  return child && child.value->is_boolean() && child.value->get<bool>();
}

// Where nullability is written: `nullable` (3.0), else `type`, else the schema.
ApiNode NullAt(const ApiNode& schema) {
  if (ApiNode at = schema.Child("nullable")) return at;
  if (ApiNode at = schema.Child("type")) return at;
  return schema;
}

bool IsSuccess(const std::string& code) { return !code.empty() && code[0] == '2'; }

// True when a row for `id` exists: composed ids ("request-body-" + "pattern-added")
// fire only where oasdiff's catalog has that check.
bool Known(const std::string& id) {
  static const std::set<std::string, std::less<>> ids = [] {
    std::set<std::string, std::less<>> out;
    for (const RuleInfo& row : OpenApiRuleRows()) out.emplace(row.id);
    return out;
  }();
  return ids.count(id) > 0;
}

// oasdiff's level of `id` (error when unknown).
Severity LevelOf(const std::string& id) {
  static const std::map<std::string, Severity, std::less<>> levels = [] {
    std::map<std::string, Severity, std::less<>> out;
    for (const RuleInfo& row : OpenApiRuleRows()) out.emplace(row.id, row.level);
    return out;
  }();
  auto it = levels.find(id);
  return it == levels.end() ? Severity::kError : it->second;
}

bool IsSchemaAnnotation(const std::string& key) {
  return key == "description" || key == "title" || key == "summary" || key == "example" ||
         key == "examples" || key == "$comment" || key == "externalDocs" || key == "xml" ||
         key == "discriminator" || key == "nullable" || key.starts_with("x-");
}

// Keywords whose value maps names to subschemas (their keys are not keywords).
bool IsSchemaMap(const std::string& key) {
  return key == "properties" || key == "patternProperties" || key == "$defs" ||
         key == "definitions" || key == "dependentSchemas";
}

// An OpenAPI Schema Object as a JSON Schema the engine reads: $refs inlined (a
// cycle becomes a marker), annotations and OpenAPI-only keywords left out, the
// 3.0 boolean exclusiveMinimum/Maximum written as 2020-12 numbers, and the
// properties this exchange never carries (readOnly in requests, writeOnly in
// responses) removed with their `required` entries.
nlohmann::json InlineSchema(ApiSide& side, ApiNode node, bool request,
                            std::set<const nlohmann::json*>* active, int depth) {
  if (!node) return nullptr;
  ApiNode target = side.Deref(node);
  if (!target) return node.value ? *node.value : nlohmann::json();
  if (depth > kMaxSchemaDepth || active->count(target.value)) {
    return nlohmann::json{{"$comment", "cycle " + target.doc->path + "#" + target.pointer}};
  }
  const nlohmann::json& value = *target.value;
  if (!value.is_structured()) return value;
  active->insert(target.value);
  nlohmann::json out = value.is_object() ? nlohmann::json::object() : nlohmann::json::array();
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      out.push_back(InlineSchema(side, target.Child(i), request, active, depth + 1));
    active->erase(target.value);
    return out;
  }
  const char* hidden = request ? "readOnly" : "writeOnly";
  std::set<std::string> dropped;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& key = it.key();
    if (IsSchemaAnnotation(key)) continue;
    ApiNode child = target.Child(key);
    if (IsSchemaMap(key) && it->is_object()) {
      nlohmann::json map = nlohmann::json::object();
      for (auto entry = it->begin(); entry != it->end(); ++entry) {
        ApiNode sub = side.Deref(child.Child(entry.key()));
        if (key == "properties" && Flag(sub, hidden)) {
          dropped.insert(entry.key());
          continue;
        }
        map[entry.key()] = InlineSchema(side, child.Child(entry.key()), request, active, depth + 1);
      }
      out[key] = std::move(map);
    } else if ((key == "exclusiveMinimum" || key == "exclusiveMaximum") && it->is_boolean()) {
      const char* bound = key == "exclusiveMinimum" ? "minimum" : "maximum";
      if (it->get<bool>() && value.contains(bound)) out[key] = value[bound];
    } else if (key == "enum" || key == "const" || key == "default" || key == "required") {
      out[key] = *it;
    } else {
      out[key] = InlineSchema(side, child, request, active, depth + 1);
    }
  }
  for (const char* bound : {"minimum", "maximum"}) {
    std::string exclusive =
        bound == std::string("minimum") ? "exclusiveMinimum" : "exclusiveMaximum";
    auto it = value.find(exclusive);
    if (it != value.end() && it->is_boolean() && it->get<bool>()) out.erase(bound);
  }
  if (!dropped.empty() && out.contains("required") && out["required"].is_array()) {
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& name : out["required"])
      if (!name.is_string() || !dropped.count(name.get<std::string>())) kept.push_back(name);
    out["required"] = std::move(kept);
  }
  active->erase(target.value);
  return out;
}

// The types named by a compact `type` value ("\"string\"", "[\"string\",\"null\"]"),
// without null.
std::set<std::string> TypesOf(const std::string& compact) {
  std::set<std::string> out;
  nlohmann::json value = nlohmann::json::parse(compact, nullptr, false);
  if (value.is_string()) out.insert(value.get<std::string>());
  if (value.is_array()) {
    for (const auto& t : value)
      if (t.is_string()) out.insert(t.get<std::string>());
  }
  out.erase("null");
  return out;
}

// "2XX" for "201"; empty when `code` is not a three-digit status.
std::string RangeOf(const std::string& code) {
  if (code.size() != 3 || !std::isdigit(static_cast<unsigned char>(code[0])) ||
      !std::isdigit(static_cast<unsigned char>(code[1])) ||
      !std::isdigit(static_cast<unsigned char>(code[2]))) {
    return "";
  }
  return std::string(1, code[0]) + "XX";
}
bool IsRange(const std::string& code) {
  return code.size() == 3 && std::isdigit(static_cast<unsigned char>(code[0])) &&
         (code.substr(1) == "XX" || code.substr(1) == "xx");
}

// The key of `all` that pairs with `code`: the same code, else its range (`201` ->
// `2XX`), else for a range the first exact code within it; empty when none.
std::string PairedStatus(const nlohmann::json& all, const std::string& code) {
  if (all.contains(code)) return code;
  if (std::string range = RangeOf(code); !range.empty()) {
    if (all.contains(range)) return range;
    std::string lower = range.substr(0, 1) + "xx";
    if (all.contains(lower)) return lower;
    return "";
  }
  if (IsRange(code)) {
    for (auto it = all.begin(); it != all.end(); ++it)
      if (RangeOf(it.key()) == std::string(1, code[0]) + "XX") return it.key();
  }
  return "";
}

// x-stability-level order; -1 when absent or not one of oasdiff's levels.
int StabilityRank(const ApiNode& op) {
  ApiNode level = op.Child("x-stability-level");
  if (!level || !level.value->is_string()) return -1;
  std::string text = level.value->get<std::string>();
  if (text == "draft") return 0;
  if (text == "alpha") return 1;
  if (text == "beta") return 2;
  if (text == "stable") return 3;
  return -1;
}

// The `x-sunset` date of `node` as days from today (UTC, negative: past); false when
// it has none or it is not a YYYY-MM-DD date.
bool SunsetDaysFromToday(const ApiNode& node, int* days, std::string* date) {
  ApiNode sunset = node.Child("x-sunset");
  if (!sunset || !sunset.value->is_string()) return false;
  std::string text = sunset.value->get<std::string>();
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
  auto when = std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d);
  if (!when.ok()) return false;
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  *days = static_cast<int>((std::chrono::sys_days(when) - today).count());
  *date = text;
  return true;
}

// True when `op` has an `x-sunset` date after today (UTC); `date` gets it.
bool SunsetInFuture(const ApiNode& op, std::string* date) {
  int days = 0;
  return SunsetDaysFromToday(op, &days, date) && days > 0;
}

// True when `op` has an `x-sunset` that is not a YYYY-MM-DD date.
bool SunsetUnreadable(const ApiNode& op) {
  int days = 0;
  std::string date;
  return op.Child("x-sunset") && !SunsetDaysFromToday(op, &days, &date);
}

std::string Number(const nlohmann::json& value) {
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  std::string text = value.dump();
  return text;
}

// The JSON types a schema allows by `type` (3.0 `nullable` adds null); empty = any.
std::set<std::string> Types(const ApiNode& schema) {
  std::set<std::string> types;
  ApiNode type = schema.Child("type");
  if (type && type.value->is_string()) {
    types.insert(type.value->get<std::string>());
  } else if (type && type.value->is_array()) {
    for (const auto& t : *type.value)
      if (t.is_string()) types.insert(t.get<std::string>());
  }
  if (!types.empty() && Flag(schema, "nullable")) types.insert("null");
  return types;
}

// Takes `null` out of a type set that allows more than null; true when it was there.
bool SplitNull(std::set<std::string>* types) {
  return types->size() > 1 && types->erase("null") > 0;
}

std::string TypeText(const std::set<std::string>& types) {
  if (types.empty()) return "any";
  std::string out;
  for (const auto& t : types) out += (out.empty() ? "" : "|") + t;
  return out;
}

// True when every value of `inner`'s types is of one of `outer`'s.
bool Accepts(const std::set<std::string>& outer, const std::set<std::string>& inner) {
  if (outer.empty()) return true;
  if (inner.empty()) return false;
  for (const auto& t : inner) {
    if (!outer.count(t) && !(t == "integer" && outer.count("number"))) return false;
  }
  return true;
}

// True when `inner` is a non-empty proper subset of `outer` (a type list lost members).
bool Subset(const std::set<std::string>& inner, const std::set<std::string>& outer) {
  return !inner.empty() && inner.size() < outer.size() &&
         std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

// A schema's properties and required names, with allOf branches merged.
struct Shape {
  std::map<std::string, ApiNode> properties;
  std::set<std::string> required;
  ApiNode items;
};

class Comparer {
 public:
  Comparer(ApiSide& old_side, ApiSide& new_side, std::vector<Finding>* out, std::string file,
           const OpenApiSettings& settings)
      : old_(old_side),
        new_(new_side),
        out_(out),
        file_(std::move(file)),
        lenient_(settings.lenient),
        beta_days_(settings.deprecation_days_beta),
        stable_days_(settings.deprecation_days_stable) {}

  void Documents(const ApiDocument* old_doc, const ApiDocument* new_doc) {
    std::map<std::string, std::pair<std::string, ApiNode>> old_paths = Paths(old_, old_doc);
    std::map<std::string, std::pair<std::string, ApiNode>> new_paths = Paths(new_, new_doc);
    for (const auto& [key, entry] : old_paths) {
      auto it = new_paths.find(key);
      if (it == new_paths.end()) {
        PathRemoved(entry.first, entry.second);
      } else {
        PathItems(entry.first, entry.second, it->second.first, it->second.second);
      }
    }
    Webhooks(old_doc, new_doc);
    if (old_doc && new_doc) {
      ApiNode old_root = old_.Root(*old_doc), new_root = new_.Root(*new_doc);
      Security("the API", old_root.Child("security"), new_root.Child("security"), new_root,
               "api-global-security-");
      SecuritySchemes(old_root.Child("components").Child("securitySchemes"),
                      new_root.Child("components").Child("securitySchemes"), new_root);
    }
    for (const auto& [key, entry] : new_paths) {
      if (old_paths.count(key)) continue;
      for (const char* method : kHttpMethods) {
        ApiNode op = entry.second.Child(method);
        if (op) EndpointAdded(Upper(method) + " " + entry.first, op);
      }
    }
  }

 private:
  void Emit(std::string_view rule, const ApiNode& at, Side side, std::string subject,
            std::string message, std::string before = "", std::string after = "") {
    out_->push_back(ApiFinding(ContractKind::kOpenApi, rule, at, side, file_, subject,
                               std::move(message), std::move(before), std::move(after)));
  }

  // Security requirements ("oauth AND apiKey" -> scheme -> scopes), paired by
  // their set of scheme names, as oasdiff does. All INFO in oasdiff.
  struct Requirement {
    ApiNode node;
    std::map<std::string, std::pair<ApiNode, std::set<std::string>>> schemes;
  };
  static std::map<std::string, Requirement> Requirements(const ApiNode& list) {
    std::map<std::string, Requirement> out;
    if (!list || !list.value->is_array()) return out;
    for (size_t i = 0; i < list.value->size(); ++i) {
      ApiNode item = list.Child(i);
      if (!item.value->is_object()) continue;
      Requirement requirement{item, {}};
      std::string key;
      for (auto it = item.value->begin(); it != item.value->end(); ++it) {
        key += (key.empty() ? "" : " AND ") + it.key();
        std::set<std::string> scopes;
        if (it->is_array()) {
          for (const auto& scope : *it)
            if (scope.is_string()) scopes.insert(scope.get<std::string>());
        }
        requirement.schemes[it.key()] = {item.Child(it.key()), std::move(scopes)};
      }
      out.emplace(key.empty() ? "{}" : key, std::move(requirement));
    }
    return out;
  }

  void Security(const std::string& label, const ApiNode& old_list, const ApiNode& new_list,
                const ApiNode& new_owner, const std::string& prefix) {
    auto before = Requirements(old_list), after = Requirements(new_list);
    ApiNode at = new_list ? new_list : new_owner;
    std::string whose = label == "the API" ? "the API's global" : label;
    for (const auto& [key, requirement] : after) {
      auto it = before.find(key);
      if (it == before.end()) {
        Emit(prefix + "added", requirement.node, Side::kCurrent, label + " security " + key,
             "security requirement " + key + " added to " + whose + " security", "", key);
        continue;
      }
      for (const auto& [scheme, entry] : requirement.schemes) {
        const auto& old_scopes = it->second.schemes.at(scheme).second;
        for (const auto& scope : entry.second) {
          if (old_scopes.count(scope)) continue;
          Emit(prefix + "scope-added", entry.first, Side::kCurrent,
               label + " security " + scheme + " " + scope,
               "scope " + scope + " added to security scheme " + scheme + " of " + whose +
                   " security",
               "", scope);
        }
        for (const auto& scope : old_scopes) {
          if (entry.second.count(scope)) continue;
          Emit(prefix + "scope-removed", entry.first, Side::kCurrent,
               label + " security " + scheme + " " + scope,
               "scope " + scope + " removed from security scheme " + scheme + " of " + whose +
                   " security",
               scope, "");
        }
      }
    }
    for (const auto& [key, requirement] : before) {
      if (after.count(key)) continue;
      Emit(prefix + "removed", at, Side::kCurrent, label + " security " + key,
           "security requirement " + key + " removed from " + whose + " security", key, "");
    }
  }

  // components.securitySchemes by name: added, removed, type and OAuth flows changed.
  void SecuritySchemes(const ApiNode& old_all, const ApiNode& new_all, const ApiNode& new_root) {
    bool had = old_all && old_all.value->is_object(), has = new_all && new_all.value->is_object();
    ApiNode at = has ? new_all : new_root;
    if (has) {
      for (auto it = new_all.value->begin(); it != new_all.value->end(); ++it) {
        if (had && old_all.value->contains(it.key())) continue;
        Emit("api-security-component-added", new_all.Child(it.key()), Side::kCurrent,
             "security scheme " + it.key(), "security scheme " + it.key() + " added", "", it.key());
      }
    }
    if (!had) return;
    for (auto it = old_all.value->begin(); it != old_all.value->end(); ++it) {
      const std::string& name = it.key();
      std::string subject = "security scheme " + name;
      if (!has || !new_all.value->contains(name)) {
        Emit("api-security-component-removed", at, Side::kCurrent, subject,
             "security scheme " + name + " removed", name, "");
        continue;
      }
      ApiNode before = old_.Deref(old_all.Child(name)), after = new_.Deref(new_all.Child(name));
      if (!before || !after || !before.value->is_object() || !after.value->is_object()) continue;
      std::string old_type = before.value->value("type", ""),
                  new_type = after.value->value("type", "");
      if (old_type != new_type) {
        ApiNode type_at = after.Child("type") ? after.Child("type") : after;
        Emit("api-security-component-type-changed", type_at, Side::kCurrent, subject,
             "type of security scheme " + name + " changed from " + old_type + " to " + new_type,
             old_type, new_type);
        continue;
      }
      ApiNode old_flows = before.Child("flows"), new_flows = after.Child("flows");
      if (!old_flows || !new_flows || !old_flows.value->is_object() ||
          !new_flows.value->is_object())
        continue;
      for (auto flow = new_flows.value->begin(); flow != new_flows.value->end(); ++flow) {
        ApiNode o = old_flows.Child(flow.key()), n = new_flows.Child(flow.key());
        if (!o || !n.value->is_object() || !o.value->is_object()) continue;
        std::string where = " of flow " + flow.key() + " of security scheme " + name;
        for (auto [key, id] :
             {std::pair{"authorizationUrl", "api-security-component-oauth-url-changed"},
              std::pair{"tokenUrl", "api-security-component-oauth-token-url-changed"}}) {
          std::string was = o.value->value(key, ""), now = n.value->value(key, "");
          if (was == now) continue;
          Emit(id, n.Child(key) ? n.Child(key) : n, Side::kCurrent,
               subject + " " + flow.key() + " " + key,
               std::string(key) + where + " changed from \"" + was + "\" to \"" + now + "\"", was,
               now);
        }
        ApiNode old_scopes = o.Child("scopes"), new_scopes = n.Child("scopes");
        bool olds = old_scopes && old_scopes.value->is_object();
        bool news = new_scopes && new_scopes.value->is_object();
        if (news) {
          for (auto scope = new_scopes.value->begin(); scope != new_scopes.value->end(); ++scope) {
            std::string sub = subject + " " + flow.key() + " scope " + scope.key();
            if (!olds || !old_scopes.value->contains(scope.key())) {
              Emit("api-security-component-oauth-scope-added", new_scopes.Child(scope.key()),
                   Side::kCurrent, sub,
                   "OAuth scope " + scope.key() + " added to" + where.substr(3), "", scope.key());
            } else if ((*old_scopes.value)[scope.key()] != *scope) {
              Emit("api-security-component-oauth-scope-changed", new_scopes.Child(scope.key()),
                   Side::kCurrent, sub,
                   "description of OAuth scope " + scope.key() + where + " changed",
                   (*old_scopes.value)[scope.key()].dump(), scope->dump());
            }
          }
        }
        if (olds) {
          for (auto scope = old_scopes.value->begin(); scope != old_scopes.value->end(); ++scope) {
            if (news && new_scopes.value->contains(scope.key())) continue;
            Emit("api-security-component-oauth-scope-removed", news ? new_scopes : n,
                 Side::kCurrent, subject + " " + flow.key() + " scope " + scope.key(),
                 "OAuth scope " + scope.key() + " removed from" + where.substr(3), scope.key(), "");
          }
        }
      }
    }
  }

  // 3.1 `webhooks` by name.
  void Webhooks(const ApiDocument* old_doc, const ApiDocument* new_doc) {
    if (old_doc == nullptr || new_doc == nullptr) return;
    ApiNode old_hooks = old_.Root(*old_doc).Child("webhooks");
    ApiNode new_hooks = new_.Root(*new_doc).Child("webhooks");
    if (!old_hooks || !old_hooks.value->is_object()) return;
    ApiNode at = new_hooks ? new_hooks : new_.Root(*new_doc);
    for (auto it = old_hooks.value->begin(); it != old_hooks.value->end(); ++it) {
      if (new_hooks && new_hooks.value->is_object() && new_hooks.value->contains(it.key()))
        continue;
      Emit("webhook-removed", at, Side::kCurrent, "webhook " + it.key(),
           "webhook " + it.key() + " removed: subscribers expecting its calls get none");
    }
  }

  std::map<std::string, std::pair<std::string, ApiNode>> Paths(ApiSide& side,
                                                               const ApiDocument* doc) {
    std::map<std::string, std::pair<std::string, ApiNode>> paths;
    if (doc == nullptr) return paths;
    ApiNode all = side.Root(*doc).Child("paths");
    if (!all || !all.value->is_object()) return paths;
    for (auto it = all.value->begin(); it != all.value->end(); ++it) {
      ApiNode item = side.Deref(all.Child(it.key()));
      if (item && item.value->is_object())
        paths.emplace(NormalisePathTemplate(it.key()), std::pair{it.key(), item});
    }
    return paths;
  }

  void EndpointAdded(const std::string& label, const ApiNode& op) {
    Emit("endpoint-added", op, Side::kCurrent, label, "endpoint " + label + " added");
  }

  void PathRemoved(const std::string& path, const ApiNode& item) {
    for (const char* method : kHttpMethods) {
      ApiNode op = item.Child(method);
      if (!op) continue;
      std::string label = Upper(method) + " " + path;
      std::string sunset;
      if (Flag(old_.Deref(op), "deprecated") && SunsetInFuture(old_.Deref(op), &sunset)) {
        Emit("api-path-removed-before-sunset", op, Side::kAgainst, label,
             "path " + path + " removed before the sunset date " + sunset + " of " + label +
                 ": clients may call it until then");
      } else if (Flag(old_.Deref(op), "deprecated") && SunsetUnreadable(old_.Deref(op))) {
        Emit("api-path-sunset-parse", op, Side::kAgainst, label,
             "path " + path + " removed, but the x-sunset of the deprecated " + label +
                 " is not a YYYY-MM-DD date");
      } else if (Flag(old_.Deref(op), "deprecated")) {
        Emit("api-path-removed-with-deprecation", op, Side::kAgainst, label,
             "path " + path + " removed (" + label + " was deprecated)");
      } else {
        Emit("api-path-removed-without-deprecation", op, Side::kAgainst, label,
             "path " + path + " removed without deprecating " + label +
                 " first: clients calling it now fail");
      }
    }
  }

  void PathItems(const std::string& old_path, const ApiNode& old_item, const std::string& new_path,
                 const ApiNode& new_item) {
    for (const char* method : kHttpMethods) {
      ApiNode old_op = old_item.Child(method);
      ApiNode new_op = new_item.Child(method);
      std::string label = Upper(method) + " " + new_path;
      if (old_op && !new_op) {
        std::string old_label = Upper(method) + " " + old_path;
        std::string sunset;
        if (Flag(old_op, "deprecated") && SunsetInFuture(old_op, &sunset)) {
          Emit("api-removed-before-sunset", old_op, Side::kAgainst, old_label,
               "operation " + old_label + " removed before its sunset date " + sunset +
                   ": clients may call it until then");
        } else if (Flag(old_op, "deprecated")) {
          Emit("api-removed-with-deprecation", old_op, Side::kAgainst, old_label,
               "operation " + old_label + " removed (it was deprecated)");
        } else {
          Emit("api-removed-without-deprecation", old_op, Side::kAgainst, old_label,
               "operation " + old_label +
                   " removed without deprecating it first: clients "
                   "calling it now fail");
        }
      } else if (!old_op && new_op) {
        EndpointAdded(label, new_op);
      } else if (old_op && new_op) {
        if (old_path == new_path && Unchanged(old_item, old_op, new_item, new_op)) continue;
        Operation Op{label, old_path, new_path};
        Stability(label, old_op, new_op);
        Security(label, old_op.Child("security"), new_op.Child("security"), new_op,
                 "api-security-");
        Sunset(label, old_op, new_op);
        policy_days_ = PolicyDays(new_op);
        Parameters(Op, old_item, old_op, new_item, new_op);
        RequestBody(Op, old_.Deref(old_op.Child("requestBody")),
                    new_.Deref(new_op.Child("requestBody")), new_op);
        Responses(Op, old_op.Child("responses"), new_op.Child("responses"), new_op);
      }
    }
  }

  // True when an operation pair can give no finding, so comparing it is
  // skipped (most operations of a large document are unchanged; inlining and
  // judging their schemas was most of a check). Why skipping gives the same
  // report: everything the comparison of one operation reads is (a) the
  // operation's subtree, (b) the path item's `parameters` (Params), (c) the
  // two path templates (labels, path parameter positions; the caller
  // requires them equal), (d) whatever $refs in (a) and (b) reach, followed
  // transitively, (e) the node pointers (finding locations, and InlineSchema's
  // cycle markers, which name a $ref target's file and pointer) and (f) the
  // settings (`lenient_`, the same for both sides). It reads no other part of the
  // document: global security, servers, components and webhooks are compared
  // by Documents() on their own, and the comparer's state (`where_`,
  // `active_`, `wrapped_`) is reset for every body. Here (a), (b) and (d) must
  // be equal JSON on both sides, with every $ref (of the same text, so of the same
  // target pointer) resolved on each side and its targets equal in turn; (e)
  // the operations sit at the same pointer of files with the same path. Then
  // every value a check reads is the same on both sides, and every check
  // fires only on a difference between what it reads on the two sides
  // (the engine returns at once on equal inlined schemas; the sunset and
  // stability checks compare the old value with the new one), so none fires.
  // Only $refs within the operation's own file are followed here: one that
  // names another file (or cannot be resolved) makes the operation count as
  // changed, as resolving it through ApiSide could load a file or report a
  // diagnostic that the comparison itself would not.
  bool Unchanged(const ApiNode& old_item, const ApiNode& old_op, const ApiNode& new_item,
                 const ApiNode& new_op) {
    if (old_op.doc->path != new_op.doc->path || old_op.pointer != new_op.pointer ||
        old_item.doc->path != new_item.doc->path || old_item.pointer != new_item.pointer ||
        old_op.doc != old_item.doc || new_op.doc != new_item.doc) {
      return false;
    }
    ApiNode old_params = old_item.Child("parameters"), new_params = new_item.Child("parameters");
    if (!old_params != !new_params) return false;
    std::vector<std::pair<const nlohmann::json*, const nlohmann::json*>> proven;
    bool same = Same(old_op.doc->root, *old_op.value, new_op.doc->root, *new_op.value, &proven) &&
                (!old_params || Same(old_op.doc->root, *old_params.value, new_op.doc->root,
                                     *new_params.value, &proven));
    // The $ref target pairs compared here were assumed equal while under
    // comparison (recursive schemas); they are proven equal only when no
    // difference was found. Otherwise they are forgotten (some may differ).
    if (!same) {
      for (const auto& pair : proven) same_targets_.erase(pair);
    }
    return same;
  }

  // The value a same-file `$ref` stands for in `root`, following $refs as
  // ApiSide::Deref does (null: another file, not a JSON pointer, missing, or a
  // chain too long: the caller then counts the operation as changed).
  static const nlohmann::json* Target(const nlohmann::json& root, const nlohmann::json& ref_owner) {
    const nlohmann::json* node = &ref_owner;
    for (int hops = 0; node->is_object(); ++hops) {
      auto ref = node->find("$ref");
      if (ref == node->end() || !ref->is_string()) return node;
      const std::string& text = ref->get_ref<const std::string&>();
      if (hops == kMaxRefHops || text.empty() || text[0] != '#') return nullptr;
      if (text.size() > 1 && text[1] != '/') return nullptr;
      try {
        nlohmann::json::json_pointer pointer(text.substr(1));
        if (!root.contains(pointer)) return nullptr;
        node = &root.at(pointer);
      } catch (const nlohmann::json::exception&) {
        return nullptr;
      }
    }
    return node;
  }

  // Equal JSON, and every $ref in it reaches equal values on both sides.
  bool Same(const nlohmann::json& old_root, const nlohmann::json& a, const nlohmann::json& new_root,
            const nlohmann::json& b,
            std::vector<std::pair<const nlohmann::json*, const nlohmann::json*>>* proven) {
    if (a.type() != b.type()) return false;
    if (a.is_array()) {
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!Same(old_root, a[i], new_root, b[i], proven)) return false;
      return true;
    }
    if (!a.is_object()) return a == b;
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !Same(old_root, *it, new_root, *other, proven)) return false;
    }
    auto ref = a.find("$ref");
    if (ref == a.end() || !ref->is_string()) return true;
    const nlohmann::json* old_target = Target(old_root, a);
    const nlohmann::json* new_target = Target(new_root, b);
    if (old_target == nullptr || new_target == nullptr) return false;
    std::pair key{old_target, new_target};
    if (auto known = same_targets_.find(key); known != same_targets_.end()) return known->second;
    // A pair under comparison (a recursive schema) is assumed equal.
    if (!same_targets_.emplace(key, true).second) return true;
    proven->push_back(key);
    return Same(old_root, *old_target, new_root, *new_target, proven);
  }

  // Days oasdiff's deprecation policy asks between deprecation and sunset for
  // an operation (and its parameters and properties), by its x-stability-level:
  // beta, or stable when it has none; draft and alpha have no policy. 0: off.
  int PolicyDays(const ApiNode& op) const {
    ApiNode level = op.Child("x-stability-level");
    std::string text =
        level && level.value->is_string() ? level.value->get<std::string>() : "stable";
    if (text == "draft" || text == "alpha") return 0;
    return text == "beta" ? beta_days_ : stable_days_;
  }

  // The deprecation policy on an element deprecated now (`newly`) or whose
  // x-sunset moved (`old_node` deprecated with an earlier-or-later date):
  // `<prefix>deprecated-sunset-missing` (no x-sunset), `<prefix>sunset-date-too-small`
  // (fewer than `days` days from today) and, when `changed_rule` is given,
  // that rule for an x-sunset moved earlier to fewer than `days` days from today.
  void Policy(int days, const std::string& prefix, const std::string& changed_rule,
              const ApiNode& old_node, const ApiNode& new_node, const std::string& subject,
              const std::string& what) {
    if (days <= 0 || !Flag(new_node, "deprecated")) return;
    int left = 0;
    std::string date;
    bool readable = SunsetDaysFromToday(new_node, &left, &date);
    std::string policy = std::to_string(days) + " days";
    if (!Flag(old_node, "deprecated")) {
      if (!new_node.Child("x-sunset")) {
        ApiNode at = new_node.Child("deprecated") ? new_node.Child("deprecated") : new_node;
        Emit(prefix + "deprecated-sunset-missing", at, Side::kCurrent, subject,
             what +
                 " deprecated without an x-sunset date: the deprecation policy asks for one at "
                 "least " +
                 policy + " ahead");
      } else if (readable && left < days) {
        Emit(prefix + "sunset-date-too-small", new_node.Child("x-sunset"), Side::kCurrent, subject,
             what + " deprecated with the x-sunset " + date +
                 ", fewer than the deprecation policy's " + policy + " from today (UTC)",
             "", date);
      }
      return;
    }
    if (changed_rule.empty() || !readable) return;
    int old_left = 0;
    std::string old_date;
    if (!SunsetDaysFromToday(old_node, &old_left, &old_date)) return;
    if (old_left > left && left < days) {
      Emit(changed_rule, new_node.Child("x-sunset"), Side::kCurrent, subject,
           "x-sunset of the deprecated " + what + " moved earlier from " + old_date + " to " +
               date + ", fewer than the deprecation policy's " + policy + " from today (UTC)",
           old_date, date);
    }
  }

  void Sunset(const std::string& label, const ApiNode& old_op, const ApiNode& new_op) {
    if (!Flag(new_op, "deprecated")) return;
    Policy(PolicyDays(new_op), "api-", "api-sunset-date-changed-too-small", old_op, new_op, label,
           label);
    if (!Flag(old_op, "deprecated") && SunsetUnreadable(new_op)) {
      Emit("api-deprecated-sunset-parse", new_op.Child("x-sunset"), Side::kCurrent, label,
           label + " deprecated with an x-sunset that is not a YYYY-MM-DD date");
    }
    if (old_op.Child("x-sunset") && !new_op.Child("x-sunset")) {
      Emit("sunset-deleted", new_op, Side::kCurrent, label,
           "x-sunset removed from the deprecated " + label +
               ": clients lose the date until which it works");
    }
  }

  void Stability(const std::string& label, const ApiNode& old_op, const ApiNode& new_op) {
    ApiNode level = new_op.Child("x-stability-level");
    ApiNode old_level = old_op.Child("x-stability-level");
    if (!level) return;
    int before = StabilityRank(old_op), after = StabilityRank(new_op);
    std::string text =
        level.value->is_string() ? level.value->get<std::string>() : level.value->dump();
    if (after < 0) {
      if (old_level && *old_level.value == *level.value) return;
      Emit("api-invalid-stability-level", level, Side::kCurrent, label,
           "x-stability-level of " + label + " is \"" + text +
               "\", not one of draft, alpha, beta, stable");
      return;
    }
    if (before > after) {
      std::string old_text = old_level.value->get<std::string>();
      Emit("api-stability-decreased", level, Side::kCurrent, label,
           "x-stability-level of " + label + " decreased from " + old_text + " to " + text +
               ": clients relying on its stability may break",
           old_text, text);
    }
  }

  struct Operation {
    std::string label;
    std::string old_path, new_path;
  };

  struct Param {
    ApiNode node;  // dereferenced
    std::string label;
    bool path_level = false;  // declared by the path item, not overridden by the operation
  };

  std::map<std::string, Param> Params(ApiSide& side, const std::string& path, const ApiNode& item,
                                      const ApiNode& op) {
    std::vector<std::string> names;
    NormalisePathTemplate(path, &names);
    std::map<std::string, Param> params;
    for (const ApiNode& owner : {item, op}) {
      ApiNode list = owner.Child("parameters");
      if (!list || !list.value->is_array()) continue;
      for (size_t i = 0; i < list.value->size(); ++i) {
        ApiNode param = side.Deref(list.Child(i));
        if (!param || !param.value->is_object()) continue;
        std::string in = param.value->value("in", "");
        std::string name = param.value->value("name", "");
        std::string key = in + ":" + (in == "header" ? Lower(name) : name);
        if (in == "path") {
          for (size_t p = 0; p < names.size(); ++p)
            if (names[p] == name) key = "path#" + std::to_string(p);
        }
        params[key] = Param{param, in + " parameter \"" + name + "\"", owner.value == item.value};
      }
    }
    return params;
  }

  void Parameters(const Operation& op, const ApiNode& old_item, const ApiNode& old_op,
                  const ApiNode& new_item, const ApiNode& new_op) {
    auto old_params = Params(old_, op.old_path, old_item, old_op);
    auto new_params = Params(new_, op.new_path, new_item, new_op);
    for (const auto& [key, param] : new_params) {
      auto it = old_params.find(key);
      bool required = Flag(param.node, "required");
      std::string subject = op.label + " " + param.label;
      if (it == old_params.end()) {
        if (key.starts_with("path")) {
          Emit("new-request-path-parameter", param.node, Side::kCurrent, subject,
               "new " + param.label + " in " + op.label + ": requests of old clients lack it");
        } else if (required && param.path_level) {
          // oasdiff's "default" parameters: those of the path item, for every operation.
          Emit("new-required-request-default-parameter-to-existing-path", param.node,
               Side::kCurrent, subject,
               "new required " + param.label + " of the path " + op.new_path + " in " + op.label +
                   ": requests of old clients lack it");
        } else if (required) {
          Emit("new-required-request-parameter", param.node, Side::kCurrent, subject,
               "new required " + param.label + " in " + op.label +
                   ": requests of old clients lack it");
        } else if (param.path_level) {
          Emit("new-optional-request-default-parameter-to-existing-path", param.node,
               Side::kCurrent, subject,
               "new optional " + param.label + " of the path " + op.new_path + " in " + op.label);
        } else {
          Emit("new-optional-request-parameter", param.node, Side::kCurrent, subject,
               "new optional " + param.label + " in " + op.label);
        }
        continue;
      }
      const ApiNode& old_param = it->second.node;
      if (Flag(param.node, "deprecated")) {
        Policy(policy_days_, "request-parameter-",
               "request-parameter-sunset-date-changed-too-small", old_param, param.node, subject,
               param.label + " of " + op.label);
        if (!Flag(old_param, "deprecated") && SunsetUnreadable(param.node)) {
          Emit("request-parameter-sunset-parse", param.node.Child("x-sunset"), Side::kCurrent,
               subject,
               param.label + " of " + op.label +
                   " deprecated with an x-sunset that is not a YYYY-MM-DD date");
        }
        if (Flag(old_param, "deprecated") && old_param.Child("x-sunset") &&
            !param.node.Child("x-sunset")) {
          Emit("request-parameter-sunset-deleted", param.node, Side::kCurrent, subject,
               "x-sunset removed from the deprecated " + param.label + " of " + op.label +
                   ": clients lose the date until which it is accepted");
        }
      }
      bool was_required = Flag(old_param, "required");
      if (required && !was_required) {
        Emit("request-parameter-became-required", param.node.Child("required"), Side::kCurrent,
             subject, param.label + " of " + op.label + " became required", "optional", "required");
      } else if (!required && was_required) {
        ApiNode at = param.node.Child("required") ? param.node.Child("required") : param.node;
        Emit("request-parameter-became-optional", at, Side::kCurrent, subject,
             param.label + " of " + op.label + " became optional", "required", "optional");
      }
      ApiNode old_schema = old_.Deref(old_param.Child("schema"));
      ApiNode new_schema = new_.Deref(param.node.Child("schema"));
      if (old_schema && new_schema) {
        auto before = Types(old_schema), after = Types(new_schema);
        bool old_null = SplitNull(&before), new_null = SplitNull(&after);
        if (old_null != new_null) {
          Emit(new_null ? "request-parameter-became-nullable"
                        : "request-parameter-became-not-nullable",
               NullAt(new_schema), Side::kCurrent, subject,
               param.label + " of " + op.label +
                   (new_null ? " became nullable"
                             : " became not nullable: old clients may send null"),
               old_null ? "nullable" : "not nullable", new_null ? "nullable" : "not nullable");
        }
        if (before != after && !Accepts(after, before)) {
          ApiNode at = new_schema.Child("type") ? new_schema.Child("type") : new_schema;
          bool narrowed = Subset(after, before);
          Emit(narrowed ? "request-parameter-list-of-types-narrowed"
                        : "request-parameter-type-changed",
               at, Side::kCurrent, subject,
               param.label + " of " + op.label +
                   (narrowed ? " list of types narrowed from " : " type changed from ") +
                   TypeText(before) + " to " + TypeText(after) +
                   ": values old clients send may be rejected",
               TypeText(before), TypeText(after));
        }
        Constraints(old_schema, new_schema, true, "request-parameter", param.label, subject,
                    op.label);
        if (key.starts_with("header:")) HeaderProperties(op, param.label, old_schema, new_schema);
        ParamProperties(op, param.label, old_schema, new_schema);
      }
    }
    for (const auto& [key, param] : old_params) {
      if (new_params.count(key)) continue;
      std::string sunset;
      if (Flag(param.node, "deprecated") && SunsetInFuture(param.node, &sunset)) {
        Emit("request-parameter-removed-before-sunset", new_op, Side::kCurrent,
             op.label + " " + param.label,
             param.label + " removed from " + op.label + " before its sunset date " + sunset +
                 ": clients may send it until then");
        continue;
      }
      Emit("request-parameter-removed", new_op, Side::kCurrent, op.label + " " + param.label,
           param.label + " removed from " + op.label);
    }
  }

  // A header parameter whose schema is an object (serialised `k=v,k=v`):
  // its properties, judged BACKWARD like a request body's.
  void HeaderProperties(const Operation& op, const std::string& label, const ApiNode& old_schema,
                        const ApiNode& new_schema) {
    Shape old_shape, new_shape;
    Collect(old_, old_schema, &old_shape, 0);
    Collect(new_, new_schema, &new_shape, 0);
    for (const auto& [name, raw] : new_shape.properties) {
      std::string subject = op.label + " " + label + " " + name;
      std::string what = "property \"" + name + "\" of " + label + " in " + op.label;
      bool required = new_shape.required.count(name) > 0;
      auto it = old_shape.properties.find(name);
      if (it == old_shape.properties.end()) {
        if (required) {
          Emit("new-required-request-header-property", raw, Side::kCurrent, subject,
               "new required " + what + ": requests of old clients lack it");
        }
        continue;
      }
      if (required && !old_shape.required.count(name)) {
        Emit("request-header-property-became-required", raw, Side::kCurrent, subject,
             what + " became required: requests of old clients may lack it", "optional",
             "required");
      }
      ApiNode old_prop = old_.Deref(it->second), new_prop = new_.Deref(raw);
      ApiNode new_enum = new_prop.Child("enum");
      if (new_enum && new_enum.value->is_array() && !old_prop.Child("enum")) {
        Emit("request-header-property-became-enum", new_enum, Side::kCurrent, subject,
             what + " became an enum: values old clients send may be rejected");
      }
    }
  }

  // The properties of an object-valued parameter (a deepObject query, a header
  // serialised `k=v,k=v`) present on both sides, judged BACKWARD: null no longer
  // accepted, enum values removed, types narrowed.
  void ParamProperties(const Operation& op, const std::string& label, const ApiNode& old_schema,
                       const ApiNode& new_schema) {
    Shape old_shape, new_shape;
    Collect(old_, old_schema, &old_shape, 0);
    Collect(new_, new_schema, &new_shape, 0);
    for (const auto& [name, raw] : new_shape.properties) {
      auto it = old_shape.properties.find(name);
      if (it == old_shape.properties.end()) continue;
      ApiNode old_prop = old_.Deref(it->second), new_prop = new_.Deref(raw);
      if (!old_prop || !new_prop || !old_prop.value->is_object() || !new_prop.value->is_object())
        continue;
      std::string subject = op.label + " " + label + " " + name;
      std::string what = "property \"" + name + "\" of " + label + " in " + op.label;
      auto before = Types(old_prop), after = Types(new_prop);
      bool old_null = SplitNull(&before), new_null = SplitNull(&after);
      if (old_null && !new_null) {
        Emit("request-parameter-property-became-not-nullable", NullAt(new_prop), Side::kCurrent,
             subject, what + " became not nullable: old clients may send null", "nullable",
             "not nullable");
      }
      if (before != after && !Accepts(after, before)) {
        ApiNode at = new_prop.Child("type") ? new_prop.Child("type") : new_prop;
        std::string id = "request-parameter-property-type-changed", change = " type changed from ";
        if (Subset(after, before)) {
          id = "request-parameter-property-list-of-types-narrowed";
          change = " list of types narrowed from ";
        } else if (Accepts(before, after)) {  // number -> integer
          id = "request-parameter-property-type-specialized";
          change = " type specialized from ";
        }
        Emit(id, at, Side::kCurrent, subject,
             what + change + TypeText(before) + " to " + TypeText(after) +
                 ": values old clients send may be rejected",
             TypeText(before), TypeText(after));
      }
      ApiNode old_enum = old_prop.Child("enum"), new_enum = new_prop.Child("enum");
      if (old_enum && new_enum && old_enum.value->is_array() && new_enum.value->is_array()) {
        for (const auto& value : *old_enum.value) {
          if (std::find(new_enum.value->begin(), new_enum.value->end(), value) !=
              new_enum.value->end())
            continue;
          Emit("request-parameter-property-enum-value-removed", new_enum, Side::kCurrent, subject,
               what + ": enum value " + value.dump() +
                   " removed: values old clients send may be "
                   "rejected",
               value.dump(), "");
        }
      }
    }
  }

  void RequestBody(const Operation& op, const ApiNode& old_body, const ApiNode& new_body,
                   const ApiNode& new_op) {
    std::string subject = op.label + " request body";
    if (!old_body && !new_body) return;
    if (!old_body) {
      if (Flag(new_body, "required")) {
        Emit("request-body-added-required", new_body, Side::kCurrent, subject,
             "required request body added to " + op.label + ": requests of old clients lack it");
      } else {
        Emit("request-body-added-optional", new_body, Side::kCurrent, subject,
             "optional request body added to " + op.label);
      }
      return;
    }
    if (!new_body) {
      Emit("request-body-removed", new_op, Side::kCurrent, subject,
           "request body removed from " + op.label);
      return;
    }
    bool was_required = Flag(old_body, "required"), required = Flag(new_body, "required");
    if (required && !was_required) {
      Emit("request-body-became-required", new_body.Child("required"), Side::kCurrent, subject,
           "request body of " + op.label + " became required", "optional", "required");
    } else if (!required && was_required) {
      ApiNode at = new_body.Child("required") ? new_body.Child("required") : new_body;
      Emit("request-body-became-optional", at, Side::kCurrent, subject,
           "request body of " + op.label + " became optional", "required", "optional");
    }
    Content(op, subject, old_body.Child("content"), new_body.Child("content"), new_body, true);
  }

  void Responses(const Operation& op, const ApiNode& old_all, const ApiNode& new_all,
                 const ApiNode& new_op) {
    if (!old_all || !old_all.value->is_object()) return;
    ApiNode at = new_all ? new_all : new_op;
    for (auto it = old_all.value->begin(); it != old_all.value->end(); ++it) {
      const std::string& code = it.key();
      std::string subject = op.label + " response " + code;
      std::string paired = new_all && new_all.value->is_object()
                               ? PairedStatus(*new_all.value, code)
                               : std::string();
      ApiNode new_response = paired.empty() ? ApiNode{} : new_.Deref(new_all.Child(paired));
      if (!new_response) {
        if (IsSuccess(code)) {
          Emit(
              "response-success-status-removed", at, Side::kCurrent, subject,
              "success response " + code + " removed from " + op.label + ": old clients expect it");
        } else {
          Emit("response-non-success-status-removed", at, Side::kCurrent, subject,
               "response " + code + " removed from " + op.label);
        }
        continue;
      }
      ApiNode old_response = old_.Deref(old_all.Child(code));
      if (!old_response) continue;
      Headers(op, subject, old_response, new_response);
      Content(op, subject, old_response.Child("content"), new_response.Child("content"),
              new_response, false);
    }
    if (!new_all || !new_all.value->is_object()) return;
    for (auto it = new_all.value->begin(); it != new_all.value->end(); ++it) {
      if (!PairedStatus(*old_all.value, it.key()).empty()) continue;
      const std::string& code = it.key();
      Emit(IsSuccess(code) ? "response-success-status-added" : "response-non-success-status-added",
           new_all.Child(code), Side::kCurrent, op.label + " response " + code,
           "response " + code + " added to " + op.label);
    }
  }

  // Response headers by name (case-insensitive), judged FORWARD.
  void Headers(const Operation& op, const std::string& subject, const ApiNode& old_response,
               const ApiNode& new_response) {
    auto collect = [](ApiSide& side, const ApiNode& response) {
      std::map<std::string, std::pair<std::string, ApiNode>> out;
      ApiNode all = response.Child("headers");
      if (!all || !all.value->is_object()) return out;
      for (auto it = all.value->begin(); it != all.value->end(); ++it) {
        ApiNode header = side.Deref(all.Child(it.key()));
        if (header && header.value->is_object()) out[Lower(it.key())] = {it.key(), header};
      }
      return out;
    };
    auto old_headers = collect(old_, old_response);
    auto new_headers = collect(new_, new_response);
    ApiNode headers_at =
        new_response.Child("headers") ? new_response.Child("headers") : new_response;
    for (const auto& [key, entry] : old_headers) {
      const auto& [name, old_header] = entry;
      std::string sub = subject + " header " + name;
      auto it = new_headers.find(key);
      bool was_required = Flag(old_header, "required");
      if (it == new_headers.end()) {
        if (was_required) {
          Emit("required-response-header-removed", headers_at, Side::kCurrent, sub,
               "required response header " + name + " removed from the " +
                   subject.substr(op.label.size() + 1) + " of " + op.label +
                   ": old clients expect it");
        } else {
          Emit("optional-response-header-removed", headers_at, Side::kCurrent, sub,
               "optional response header " + name + " removed from the " +
                   subject.substr(op.label.size() + 1) + " of " + op.label);
        }
        continue;
      }
      const ApiNode& new_header = it->second.second;
      if (was_required && !Flag(new_header, "required")) {
        ApiNode at = new_header.Child("required") ? new_header.Child("required") : new_header;
        Emit("response-header-became-optional", at, Side::kCurrent, sub,
             "response header " + name + " of the " + subject.substr(op.label.size() + 1) + " of " +
                 op.label + " became optional: old clients expect it",
             "required", "optional");
      }
      ApiNode old_schema = old_.Deref(old_header.Child("schema"));
      ApiNode new_schema = new_.Deref(new_header.Child("schema"));
      if (!old_schema || !new_schema) continue;
      auto before = Types(old_schema), after = Types(new_schema);
      bool old_null = SplitNull(&before), new_null = SplitNull(&after);
      if (old_null != new_null) {
        Emit(new_null ? "response-header-became-nullable" : "response-header-became-not-nullable",
             NullAt(new_schema), Side::kCurrent, sub,
             "response header " + name + " of the " + subject.substr(op.label.size() + 1) + " of " +
                 op.label +
                 (new_null ? " became nullable: old clients may not expect null"
                           : " became not nullable"),
             old_null ? "nullable" : "not nullable", new_null ? "nullable" : "not nullable");
      }
      if (before != after && !Accepts(before, after)) {
        ApiNode at = new_schema.Child("type") ? new_schema.Child("type") : new_schema;
        bool generalized = Accepts(after, before);  // integer -> number, a type added
        Emit(generalized ? "response-header-type-generalized" : "response-header-type-changed", at,
             Side::kCurrent, sub,
             "response header " + name + " of the " + subject.substr(op.label.size() + 1) + " of " +
                 op.label + (generalized ? " type generalized from " : " type changed from ") +
                 TypeText(before) + " to " + TypeText(after) +
                 ": old clients may not read the new values",
             TypeText(before), TypeText(after));
      }
    }
    for (const auto& [key, entry] : new_headers) {
      if (old_headers.count(key)) continue;
      Emit("response-header-added", entry.second, Side::kCurrent,
           subject + " header " + entry.first,
           "response header " + entry.first + " added to the " +
               subject.substr(op.label.size() + 1) + " of " + op.label);
    }
  }

  // A media range (`application/*`, `*/*`) covers a name (`application/json`).
  static bool Covers(const std::string& range, const std::string& name) {
    std::string bare = Lower(name.substr(0, name.find(';')));
    std::string r = Lower(range.substr(0, range.find(';')));
    if (r == "*/*") return bare != r;
    return r.size() > 2 && r.ends_with("/*") && bare != r &&
           bare.starts_with(r.substr(0, r.size() - 1));
  }
  // The new media range, absent before, that takes the place of the removed `media`.
  static std::string Generalizing(const ApiNode& old_content, const ApiNode& new_content,
                                  const std::string& media) {
    if (!new_content || !new_content.value->is_object()) return "";
    for (auto it = new_content.value->begin(); it != new_content.value->end(); ++it) {
      if (old_content.value->contains(it.key())) continue;
      if (Covers(it.key(), media)) return it.key();
    }
    return "";
  }
  // True when the new media range `range` generalizes a removed old media type.
  static bool Generalizes(const ApiNode& old_content, const ApiNode& new_content,
                          const std::string& range) {
    if (!old_content || !old_content.value->is_object()) return false;
    for (auto it = old_content.value->begin(); it != old_content.value->end(); ++it) {
      if (new_content.value->contains(it.key())) continue;
      if (Generalizing(old_content, new_content, it.key()) == range) return true;
    }
    return false;
  }

  void Content(const Operation& op, const std::string& subject, const ApiNode& old_content,
               const ApiNode& new_content, const ApiNode& new_owner, bool request) {
    std::string side = request ? "request" : "response";
    ApiNode at = new_content ? new_content : new_owner;
    if (old_content && old_content.value->is_object()) {
      for (auto it = old_content.value->begin(); it != old_content.value->end(); ++it) {
        const std::string& media = it.key();
        ApiNode new_media = new_content.Child(media);
        std::string general = request ? "" : Generalizing(old_content, new_content, media);
        if (!new_media && !general.empty()) {
          Emit("response-media-type-name-generalized", new_content.Child(general), Side::kCurrent,
               subject + " " + media,
               "media type " + media + " of the " + subject.substr(op.label.size() + 1) + " of " +
                   op.label + " generalized to " + general +
                   ": old clients may receive content they cannot read",
               media, general);
          continue;
        }
        bool specialized = false;  // `application/*` narrowed to a name it covers
        if (!new_media && !request && new_content && new_content.value->is_object()) {
          for (auto n = new_content.value->begin(); n != new_content.value->end(); ++n)
            specialized |= !old_content.value->contains(n.key()) && Covers(media, n.key());
        }
        if (!new_media && specialized) continue;
        if (!new_media) {
          Emit(request ? "request-body-media-type-removed" : "response-media-type-removed", at,
               Side::kCurrent, subject + " " + media,
               "media type " + media + " removed from the " + subject.substr(op.label.size() + 1) +
                   " of " + op.label);
          continue;
        }
        where_ = subject + " " + media;
        active_.clear();
        size_t first = out_->size();
        ApiNode old_schema = old_content.Child(media).Child("schema");
        ApiNode new_schema = new_media.Child("schema");
        if (request && !old_schema && new_schema) {
          Emit("request-body-media-type-schema-added", new_schema, Side::kCurrent,
               subject + " " + media,
               "schema added to media type " + media + " of the " +
                   subject.substr(op.label.size() + 1) + " of " + op.label +
                   ": requests old clients send may not match it");
        } else if (!request && old_schema && !new_schema) {
          Emit("response-body-media-type-schema-removed", new_media, Side::kCurrent,
               subject + " " + media,
               "schema removed from media type " + media + " of the " +
                   subject.substr(op.label.size() + 1) + " of " + op.label +
                   ": old clients no longer know what it carries");
        }
        wrapped_ = false;
        Schema(old_.Deref(old_schema), new_.Deref(new_schema), request, "", 0);
        if (!wrapped_) Engine(old_schema, new_schema, request, first);
      }
    }
    if (new_content && new_content.value->is_object()) {
      for (auto it = new_content.value->begin(); it != new_content.value->end(); ++it) {
        if (old_content && old_content.value->is_object() && old_content.value->contains(it.key()))
          continue;
        if (!request && Generalizes(old_content, new_content, it.key()))
          continue;  // reported above
        Emit(request ? "request-body-media-type-added" : "response-media-type-added",
             new_content.Child(it.key()), Side::kCurrent, subject + " " + it.key(),
             "media type " + it.key() + " added to the " + subject.substr(op.label.size() + 1) +
                 " of " + op.label);
      }
    }
  }

  // The node `pointer` (inside the inlined schema) stands for, following
  // $refs as InlineSchema() did: the deepest one that exists.
  ApiNode Walk(ApiNode node, const std::string& pointer) {
    for (const std::string& token : PointerTokens(pointer)) {
      ApiNode target = new_.Deref(node);
      if (!target) return node;
      ApiNode next = target.Child(token);
      if (!next && target.value->is_array() && !token.empty() &&
          token.find_first_not_of("0123456789") == std::string::npos) {
        next = target.Child(static_cast<size_t>(std::stoul(token)));
      }
      if (!next) return target;
      node = next;
    }
    return node;
  }

  // Keywords whose changes the walk reports (Constraints, Keywords): `const` (the
  // engine reads it as a one-value enum) and the 2020-12 subschema keywords.
  static bool IsWalkKeyword(const std::string& token) {
    return token == "const" || token == "if" || token == "then" || token == "else" ||
           token == "contains" || token == "propertyNames" || token == "unevaluatedItems" ||
           token == "unevaluatedProperties" || token == "contentSchema" || token == "prefixItems" ||
           token == "patternProperties" || token == "dependentSchemas" ||
           token == "dependentRequired";
  }

  // Maps an engine change to oasdiff's id for it ("" when oasdiff has none, or
  // the walk above owns it); `path` gets the property path ("" = the body).
  static std::string OasId(const Change& change, bool request, std::string* path) {
    std::vector<std::string> tokens =
        PointerTokens(change.subject.empty() ? change.location : change.subject);
    std::string rule = change.rule;
    bool combinator =
        rule.starts_with("ONE_OF_") || rule.starts_with("ANY_OF_") || rule.starts_with("ALL_OF_");
    // A branch's subject is the branch ("/oneOf/1"): the change is its parent's.
    if (combinator) {
      if (!tokens.empty() && tokens.back().find_first_not_of("0123456789") == std::string::npos)
        tokens.pop_back();
      if (!tokens.empty() &&
          (tokens.back() == "oneOf" || tokens.back() == "anyOf" || tokens.back() == "allOf"))
        tokens.pop_back();
    }
    bool property = false;
    path->clear();
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::string part;
      if (tokens[i] == "properties" && i + 1 < tokens.size()) {
        part = tokens[++i];
        property = true;
      } else if (tokens[i] == "items") {
        part = "items";
      } else if (tokens[i] == "allOf" && i + 1 < tokens.size()) {
        ++i;  // allOf branches are merged, as the walk merges them
        continue;
      } else if ((tokens[i] == "oneOf" || tokens[i] == "anyOf") && i + 1 < tokens.size()) {
        part = tokens[i] + "[" + tokens[i + 1] + "]";
        ++i;
      } else if (rule.starts_with("TYPE_") && tokens[i] == "type" && i + 1 == tokens.size()) {
        continue;
      } else if (rule.starts_with("ENUM_") && tokens[i] == "enum") {
        break;
      } else {
        part = tokens[i];
      }
      *path += (path->empty() ? "" : "/") + part;
    }
    std::string prefix =
        std::string(request ? "request" : "response") + (property ? "-property" : "-body");
    auto suffix = [&](std::string_view engine_rule) -> std::string {
      if (engine_rule.ends_with("_NO_ADD")) return "added";
      if (engine_rule.ends_with("_NO_DELETE")) return "removed";
      return "";
    };
    if (rule.starts_with("ONE_OF_")) return prefix + "-one-of-" + suffix(rule);
    if (rule.starts_with("ANY_OF_")) return prefix + "-any-of-" + suffix(rule);
    if (rule == "ALL_OF_BRANCH_NO_ADD" || rule == "ALL_OF_BRANCH_NO_DELETE")
      return prefix + "-all-of-" + suffix(rule);
    if (rule.starts_with("TYPE_")) {
      if (TypesOf(change.before) == TypesOf(change.after)) return "";  // nullability: the walk's
      return prefix + "-type-changed";
    }
    if (rule == "ENUM_VALUE_NO_DELETE") return prefix + "-enum-value-removed";
    if (rule == "ENUM_VALUE_NO_ADD") return prefix + "-enum-value-added";
    if (rule == "ENUM_NO_ADD") return prefix + "-became-enum";
    if (rule == "PROPERTY_NO_ADD" && request) return "new-optional-request-property";
    return "";
  }

  // Judges a body schema pair with the JSON Schema engine in the exchange's
  // direction (request: BACKWARD, response: FORWARD). What the walk above
  // already reported under the same id and subject is not repeated; an ERR id
  // fires only when the engine finds the change incompatible in that
  // direction. In the strict content model an optional property added to a
  // request is breaking: the walk's `new-optional-request-property` is marked
  // so (direction narrowing) and the policy makes it an error.
  void Engine(const ApiNode& old_node, const ApiNode& new_node, bool request, size_t first) {
    std::set<const nlohmann::json*> active;
    nlohmann::json before = InlineSchema(old_, old_node, request, &active, 0);
    active.clear();
    nlohmann::json after = InlineSchema(new_, new_node, request, &active, 0);
    if (before == after || before.is_null() || after.is_null()) return;
    std::vector<Change> changes;
    if (!CompareInlinedSchemas(before, after, lenient_, &changes)) return;
    std::map<std::pair<std::string, std::string>, size_t> seen;
    for (size_t i = first; i < out_->size(); ++i) {
      const Finding& f = (*out_)[i];
      seen.emplace(std::pair{f.rule, f.subject.substr(f.subject.find('#') + 1)}, i);
    }
    std::string side = request ? "request" : "response";
    // Inside oneOf/anyOf branches, which the walk does not enter, property and
    // required changes are mapped too (a required change names its property).
    auto in_branch = [](const std::string& p) {
      return p.find("oneOf[") != std::string::npos || p.find("anyOf[") != std::string::npos;
    };
    auto named = [](const std::string& parent, const std::string& compact) {
      nlohmann::json name = nlohmann::json::parse(compact, nullptr, false);
      if (!name.is_string()) return std::string();
      return parent.empty() ? name.get<std::string>() : parent + "/" + name.get<std::string>();
    };
    std::set<std::string> added, removed, now_required, no_longer_required;
    for (const Change& change : changes) {
      std::string p;
      OasId(change, request, &p);
      if (change.rule == "PROPERTY_NO_ADD") added.insert(p);
      if (change.rule == "PROPERTY_NO_DELETE") removed.insert(p);
      if (change.rule == "REQUIRED_NO_ADD") now_required.insert(named(p, change.after));
      if (change.rule == "REQUIRED_NO_DELETE") no_longer_required.insert(named(p, change.before));
    }
    // `const` (which the engine reads as a one-value enum) and a 2020-12 subschema
    // keyword added or removed are the walk's (Constraints, Keywords).
    auto walks_at = [&](const std::string& where) {
      std::vector<std::string> tokens = PointerTokens(where);
      std::string pointer;
      for (size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i] == "properties" && i + 1 < tokens.size()) {
          pointer += "/properties/" + EscapePointerToken(tokens[++i]);
          continue;
        }
        pointer += "/" + EscapePointerToken(tokens[i]);
        if (tokens[i] == "const") return true;
        if (!IsWalkKeyword(tokens[i])) continue;
        try {
          nlohmann::json::json_pointer at(pointer);
          return before.contains(at) != after.contains(at);
        } catch (const nlohmann::json::exception&) {
          return false;
        }
      }
      return false;
    };
    auto walks = [&](const Change& change) {
      return walks_at(change.location) || (!change.subject.empty() && walks_at(change.subject));
    };
    for (const Change& change : changes) {
      if (walks(change)) continue;
      std::string prop;
      std::string id = OasId(change, request, &prop);
      const std::string& rule = change.rule;
      bool branch_property = false;
      if (rule == "PROPERTY_NO_ADD" || rule == "PROPERTY_NO_DELETE" || rule == "REQUIRED_NO_ADD" ||
          rule == "REQUIRED_NO_DELETE") {
        if (rule == "REQUIRED_NO_ADD") prop = named(prop, change.after);
        if (rule == "REQUIRED_NO_DELETE") prop = named(prop, change.before);
        branch_property = in_branch(prop);
        if (!branch_property && id != "new-optional-request-property") continue;  // the walk's
        if (branch_property) {
          bool required = now_required.count(prop) > 0;
          if (rule == "PROPERTY_NO_ADD") {
            id = request ? (required ? "new-required-request-property"
                                     : "new-optional-request-property")
                         : (required ? "response-required-property-added"
                                     : "response-optional-property-added");
          } else if (rule == "PROPERTY_NO_DELETE") {
            // Lenient: the engine reports only required properties removed.
            bool was_required = no_longer_required.count(prop) > 0 || lenient_;
            id = request        ? "request-property-removed"
                 : was_required ? "response-required-property-removed"
                                : "response-optional-property-removed";
          } else if (rule == "REQUIRED_NO_ADD") {
            if (added.count(prop)) continue;  // a new required property: reported as added
            id = request ? "request-property-became-required" : "response-property-became-required";
          } else {
            if (removed.count(prop)) continue;  // removed with the property
            id = request ? "request-property-became-optional" : "response-property-became-optional";
          }
        }
      }
      if (id.empty() || !Known(id)) continue;
      bool breaks = change.direction == Direction::kBoth ||
                    (request ? change.direction == Direction::kNarrowing
                             : change.direction == Direction::kWidening);
      std::string subject = where_ + (prop.empty() ? "" : " " + prop);
      auto it = seen.find({id, subject});
      if (id == "new-optional-request-property" && !branch_property) {
        // Strict content model only (lenient reports no optional addition).
        if (breaks && it != seen.end()) {
          Finding& f = (*out_)[it->second];
          f.direction = Direction::kNarrowing;
          f.message += ": the strict content model rejects a property old requests may carry";
        }
        continue;
      }
      if (it != seen.end()) continue;
      if (id.ends_with("-type-changed")) {
        // The walk may have reported the same type change under a finer id.
        std::string stem = id.substr(0, id.size() - std::string("type-changed").size());
        bool finer = false;
        for (const char* alt :
             {"list-of-types-narrowed", "list-of-types-widened", "type-generalized"})
          finer |= seen.count({stem + alt, subject}) > 0;
        if (finer) continue;
      }
      if (LevelOf(id) == Severity::kError && !breaks) continue;
      std::string what = prop.empty() ? where_ : side + " property \"" + prop + "\" in " + where_;
      std::string consequence = !breaks   ? ""
                                : request ? ": requests old clients send may be rejected"
                                          : ": old clients may not understand the new responses";
      Emit(id, Walk(new_node, change.location), Side::kCurrent, subject,
           what + ": " + change.text + consequence +
               (request ? " (request: judged BACKWARD)" : " (response: judged FORWARD)"),
           change.before, change.after);
      // Strict content model: the policy makes this INFO id an error.
      if (id == "new-optional-request-property" && breaks)
        out_->back().direction = Direction::kNarrowing;
      seen.emplace(std::pair{id, subject}, out_->size() - 1);
    }
  }

  // The JSON Schema 2020-12 keywords oasdiff checks by presence (if/then/else,
  // contains, propertyNames, unevaluated*, contentSchema, prefixItems), by
  // value (contentEncoding, contentMediaType) and by entry (patternProperties,
  // dependentRequired, dependentSchemas). Adding one narrows what is valid (an
  // error in a request), removing one widens it (an error in a response); a
  // `true` or `{}` subschema constrains nothing and does not count.
  // The strings of an array value as a set (dependentRequired lists are unordered).
  static std::set<std::string> Names(const nlohmann::json& list) {
    std::set<std::string> out;
    if (list.is_array()) {
      for (const auto& name : list)
        if (name.is_string()) out.insert(name.get<std::string>());
    }
    return out;
  }

  template <typename EmitFn>
  static void Keywords(const ApiNode& o, const ApiNode& n, bool request, const std::string& prefix,
                       EmitFn& emit) {
    auto constrains = [](const ApiNode& node) {
      return node && !(node.value->is_boolean() && node.value->get<bool>()) &&
             !(node.value->is_object() && node.value->empty());
    };
    static constexpr std::pair<const char*, const char*> kPresence[] = {
        {"if", "if"},
        {"then", "then"},
        {"else", "else"},
        {"contains", "contains"},
        {"propertyNames", "property-names"},
        {"unevaluatedItems", "unevaluated-items"},
        {"unevaluatedProperties", "unevaluated-properties"},
        {"contentSchema", "content-schema"},
        {"prefixItems", "prefix-items"},
    };
    for (const auto& [key, stem] : kPresence) {
      ApiNode before = o.Child(key), after = n.Child(key);
      bool had = constrains(before), has = constrains(after);
      // prefixItems reshapes positions: neither side contains the other.
      bool both = std::string_view(key) == "prefixItems";
      if (!had && has) {
        emit(prefix + "-" + stem + "-added", after, std::string(key) + " added", request || both);
      } else if (had && !has) {
        emit(prefix + "-" + stem + "-removed", after ? after : n, std::string(key) + " removed",
             !request || both);
      }
    }
    for (const auto& [key, stem] : {std::pair{"contentEncoding", "content-encoding"},
                                    std::pair{"contentMediaType", "content-media-type"}}) {
      ApiNode before = o.Child(key), after = n.Child(key);
      if (!before || !after || *before.value == *after.value) continue;
      emit(
          prefix + "-" + stem + "-changed", after,
          std::string(key) + " changed from " + before.value->dump() + " to " + after.value->dump(),
          true, before.value->dump(), after.value->dump());
    }
    // Entries by name: a new pattern, dependency or dependent schema narrows.
    for (const auto& [key, stem] : {std::pair{"patternProperties", "pattern-property"},
                                    std::pair{"dependentRequired", "dependent-required"},
                                    std::pair{"dependentSchemas", "dependent-schema"}}) {
      ApiNode before = o.Child(key), after = n.Child(key);
      bool had = before && before.value->is_object(), has = after && after.value->is_object();
      if (has) {
        for (auto it = after.value->begin(); it != after.value->end(); ++it) {
          std::string name = it.key();
          if (!had || !before.value->contains(name)) {
            emit(prefix + "-" + stem + "-added", after.Child(name),
                 std::string(key) + " entry \"" + name + "\" added", request, "", name);
          } else if (std::string_view(key) == "dependentRequired" &&
                     Names((*before.value)[name]) != Names(*it)) {
            emit(prefix + "-" + stem + "-changed", after.Child(name),
                 std::string(key) + " entry \"" + name + "\" changed from " +
                     (*before.value)[name].dump() + " to " + it->dump(),
                 true, (*before.value)[name].dump(), it->dump());
          }
        }
      }
      if (had) {
        for (auto it = before.value->begin(); it != before.value->end(); ++it) {
          if (has && after.value->contains(it.key())) continue;
          emit(prefix + "-" + stem + "-removed", has ? after : n,
               std::string(key) + " entry \"" + it.key() + "\" removed", !request, it.key(), "");
        }
      }
    }
  }

  // enum, bounds and pattern of one schema pair. `prefix` is the id's start
  // ("request-property", "response-body", "request-parameter", ...): a composed id
  // fires only where oasdiff's catalog has it. `where` ends the message.
  void Constraints(const ApiNode& o, const ApiNode& n, bool request, const std::string& prefix,
                   const std::string& what, const std::string& subject, const std::string& where) {
    const std::string rejects = request ? ": values old clients send may be rejected"
                                        : ": old clients may not expect the new values";
    auto emit = [&](const std::string& id, const ApiNode& at, const std::string& message,
                    bool breaks, std::string before = "", std::string after = "") {
      if (!Known(id)) return false;
      // A read-only property is not sent by clients, a write-only one not by servers.
      if (prefix.find("-only-") != std::string::npos) breaks = false;
      Emit(id, at, Side::kCurrent, subject,
           what + " " + message + " in " + where + (breaks ? rejects : ""), std::move(before),
           std::move(after));
      return true;
    };
    // enum
    ApiNode old_enum = o.Child("enum"), new_enum = n.Child("enum");
    bool had_enum = old_enum && old_enum.value->is_array();
    bool has_enum = new_enum && new_enum.value->is_array();
    if (!had_enum && has_enum) {
      emit(prefix + "-became-enum", new_enum, "became an enum", request);
    } else if (had_enum && has_enum) {
      for (const auto& value : *old_enum.value) {
        if (std::find(new_enum.value->begin(), new_enum.value->end(), value) !=
            new_enum.value->end())
          continue;
        emit(prefix + "-enum-value-removed", new_enum, "enum value " + value.dump() + " removed",
             request, value.dump(), "");
      }
      for (size_t i = 0; i < new_enum.value->size(); ++i) {
        const auto& value = (*new_enum.value)[i];
        if (std::find(old_enum.value->begin(), old_enum.value->end(), value) !=
            old_enum.value->end())
          continue;
        emit(prefix + "-enum-value-added", new_enum.Child(i),
             "enum value " + value.dump() + " added", !request, "", value.dump());
      }
    }
    // x-extensible-enum: clients may send only the listed values, servers may add more
    ApiNode old_ext = o.Child("x-extensible-enum"), new_ext = n.Child("x-extensible-enum");
    if (old_ext && new_ext && old_ext.value->is_array() && new_ext.value->is_array()) {
      for (const auto& value : *old_ext.value) {
        if (std::find(new_ext.value->begin(), new_ext.value->end(), value) != new_ext.value->end())
          continue;
        emit(prefix + "-x-extensible-enum-value-removed", new_ext,
             "x-extensible-enum value " + value.dump() + " removed", request, value.dump(), "");
      }
    }
    // default (parameters: the server's value for a request that omits it)
    ApiNode old_default = o.Child("default"), new_default = n.Child("default");
    const std::string kOmitted = " (requests that omit it now mean something else)";
    if (!old_default && new_default) {
      emit(prefix + "-default-value-added", new_default,
           "default value " + new_default.value->dump() + " added" + kOmitted, false, "",
           new_default.value->dump());
    } else if (old_default && new_default && *old_default.value != *new_default.value) {
      emit(prefix + "-default-value-changed", new_default,
           "default value changed from " + old_default.value->dump() + " to " +
               new_default.value->dump() + kOmitted,
           false, old_default.value->dump(), new_default.value->dump());
    } else if (old_default && !new_default) {
      emit(prefix + "-default-value-removed", n,
           "default value " + old_default.value->dump() + " removed" + kOmitted, false,
           old_default.value->dump(), "");
    }
    // const: one allowed value
    ApiNode old_const = o.Child("const"), new_const = n.Child("const");
    if (!old_const && new_const) {
      emit(prefix + "-const-added", new_const, "const " + new_const.value->dump() + " added",
           request, "", new_const.value->dump());
    } else if (old_const && new_const && *old_const.value != *new_const.value) {
      emit(prefix + "-const-changed", new_const,
           "const changed from " + old_const.value->dump() + " to " + new_const.value->dump(), true,
           old_const.value->dump(), new_const.value->dump());
    } else if (old_const && !new_const) {
      emit(prefix + "-const-removed", n, "const " + old_const.value->dump() + " removed", !request,
           old_const.value->dump(), "");
    }
    Keywords(o, n, request, prefix, emit);
    // bounds
    struct Bound {
      const char* key;
      const char* stem;
      bool upper;         // an upper bound: decreasing it narrows
      bool zero_default;  // absent means 0 (minLength, minItems)
    };
    static constexpr Bound kBounds[] = {
        {"maximum", "max", true, false},
        {"minimum", "min", false, false},
        {"exclusiveMaximum", "exclusive-max", true, false},
        {"exclusiveMinimum", "exclusive-min", false, false},
        {"maxLength", "max-length", true, false},
        {"minLength", "min-length", false, true},
        {"maxItems", "max-items", true, false},
        {"minItems", "min-items", false, true},
        {"maxContains", "max-contains", true, false},
        {"minContains", "min-contains", false, false},
    };
    for (const Bound& bound : kBounds) {
      ApiNode ob = o.Child(bound.key), nb = n.Child(bound.key);
      bool had = ob && ob.value->is_number(), has = nb && nb.value->is_number();
      if (!had && !has) continue;
      std::string stem = prefix + "-" + bound.stem;
      std::string key = bound.key;
      auto changed = [&](double before, double after, const std::string& before_text,
                         const std::string& after_text, const ApiNode& at) {
        if (before == after) return;
        bool increased = after > before;
        bool narrower = bound.upper ? !increased : increased;
        emit(stem + (increased ? "-increased" : "-decreased"), at,
             key + (increased ? " increased" : " decreased") + " from " + before_text + " to " +
                 after_text,
             request ? narrower : !narrower, before_text, after_text);
      };
      if (had && has) {
        changed(ob.value->get<double>(), nb.value->get<double>(), Number(*ob.value),
                Number(*nb.value), nb);
      } else if (has) {
        if (!emit(stem + "-set", nb, key + " set to " + Number(*nb.value), request, "",
                  Number(*nb.value)) &&
            bound.zero_default) {
          changed(0, nb.value->get<double>(), "0", Number(*nb.value), nb);
        }
      } else {
        if (!emit(stem + "-unset", n, key + " " + Number(*ob.value) + " removed", !request,
                  Number(*ob.value), "") &&
            bound.zero_default) {
          changed(ob.value->get<double>(), 0, Number(*ob.value), "0", n);
        }
      }
    }
    // pattern
    ApiNode old_pattern = o.Child("pattern"), new_pattern = n.Child("pattern");
    bool had_pattern = old_pattern && old_pattern.value->is_string();
    bool has_pattern = new_pattern && new_pattern.value->is_string();
    if (!had_pattern && has_pattern) {
      emit(prefix + "-pattern-added", new_pattern,
           "pattern " + new_pattern.value->get<std::string>() + " added", request, "",
           new_pattern.value->get<std::string>());
    } else if (had_pattern && has_pattern && *old_pattern.value != *new_pattern.value) {
      emit(prefix + "-pattern-changed", new_pattern,
           "pattern changed from " + old_pattern.value->get<std::string>() + " to " +
               new_pattern.value->get<std::string>(),
           request, old_pattern.value->get<std::string>(), new_pattern.value->get<std::string>());
    } else if (had_pattern && !has_pattern) {
      emit(prefix + "-pattern-removed", n,
           "pattern " + old_pattern.value->get<std::string>() + " removed", !request,
           old_pattern.value->get<std::string>(), "");
    }
  }

  static bool Branches(const ApiNode& schema) {
    return schema.Child("oneOf") || schema.Child("anyOf");
  }

  // oasdiff's wrapped-in-one-of: an object body whose properties moved into the
  // branches of a new oneOf, none of which keeps the old schema as it was.
  bool WrappedInOneOf(const ApiNode& old_schema, const ApiNode& new_schema, bool request) {
    ApiNode one_of = new_schema.Child("oneOf");
    if (!one_of || !one_of.value->is_array() || old_schema.Child("oneOf") ||
        new_schema.Child("properties"))
      return false;
    Shape old_shape;
    Collect(old_, old_schema, &old_shape, 0);
    if (old_shape.properties.empty()) return false;
    std::set<const nlohmann::json*> active;
    nlohmann::json original = InlineSchema(old_, old_schema, request, &active, 0);
    bool moved = false;
    for (size_t i = 0; i < one_of.value->size(); ++i) {
      active.clear();
      if (InlineSchema(new_, one_of.Child(i), request, &active, 0) == original) return false;
      Shape branch;
      Collect(new_, new_.Deref(one_of.Child(i)), &branch, 0);
      for (const auto& [name, node] : branch.properties)
        moved |= old_shape.properties.count(name) > 0;
    }
    return moved;
  }

  void Collect(ApiSide& side, const ApiNode& schema, Shape* shape, int depth) {
    if (!schema || !schema.value->is_object() || depth > kMaxSchemaDepth) return;
    ApiNode props = schema.Child("properties");
    if (props && props.value->is_object()) {
      for (auto it = props.value->begin(); it != props.value->end(); ++it)
        shape->properties.emplace(it.key(), props.Child(it.key()));
    }
    ApiNode required = schema.Child("required");
    if (required && required.value->is_array()) {
      for (const auto& name : *required.value)
        if (name.is_string()) shape->required.insert(name.get<std::string>());
    }
    if (!shape->items) shape->items = schema.Child("items");
    ApiNode all_of = schema.Child("allOf");
    if (all_of && all_of.value->is_array()) {
      for (size_t i = 0; i < all_of.value->size(); ++i)
        Collect(side, side.Deref(all_of.Child(i)), shape, depth + 1);
    }
  }

  // Compares two body schemas (dereferenced); `prop` is the property path ("" = the body).
  void Schema(const ApiNode& old_schema, const ApiNode& new_schema, bool request,
              const std::string& prop, int depth, bool hidden_prop = false) {
    if (!old_schema || !new_schema || !old_schema.value->is_object() ||
        !new_schema.value->is_object() || depth > kMaxSchemaDepth) {
      return;
    }
    // Recursive schemas: a pair already under comparison is assumed unchanged.
    if (!active_.emplace(old_schema.value, new_schema.value).second) return;
    std::string side = request ? "request" : "response";
    std::string what = prop.empty() ? side + " body" : side + " property \"" + prop + "\"";
    std::string subject = where_ + (prop.empty() ? "" : " " + prop);
    if (prop.empty() && WrappedInOneOf(old_schema, new_schema, request)) {
      // Reported once for the body; what moved into the branches is not
      // reported as removed, and the engine's branch findings are left out.
      Emit(side + "-body-wrapped-in-one-of", new_schema.Child("oneOf"), Side::kCurrent, subject,
           what + " wrapped in a oneOf in " + where_ +
               (request ? ": a request old clients send may match none, or more than one, of "
                          "its alternatives"
                        : ": old clients may not read a response that matches only one of its "
                          "alternatives"));
      wrapped_ = true;
      return;
    }
    auto before = Types(old_schema), after = Types(new_schema);
    bool old_null = SplitNull(&before), new_null = SplitNull(&after);
    if (old_null != new_null) {
      // Request: null stops being accepted; response: null starts being sent.
      bool breaks = request ? old_null : new_null;
      std::string rule = side + (prop.empty() ? "-body-" : "-property-") +
                         (new_null ? "became-nullable" : "became-not-nullable");
      Emit(rule, NullAt(new_schema), Side::kCurrent, subject,
           what + (new_null ? " became nullable" : " became not nullable") + " in " + where_ +
               (!breaks   ? ""
                : request ? ": old clients may send null"
                          : ": old clients may not expect null"),
           old_null ? "nullable" : "not nullable", new_null ? "nullable" : "not nullable");
    }
    // A type written only in oneOf/anyOf branches is judged by the engine.
    bool branched =
        (before.empty() && Branches(old_schema)) || (after.empty() && Branches(new_schema));
    if (before != after && !branched &&
        !(request ? Accepts(after, before) : Accepts(before, after))) {
      ApiNode at = new_schema.Child("type") ? new_schema.Child("type") : new_schema;
      std::string stem = side + (prop.empty() ? "-body-" : "-property-");
      // oasdiff's finer ids: a type list that lost members (request) or gained
      // members (response), and a response type generalized (integer -> number).
      std::string id = stem + "type-changed", change = " type changed from ";
      if (request && Subset(after, before)) {
        id = stem + "list-of-types-narrowed", change = " list of types narrowed from ";
      } else if (!request && Subset(before, after)) {
        id = stem + "list-of-types-widened", change = " list of types widened from ";
      } else if (!request && Accepts(after, before)) {
        id = stem + "type-generalized", change = " type generalized from ";
      }
      Emit(id, at, Side::kCurrent, subject,
           what + change + TypeText(before) + " to " + TypeText(after) + " in " + where_ +
               (request ? ": values old clients send may be rejected"
                        : ": old clients may not read the new values"),
           TypeText(before), TypeText(after));
    }
    std::string prefix =
        hidden_prop ? (request ? "request-read-only-property" : "response-write-only-property")
                    : side + (prop.empty() ? "-body" : "-property");
    Constraints(old_schema, new_schema, request, prefix, what, subject, where_);
    Shape old_shape, new_shape;
    Collect(old_, old_schema, &old_shape, 0);
    Collect(new_, new_schema, &new_shape, 0);
    const char* hidden = request ? "readOnly" : "writeOnly";  // not part of this exchange
    for (const auto& [name, new_prop_raw] : new_shape.properties) {
      ApiNode new_prop = new_.Deref(new_prop_raw);
      std::string path = prop.empty() ? name : prop + "/" + name;
      std::string sub = where_ + " " + path;
      bool required = new_shape.required.count(name) > 0;
      auto it = old_shape.properties.find(name);
      if (it == old_shape.properties.end()) {
        if (Flag(new_prop, hidden)) continue;
        if (request) {
          // A required property with a default: whether an old request that lacks it
          // is still accepted depends on the server (oasdiff's own id for it).
          bool with_default = required && new_prop.Child("default");
          Emit(with_default ? "new-required-request-property-with-default"
               : required   ? "new-required-request-property"
                            : "new-optional-request-property",
               new_prop_raw, Side::kCurrent, sub,
               std::string(required ? "new required" : "new optional") + " request property \"" +
                   path + "\"" + (with_default ? " (with a default value)" : "") + " in " + where_ +
                   (required ? ": requests of old clients lack it" : ""));
        } else {
          Emit(required ? "response-required-property-added" : "response-optional-property-added",
               new_prop_raw, Side::kCurrent, sub,
               std::string(required ? "required" : "optional") + " response property \"" + path +
                   "\" added in " + where_);
        }
        continue;
      }
      ApiNode old_prop = old_.Deref(it->second);
      bool was_required = old_shape.required.count(name) > 0;
      if (!Flag(new_prop, hidden) && !Flag(old_prop, hidden)) {
        if (required && !was_required) {
          bool with_default = request && new_prop.Child("default");
          Emit(with_default ? "request-property-became-required-with-default"
               : request    ? "request-property-became-required"
                            : "response-property-became-required",
               new_prop_raw, Side::kCurrent, sub,
               side + " property \"" + path + "\"" +
                   (with_default ? " (with a default value)" : "") + " became required in " +
                   where_ + (request ? ": requests of old clients may lack it" : ""),
               "optional", "required");
        } else if (!required && was_required) {
          Emit(request ? "request-property-became-optional" : "response-property-became-optional",
               new_prop_raw, Side::kCurrent, sub,
               side + " property \"" + path + "\" became optional in " + where_ +
                   (request ? "" : ": old clients may rely on it"),
               "required", "optional");
        }
      }
      int old_rank = StabilityRank(old_prop), new_rank = StabilityRank(new_prop);
      if (new_rank >= 0 && old_rank > new_rank) {
        ApiNode level = new_prop.Child("x-stability-level");
        std::string was = old_prop.value->value("x-stability-level", ""),
                    now = level.value->get<std::string>();
        Emit(side + "-property-stability-decreased", level, Side::kCurrent, sub,
             "x-stability-level of " + side + " property \"" + path + "\" in " + where_ +
                 " decreased from " + was + " to " + now +
                 ": clients relying on its stability may break",
             was, now);
      }
      if (!Flag(old_prop, "deprecated")) {
        Policy(policy_days_, side + "-property-", "", old_prop, new_prop, sub,
               side + " property \"" + path + "\" in " + where_);
      }
      if (Flag(new_prop, "deprecated") && !Flag(old_prop, "deprecated") &&
          SunsetUnreadable(new_prop)) {
        Emit(side + "-property-deprecated-sunset-invalid", new_prop.Child("x-sunset"),
             Side::kCurrent, sub,
             side + " property \"" + path + "\" in " + where_ +
                 " deprecated with an x-sunset that is not a YYYY-MM-DD date");
      }
      if (!request && required && Flag(old_prop, "writeOnly") && !Flag(new_prop, "writeOnly")) {
        ApiNode at = new_prop.Child("writeOnly") ? new_prop.Child("writeOnly") : new_prop_raw;
        Emit("response-required-property-became-not-write-only", at, Side::kCurrent, sub,
             "required response property \"" + path + "\" is no longer write-only in " + where_ +
                 ": old clients never received it",
             "write-only", "not write-only");
      }
      Schema(old_prop, new_prop, request, path, depth + 1,
             hidden_prop || Flag(new_prop, hidden) || Flag(old_prop, hidden));
    }
    // Properties that moved into oneOf/anyOf branches are not removed: the engine
    // judges the branches.
    std::set<std::string> in_branches;
    for (const char* keyword : {"oneOf", "anyOf"}) {
      ApiNode list = new_schema.Child(keyword);
      if (!list || !list.value->is_array()) continue;
      for (size_t i = 0; i < list.value->size(); ++i) {
        Shape branch;
        Collect(new_, new_.Deref(list.Child(i)), &branch, 0);
        for (const auto& [name, node] : branch.properties) in_branches.insert(name);
      }
    }
    for (const auto& [name, old_prop_raw] : old_shape.properties) {
      if (new_shape.properties.count(name) || in_branches.count(name)) continue;
      ApiNode old_prop = old_.Deref(old_prop_raw);
      if (Flag(old_prop, hidden)) continue;
      std::string path = prop.empty() ? name : prop + "/" + name;
      ApiNode props = new_schema.Child("properties");
      ApiNode at = props ? props : new_schema;
      if (request) {
        Emit("request-property-removed", at, Side::kCurrent, where_ + " " + path,
             "request property \"" + path + "\" removed from " + where_);
      } else if (old_shape.required.count(name)) {
        Emit("response-required-property-removed", at, Side::kCurrent, where_ + " " + path,
             "required response property \"" + path + "\" removed from " + where_ +
                 ": old clients expect it");
      } else {
        Emit("response-optional-property-removed", at, Side::kCurrent, where_ + " " + path,
             "optional response property \"" + path + "\" removed from " + where_);
      }
    }
    if (old_shape.items && new_shape.items) {
      Schema(old_.Deref(old_shape.items), new_.Deref(new_shape.items), request,
             prop.empty() ? "items" : prop + "/items", depth + 1, hidden_prop);
    }
  }

  ApiSide& old_;
  ApiSide& new_;
  std::vector<Finding>* out_;
  std::string file_;
  bool lenient_;
  int beta_days_;        // breaking.openapi.deprecation_days.beta
  int stable_days_;      // breaking.openapi.deprecation_days.stable
  int policy_days_ = 0;  // PolicyDays() of the operation compared now
  std::string where_;    // "POST /orders request body application/json"
  std::set<std::pair<const nlohmann::json*, const nlohmann::json*>> active_;
  bool wrapped_ = false;  // the body compared last was wrapped in a oneOf
  // $ref target pairs (old, new) known to be equal or not, for Unchanged().
  std::map<std::pair<const nlohmann::json*, const nlohmann::json*>, bool> same_targets_;
};

}  // namespace

void CompareApiDocuments(ApiSide& old_side, const ApiDocument* old_doc, ApiSide& new_side,
                         const ApiDocument* new_doc, std::vector<Finding>* findings,
                         const OpenApiSettings& settings) {
  if (old_doc == nullptr) return;  // a new document: nothing to compare with
  Comparer comparer(old_side, new_side, findings, new_doc ? new_doc->path : old_doc->path,
                    settings);
  comparer.Documents(old_doc, new_doc);
}

}  // namespace contract_lint
