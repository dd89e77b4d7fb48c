#include "openapi/openapi_compare.h"

#include <map>
#include <set>
#include <string_view>

namespace contract_lint {
namespace {

constexpr const char* kMethods[] = {"get",     "put",  "post",  "delete",
                                    "options", "head", "patch", "trace"};
constexpr int kMaxSchemaDepth = 64;

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}
std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "/orders/{orderId}/items" -> "/orders/{}/items"; `names` gets the parameter names in order.
std::string NormalisePath(const std::string& path, std::vector<std::string>* names = nullptr) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    size_t close = path[i] == '{' ? path.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += path[i];
      continue;
    }
    if (names) names->push_back(path.substr(i + 1, close - i - 1));
    out += "{}";
    i = close;
  }
  return out;
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

// A schema's properties and required names, with allOf branches merged.
struct Shape {
  std::map<std::string, ApiNode> properties;
  std::set<std::string> required;
  ApiNode items;
};

class Comparer {
 public:
  Comparer(ApiSide& old_side, ApiSide& new_side, std::vector<Finding>* out, std::string file)
      : old_(old_side), new_(new_side), out_(out), file_(std::move(file)) {}

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
    for (const auto& [key, entry] : new_paths) {
      if (old_paths.count(key)) continue;
      for (const char* method : kMethods) {
        ApiNode op = entry.second.Child(method);
        if (op) EndpointAdded(Upper(method) + " " + entry.first, op);
      }
    }
  }

 private:
  void Emit(std::string_view rule, const ApiNode& at, Side side, std::string subject,
            std::string message, std::string before = "", std::string after = "") {
    Finding f;
    f.rule = std::string(rule);
    f.kind = ContractKind::kOpenApi;
    TextSpan span = at.doc->Find(at.pointer);
    f.location =
        Location{at.doc->path, span.line, span.column, span.end_line, span.end_column, side};
    f.subject = file_ + "#" + subject;
    f.message = std::move(message);
    f.before = std::move(before);
    f.after = std::move(after);
    out_->push_back(std::move(f));
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
        paths.emplace(NormalisePath(it.key()), std::pair{it.key(), item});
    }
    return paths;
  }

  void EndpointAdded(const std::string& label, const ApiNode& op) {
    Emit("endpoint-added", op, Side::kCurrent, label, "endpoint " + label + " added");
  }

  void PathRemoved(const std::string& path, const ApiNode& item) {
    for (const char* method : kMethods) {
      ApiNode op = item.Child(method);
      if (!op) continue;
      std::string label = Upper(method) + " " + path;
      if (Flag(old_.Deref(op), "deprecated")) {
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
    for (const char* method : kMethods) {
      ApiNode old_op = old_item.Child(method);
      ApiNode new_op = new_item.Child(method);
      std::string label = Upper(method) + " " + new_path;
      if (old_op && !new_op) {
        std::string old_label = Upper(method) + " " + old_path;
        if (Flag(old_op, "deprecated")) {
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
        Operation Op{label, old_path, new_path};
        Parameters(Op, old_item, old_op, new_item, new_op);
        RequestBody(Op, old_.Deref(old_op.Child("requestBody")),
                    new_.Deref(new_op.Child("requestBody")), new_op);
        Responses(Op, old_op.Child("responses"), new_op.Child("responses"), new_op);
      }
    }
  }

  struct Operation {
    std::string label;
    std::string old_path, new_path;
  };

  struct Param {
    ApiNode node;  // dereferenced
    std::string label;
  };

  std::map<std::string, Param> Params(ApiSide& side, const std::string& path, const ApiNode& item,
                                      const ApiNode& op) {
    std::vector<std::string> names;
    NormalisePath(path, &names);
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
        params[key] = Param{param, in + " parameter \"" + name + "\""};
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
        if (required) {
          Emit("new-required-request-parameter", param.node, Side::kCurrent, subject,
               "new required " + param.label + " in " + op.label +
                   ": requests of old clients lack it");
        } else {
          Emit("new-optional-request-parameter", param.node, Side::kCurrent, subject,
               "new optional " + param.label + " in " + op.label);
        }
        continue;
      }
      const ApiNode& old_param = it->second.node;
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
          Emit("request-parameter-type-changed", at, Side::kCurrent, subject,
               param.label + " of " + op.label + " type changed from " + TypeText(before) + " to " +
                   TypeText(after) + ": values old clients send may be rejected",
               TypeText(before), TypeText(after));
        }
      }
    }
    for (const auto& [key, param] : old_params) {
      if (new_params.count(key)) continue;
      Emit("request-parameter-removed", new_op, Side::kCurrent, op.label + " " + param.label,
           param.label + " removed from " + op.label);
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
      ApiNode new_response = new_.Deref(new_all.Child(code));
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
      Content(op, subject, old_response.Child("content"), new_response.Child("content"),
              new_response, false);
    }
    if (!new_all || !new_all.value->is_object()) return;
    for (auto it = new_all.value->begin(); it != new_all.value->end(); ++it) {
      if (old_all.value->contains(it.key())) continue;
      const std::string& code = it.key();
      Emit(IsSuccess(code) ? "response-success-status-added" : "response-non-success-status-added",
           new_all.Child(code), Side::kCurrent, op.label + " response " + code,
           "response " + code + " added to " + op.label);
    }
  }

  void Content(const Operation& op, const std::string& subject, const ApiNode& old_content,
               const ApiNode& new_content, const ApiNode& new_owner, bool request) {
    std::string side = request ? "request" : "response";
    ApiNode at = new_content ? new_content : new_owner;
    if (old_content && old_content.value->is_object()) {
      for (auto it = old_content.value->begin(); it != old_content.value->end(); ++it) {
        const std::string& media = it.key();
        ApiNode new_media = new_content.Child(media);
        if (!new_media) {
          Emit(request ? "request-body-media-type-removed" : "response-media-type-removed", at,
               Side::kCurrent, subject + " " + media,
               "media type " + media + " removed from the " + subject.substr(op.label.size() + 1) +
                   " of " + op.label);
          continue;
        }
        where_ = subject + " " + media;
        active_.clear();
        Schema(old_.Deref(old_content.Child(media).Child("schema")),
               new_.Deref(new_media.Child("schema")), request, "", 0);
      }
    }
    if (new_content && new_content.value->is_object()) {
      for (auto it = new_content.value->begin(); it != new_content.value->end(); ++it) {
        if (old_content && old_content.value->is_object() && old_content.value->contains(it.key()))
          continue;
        Emit(request ? "request-body-media-type-added" : "response-media-type-added",
             new_content.Child(it.key()), Side::kCurrent, subject + " " + it.key(),
             "media type " + it.key() + " added to the " + subject.substr(op.label.size() + 1) +
                 " of " + op.label);
      }
    }
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
              const std::string& prop, int depth) {
    if (!old_schema || !new_schema || !old_schema.value->is_object() ||
        !new_schema.value->is_object() || depth > kMaxSchemaDepth) {
      return;
    }
    // Recursive schemas: a pair already under comparison is assumed unchanged.
    if (!active_.emplace(old_schema.value, new_schema.value).second) return;
    std::string side = request ? "request" : "response";
    std::string what = prop.empty() ? side + " body" : side + " property \"" + prop + "\"";
    std::string subject = where_ + (prop.empty() ? "" : " " + prop);
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
    if (before != after && !(request ? Accepts(after, before) : Accepts(before, after))) {
      ApiNode at = new_schema.Child("type") ? new_schema.Child("type") : new_schema;
      Emit(prop.empty() ? side + "-body-type-changed" : side + "-property-type-changed", at,
           Side::kCurrent, subject,
           what + " type changed from " + TypeText(before) + " to " + TypeText(after) + " in " +
               where_ +
               (request ? ": values old clients send may be rejected"
                        : ": old clients may not read the new values"),
           TypeText(before), TypeText(after));
    }
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
          Emit(required ? "new-required-request-property" : "new-optional-request-property",
               new_prop_raw, Side::kCurrent, sub,
               std::string(required ? "new required" : "new optional") + " request property \"" +
                   path + "\" in " + where_ +
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
          Emit(request ? "request-property-became-required" : "response-property-became-required",
               new_prop_raw, Side::kCurrent, sub,
               side + " property \"" + path + "\" became required in " + where_ +
                   (request ? ": requests of old clients may lack it" : ""),
               "optional", "required");
        } else if (!required && was_required) {
          Emit(request ? "request-property-became-optional" : "response-property-became-optional",
               new_prop_raw, Side::kCurrent, sub,
               side + " property \"" + path + "\" became optional in " + where_ +
                   (request ? "" : ": old clients may rely on it"),
               "required", "optional");
        }
      }
      Schema(old_prop, new_prop, request, path, depth + 1);
    }
    for (const auto& [name, old_prop_raw] : old_shape.properties) {
      if (new_shape.properties.count(name)) continue;
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
             prop.empty() ? "items" : prop + "/items", depth + 1);
    }
  }

  ApiSide& old_;
  ApiSide& new_;
  std::vector<Finding>* out_;
  std::string file_;
  std::string where_;  // "POST /orders request body application/json"
  std::set<std::pair<const nlohmann::json*, const nlohmann::json*>> active_;
};

}  // namespace

void CompareApiDocuments(ApiSide& old_side, const ApiDocument* old_doc, ApiSide& new_side,
                         const ApiDocument* new_doc, std::vector<Finding>* findings) {
  if (old_doc == nullptr) return;  // a new document: nothing to compare with
  Comparer comparer(old_side, new_side, findings, new_doc ? new_doc->path : old_doc->path);
  comparer.Documents(old_doc, new_doc);
}

}  // namespace contract_lint
