// Pairing of two AsyncAPI documents: channels by key (2.x: the channel name,
// which is its address; 3.0: the channel id, its `address` compared),
// operations by id (3.0) or channel + publish/subscribe (2.x), messages by
// name / messageId. Payloads and headers are inlined ($refs followed) and
// compared by the JSON Schema engine as two in-memory documents, judged in the
// operation's direction (send: FORWARD, receive: BACKWARD); what the engine
// cannot judge is a warning to review, never a silent pass.
#include "asyncapi/asyncapi_check.h"

#include <map>
#include <regex>
#include <set>

#include "config/glob.h"
#include "jsonschema/schema_compare.h"
#include "jsonschema/schema_side.h"
#include "openapi/openapi_document.h"

namespace contract_lint {
namespace {

constexpr int kMaxInlineDepth = 64;

bool IsContract(const AsyncApiSettings& settings, const std::string& path) {
  return GlobMatchAny(settings.include, path) && !GlobMatchAny(settings.exclude, path);
}

// A matched file must say `asyncapi: 2.x.y` or `3.0.y` at the top; returns
// the major version (2 or 3), 0 after a diagnostic.
int CheckVersion(const ApiDocument& doc, const std::string& side_note, Diagnostics* diagnostics) {
  static const std::regex kVersion(R"((2\.[0-9]+|3\.0)\.[0-9]+(-[0-9A-Za-z.-]+)?)");
  const nlohmann::json* version = nullptr;
  if (doc.root.is_object()) {
    auto it = doc.root.find("asyncapi");
    if (it != doc.root.end()) version = &*it;
  }
  if (version && version->is_string() && std::regex_match(version->get<std::string>(), kVersion)) {
    return version->get<std::string>()[0] == '2' ? 2 : 3;
  }
  TextSpan at = doc.Find(version ? "/asyncapi" : "");
  std::string found = version                ? " (found " + version->dump() + ")"
                      : doc.root.is_object() ? " (no `asyncapi` key)"
                                             : " (not a mapping)";
  diagnostics->Add(doc.path, at.line, at.column,
                   "not an AsyncAPI 2.x/3.0 document: a file matched by asyncapi.include needs a "
                   "top-level `asyncapi: 2.x.y` or `asyncapi: 3.0.y`" +
                       found + side_note);
  return 0;
}

// The last token of a `$ref`'s pointer ("#/channels/orders" -> "orders"); "" without one.
std::string RefName(const ApiNode& node) {
  if (!node || !node.value->is_object()) return "";
  auto ref = node.value->find("$ref");
  if (ref == node.value->end() || !ref->is_string()) return "";
  const std::string& text = ref->get_ref<const std::string&>();
  size_t slash = text.rfind('/');
  return slash == std::string::npos ? "" : UnescapePointerToken(text.substr(slash + 1));
}

std::string StringAt(const ApiNode& node, const char* key) {
  ApiNode child = node.Child(key);
  return child && child.value->is_string() ? child.value->get<std::string>() : "";
}

struct Message {
  std::string name;
  ApiNode written;  // where the operation names it (a $ref or inline)
  ApiNode node;     // dereferenced
};

struct Operation {
  std::string label;   // "operation sendOrderCreated", "subscribe on channel orders"
  std::string action;  // "send" or "receive" (2.x: subscribe -> send, publish -> receive)
  ApiNode node;
  std::vector<Message> messages;
};

struct Channel {
  std::string address;
  bool has_address = false;
  ApiNode node;
  std::map<std::string, ApiNode> messages;  // 3.0 channel messages by key
};

struct Model {
  std::map<std::string, Channel> channels;
  std::map<std::string, Operation> operations;
  std::map<std::string, ApiNode> components;  // components.messages by key
};

// The message's name: `messageId` (2.x), `name`, else the key it is stored under.
std::string MessageName(const ApiNode& message, const std::string& fallback) {
  std::string id = StringAt(message, "messageId");
  if (!id.empty()) return id;
  std::string name = StringAt(message, "name");
  return name.empty() ? fallback : name;
}

Model Build(ApiSide& side, const ApiDocument& doc, int major) {
  Model model;
  ApiNode root = side.Root(doc);
  ApiNode channels = root.Child("channels");
  if (channels && channels.value->is_object()) {
    for (auto it = channels.value->begin(); it != channels.value->end(); ++it) {
      ApiNode node = side.Deref(channels.Child(it.key()));
      if (!node || !node.value->is_object()) continue;
      Channel channel;
      channel.node = node;
      if (major == 2) {
        channel.address = it.key();
        channel.has_address = true;
        for (const char* verb : {"publish", "subscribe"}) {
          ApiNode op = side.Deref(node.Child(verb));
          if (!op || !op.value->is_object()) continue;
          Operation operation;
          std::string id = StringAt(op, "operationId");
          operation.label =
              std::string(verb) + " on channel " + it.key() + (id.empty() ? "" : " (" + id + ")");
          operation.action = std::string(verb) == "subscribe" ? "send" : "receive";
          operation.node = op;
          ApiNode written = op.Child("message");
          ApiNode message = side.Deref(written);
          ApiNode one_of = message.Child("oneOf");
          if (one_of && one_of.value->is_array()) {
            for (size_t i = 0; i < one_of.value->size(); ++i) {
              ApiNode item = side.Deref(one_of.Child(i));
              if (!item) continue;
              std::string fallback = RefName(one_of.Child(i));
              operation.messages.push_back(
                  Message{MessageName(item, fallback.empty() ? std::to_string(i) : fallback),
                          one_of.Child(i), item});
            }
          } else if (message) {
            std::string fallback = RefName(written);
            operation.messages.push_back(Message{
                MessageName(message, fallback.empty() ? "message" : fallback), written, message});
          }
          model.operations[it.key() + " " + verb] = std::move(operation);
        }
      } else {
        ApiNode address = node.Child("address");
        channel.has_address = address && address.value->is_string();
        if (channel.has_address) channel.address = address.value->get<std::string>();
        ApiNode messages = node.Child("messages");
        if (messages && messages.value->is_object()) {
          for (auto m = messages.value->begin(); m != messages.value->end(); ++m)
            channel.messages[m.key()] = messages.Child(m.key());
        }
      }
      model.channels[it.key()] = std::move(channel);
    }
  }
  if (major == 3) {
    ApiNode operations = root.Child("operations");
    if (operations && operations.value->is_object()) {
      for (auto it = operations.value->begin(); it != operations.value->end(); ++it) {
        ApiNode op = side.Deref(operations.Child(it.key()));
        if (!op || !op.value->is_object()) continue;
        Operation operation;
        operation.label = "operation " + it.key();
        operation.action = StringAt(op, "action");
        operation.node = op;
        ApiNode list = op.Child("messages");
        if (list && list.value->is_array()) {
          for (size_t i = 0; i < list.value->size(); ++i) {
            ApiNode item = side.Deref(list.Child(i));
            if (!item) continue;
            std::string fallback = RefName(list.Child(i));
            operation.messages.push_back(
                Message{MessageName(item, fallback.empty() ? std::to_string(i) : fallback),
                        list.Child(i), item});
          }
        } else {
          // Without `messages`, the operation carries every message of its channel.
          ApiNode channel = side.Deref(op.Child("channel"));
          ApiNode messages = channel.Child("messages");
          if (messages && messages.value->is_object()) {
            for (auto m = messages.value->begin(); m != messages.value->end(); ++m) {
              ApiNode item = side.Deref(messages.Child(m.key()));
              if (item) {
                operation.messages.push_back(
                    Message{MessageName(item, m.key()), messages.Child(m.key()), item});
              }
            }
          }
        }
        model.operations[it.key()] = std::move(operation);
      }
    }
  }
  ApiNode components = root.Child("components").Child("messages");
  if (components && components.value->is_object()) {
    for (auto it = components.value->begin(); it != components.value->end(); ++it)
      model.components[it.key()] = components.Child(it.key());
  }
  return model;
}

// Keywords that never change what a message accepts (left out of the comparison).
bool IsAnnotation(const std::string& key) {
  return key == "description" || key == "title" || key == "summary" || key == "examples" ||
         key == "example" || key == "$comment" || key == "externalDocs" || key.starts_with("x-");
}

// The schema with its $refs inlined (a cycle becomes a marker), annotations left out.
nlohmann::json Inline(ApiSide& side, ApiNode node, std::set<const nlohmann::json*>* active,
                      int depth) {
  if (!node) return nullptr;
  ApiNode target = side.Deref(node);
  if (!target) return node.value ? *node.value : nlohmann::json();
  if (depth > kMaxInlineDepth || active->count(target.value)) {
    return nlohmann::json{{"$cycle", target.doc->path + "#" + target.pointer}};
  }
  const nlohmann::json& value = *target.value;
  if (!value.is_structured()) return value;
  active->insert(target.value);
  nlohmann::json out = value.is_object() ? nlohmann::json::object() : nlohmann::json::array();
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (IsAnnotation(it.key())) continue;
      out[it.key()] = Inline(side, target.Child(it.key()), active, depth + 1);
    }
  } else {
    for (size_t i = 0; i < value.size(); ++i)
      out.push_back(Inline(side, target.Child(i), active, depth + 1));
  }
  active->erase(target.value);
  return out;
}

bool IsJsonSchemaFormat(std::string format) {
  for (char& c : format) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return format.empty() || format.starts_with("application/schema+json") ||
         format.starts_with("application/schema+yaml") ||
         format.starts_with("application/vnd.aai.asyncapi");
}

class Comparer {
 public:
  Comparer(ApiSide& old_side, ApiSide& new_side, std::vector<Finding>* out, std::string file,
           bool lenient)
      : old_(old_side), new_(new_side), out_(out), file_(std::move(file)), lenient_(lenient) {}

  void Documents(const Model& before, const Model& after) {
    for (const auto& [key, channel] : before.channels) {
      auto it = after.channels.find(key);
      if (it == after.channels.end()) {
        Emit("ASYNCAPI_CHANNEL_DELETED", channel.node, Side::kAgainst, "channel " + key,
             "channel " + key + " deleted: producers and consumers of it break");
        continue;
      }
      const Channel& now = it->second;
      if (channel.has_address != now.has_address || channel.address != now.address) {
        ApiNode at = now.node.Child("address") ? now.node.Child("address") : now.node;
        std::string old_text = channel.has_address ? channel.address : "null";
        std::string new_text = now.has_address ? now.address : "null";
        Emit("ASYNCAPI_CHANNEL_ADDRESS_CHANGED", at, Side::kCurrent, "channel " + key,
             "address of channel " + key + " changed from \"" + old_text + "\" to \"" + new_text +
                 "\": applications on the old address no longer meet",
             old_text, new_text);
      }
      for (const auto& [name, message] : channel.messages) {
        if (now.messages.count(name)) continue;
        ApiNode at = now.node.Child("messages") ? now.node.Child("messages") : now.node;
        Emit("ASYNCAPI_MESSAGE_DELETED", at, Side::kCurrent, "channel " + key + " message " + name,
             "message " + name + " deleted from channel " + key);
      }
    }
    for (const auto& [key, op] : before.operations) {
      auto it = after.operations.find(key);
      if (it == after.operations.end()) {
        Emit("ASYNCAPI_OPERATION_DELETED", op.node, Side::kAgainst, op.label,
             op.label + " deleted: applications relying on it break");
        continue;
      }
      Operations(op, it->second);
    }
    for (const auto& [key, message] : before.components) {
      if (after.components.count(key)) continue;
      Emit("ASYNCAPI_MESSAGE_DELETED", message, Side::kAgainst, "message " + key,
           "message " + key + " deleted from components.messages");
    }
  }

 private:
  void Emit(std::string_view rule, const ApiNode& at, Side side, std::string subject,
            std::string message, std::string before = "", std::string after = "") {
    out_->push_back(ApiFinding(ContractKind::kAsyncApi, rule, at, side, file_, subject,
                               std::move(message), std::move(before), std::move(after)));
  }

  void Operations(const Operation& before, const Operation& after) {
    if (before.action != after.action) {
      ApiNode at = after.node.Child("action") ? after.node.Child("action") : after.node;
      Emit("ASYNCAPI_OPERATION_ACTION_CHANGED", at, Side::kCurrent, after.label,
           "action of " + after.label + " changed from " + before.action + " to " + after.action +
               ": the application now " + (after.action == "send" ? "sends" : "receives") +
               " what it used to " + (after.action == "send" ? "receive" : "send"),
           before.action, after.action);
    }
    std::map<std::string, const Message*> now;
    for (const auto& message : after.messages) now[message.name] = &message;
    for (const auto& message : before.messages) {
      auto it = now.find(message.name);
      if (it == now.end()) {
        ApiNode at = after.node.Child("messages")  ? after.node.Child("messages")
                     : after.node.Child("message") ? after.node.Child("message")
                                                   : after.node;
        Emit("ASYNCAPI_MESSAGE_REMOVED_FROM_OPERATION", at, Side::kCurrent,
             after.label + " message " + message.name,
             "message " + message.name + " removed from " + after.label);
        continue;
      }
      Messages(after, message, *it->second);
    }
  }

  // `schemaFormat` of a message (2.x, 3.0) or of a 3.0 Multi Format Schema payload.
  static std::pair<std::string, ApiNode> Payload(ApiSide& side, const ApiNode& message) {
    std::string format = StringAt(message, "schemaFormat");
    ApiNode payload = message.Child("payload");
    ApiNode deref = side.Deref(payload);
    if (deref && deref.value->is_object() && deref.value->contains("schemaFormat") &&
        deref.value->contains("schema")) {
      return {StringAt(deref, "schemaFormat"), deref.Child("schema")};
    }
    return {format, payload};
  }

  bool Same(const ApiNode& old_node, const ApiNode& new_node) {
    std::set<const nlohmann::json*> active;
    nlohmann::json before = Inline(old_, old_node, &active, 0);
    active.clear();
    nlohmann::json after = Inline(new_, new_node, &active, 0);
    return before == after;
  }

  // The node `pointer` (inside the inlined schema) stands for, following $refs
  // as Inline() did; the deepest one that exists.
  ApiNode Walk(ApiNode node, const std::string& pointer) {
    size_t start = 1;
    while (start <= pointer.size() && !pointer.empty()) {
      size_t slash = pointer.find('/', start);
      std::string token = UnescapePointerToken(
          pointer.substr(start, slash == std::string::npos ? slash : slash - start));
      ApiNode target = new_.Deref(node);
      if (!target) return node;
      ApiNode next = target.Child(token);
      if (!next && target.value->is_array()) {
        size_t index = 0;
        for (char c : token) index = index * 10 + static_cast<size_t>(c - '0');
        next = target.Child(index);
      }
      if (!next) return target;
      node = next;
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    return node;
  }

  // Compares two schemas with the JSON Schema engine (lenient content model);
  // false when the engine could not judge them (then the caller warns).
  bool Engine(const ApiNode& old_node, const ApiNode& new_node, const ApiNode& new_owner,
              bool sends, const std::string& what, const std::string& label) {
    std::set<const nlohmann::json*> active;
    nlohmann::json before = Inline(old_, old_node, &active, 0);
    active.clear();
    nlohmann::json after = Inline(new_, new_node, &active, 0);
    if (before == after) return true;
    if (before.is_null() || after.is_null()) return false;  // added or removed: not judged
    std::vector<Change> changes;
    if (!CompareInlinedSchemas(before, after, lenient_, &changes)) return false;
    for (const Change& change : changes) {
      bool breaks = change.direction == Direction::kBoth ||
                    (sends ? change.direction == Direction::kWidening
                           : change.direction == Direction::kNarrowing);
      std::string consequence = !breaks ? ""
                                : sends
                                    ? ": consumers on the old schema may reject the new messages"
                                    : ": messages of producers on the old schema may be rejected";
      ApiNode at = Walk(new_owner, change.location);
      std::string subject = change.subject.empty() ? "" : " at " + change.subject;
      Emit(change.rule, at, Side::kCurrent, label + " " + what + change.subject,
           what + " of " + label + subject + ": " + change.text + consequence +
               (sends ? " (sent: judged FORWARD)" : " (received: judged BACKWARD)"),
           change.before, change.after);
      out_->back().direction = change.direction;
      out_->back().severity = breaks ? Severity::kError : Severity::kInfo;
    }
    return true;
  }

  void Messages(const Operation& op, const Message& before, const Message& after) {
    bool sends = op.action == "send";
    std::string label = "message " + after.name + " of " + op.label;
    std::string direction =
        sends ? " (the application sends it: judged FORWARD, consumers on the old schema read "
                "the new messages)"
              : " (the application receives it: judged BACKWARD, producers on the old schema "
                "still send it)";
    auto [old_format, old_payload] = Payload(old_, before.node);
    auto [new_format, new_payload] = Payload(new_, after.node);
    if (!IsJsonSchemaFormat(old_format) || !IsJsonSchemaFormat(new_format)) {
      std::string format = IsJsonSchemaFormat(new_format) ? old_format : new_format;
      ApiNode at = after.node.Child("schemaFormat") ? after.node.Child("schemaFormat")
                   : new_payload                    ? new_payload
                                                    : after.node;
      if (!Same(old_payload, new_payload) || old_format != new_format) {
        Emit("ASYNCAPI_SCHEMA_FORMAT_NOT_CHECKED", at, Side::kCurrent, label + " payload",
             "payload of " + label + " is in schemaFormat \"" + format +
                 "\", which contract-lint does not check: its change is not judged",
             old_format, new_format);
      }
    } else if (!Engine(old_payload, new_payload, new_payload ? new_payload : after.node, sends,
                       "payload", label) &&
               !Same(old_payload, new_payload)) {
      Emit("ASYNCAPI_PAYLOAD_CHANGED", new_payload ? new_payload : after.node, Side::kCurrent,
           label + " payload",
           "payload of " + label + " changed" + direction +
               "; the JSON Schema engine could not judge it (added, removed or unreadable): "
               "review it");
    }
    ApiNode old_headers = before.node.Child("headers"), new_headers = after.node.Child("headers");
    if (!Engine(old_headers, new_headers, new_headers ? new_headers : after.node, sends, "headers",
                label) &&
        !Same(old_headers, new_headers)) {
      Emit("ASYNCAPI_HEADERS_CHANGED", new_headers ? new_headers : after.node, Side::kCurrent,
           label + " headers",
           "headers of " + label + " changed" + direction +
               "; the JSON Schema engine could not judge them (added, removed or unreadable): "
               "review them");
    }
    ApiNode old_kafka = old_.Deref(old_.Deref(before.node.Child("bindings")).Child("kafka"));
    ApiNode new_kafka = new_.Deref(new_.Deref(after.node.Child("bindings")).Child("kafka"));
    ApiNode old_key = old_kafka.Child("key"), new_key = new_kafka.Child("key");
    if (!old_key && !new_key) return;
    if (old_key && new_key && Same(old_key, new_key)) return;
    ApiNode at = new_key ? new_key : new_kafka ? new_kafka : after.node;
    std::string what = !old_key   ? "a Kafka message key was added to"
                       : !new_key ? "the Kafka message key was removed from"
                                  : "the Kafka message key schema changed in";
    Emit("ASYNCAPI_KAFKA_KEY_CHANGED", at, Side::kCurrent, label + " kafka key",
         what + " " + label + ": records are partitioned differently, so per-key ordering breaks",
         old_key ? "key" : "", new_key ? "key" : "");
  }

  ApiSide& old_;
  ApiSide& new_;
  std::vector<Finding>* out_;
  std::string file_;
  bool lenient_;  // breaking.asyncapi.content_model
};

}  // namespace

AsyncApiStats CheckAsyncApi(const Snapshot& against, const Snapshot& current,
                            const AsyncApiSettings& settings, std::vector<Finding>* findings,
                            Diagnostics* diagnostics, int jobs) {
  AsyncApiStats stats;
  ApiSide old_side(against, " (in the baseline)", diagnostics, jobs);
  ApiSide new_side(current, "", diagnostics, jobs);
  ApiDocumentCounts counts = CompareChangedDocuments(
      against, current, old_side, new_side,
      [&](const std::string& path) { return IsContract(settings, path); },
      [&](const ApiDocument& doc, const std::string& side_note) {
        return CheckVersion(doc, side_note, diagnostics);
      },
      [&](const ApiDocument& old_doc, int old_major, const ApiDocument* new_doc, int new_major) {
        Model before = Build(old_side, old_doc, old_major);
        Model after;
        if (new_doc != nullptr) after = Build(new_side, *new_doc, new_major);
        Comparer comparer(old_side, new_side, findings, old_doc.path, settings.lenient);
        comparer.Documents(before, after);
      },
      *diagnostics);
  stats.files = counts.files;
  stats.changed = counts.changed;
  return stats;
}

}  // namespace contract_lint
