// OpenAPI and AsyncAPI `uses` selectors: what an operation, operationId, JSON
// pointer, channel or AsyncAPI operation covers. Findings of both comparers
// carry their operation (or channel) in the subject ("file#GET /orders/{id}
// response 200 ...", "file#message X of operation sendY payload"), so a
// selector naming an operation covers every finding of it, including those
// located in the shared schemas it reaches; a pointer to any other node
// covers the findings located inside it and inside what its $refs reach.
#include <algorithm>
#include <functional>

#include "base/edit_distance.h"
#include "config/glob.h"
#include "impact/impact.h"
#include "openapi/openapi_document.h"
#include "policy/suppression.h"

namespace contract_lint {

struct ApiImpactDocuments {
  ApiImpactDocuments(const Snapshot& snapshot) : current(snapshot, "", &ignored) {}
  Diagnostics ignored;  // unreadable documents are the comparers' to report
  ApiSide current;
};

namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

bool IsMethod(const std::string& word) {
  return std::any_of(std::begin(kHttpMethods), std::end(kHttpMethods),
                     [&](const char* m) { return Upper(m) == Upper(word); });
}

bool IsApiFile(const Config& config, const std::string& path) {
  return (GlobMatchAny(config.openapi.include, path) &&
          !GlobMatchAny(config.openapi.exclude, path)) ||
         (GlobMatchAny(config.asyncapi.include, path) &&
          !GlobMatchAny(config.asyncapi.exclude, path)) ||
         path.ends_with(".yaml") || path.ends_with(".yml");
}

// The node at `pointer` (following $refs on the way), absent when missing.
ApiNode NodeAt(ApiSide& side, const ApiDocument& doc, const std::string& pointer) {
  ApiNode node = side.Root(doc);
  if (pointer.empty()) return node;
  for (const auto& token : PointerTokens(pointer)) {
    if (!node) return node;
    if (node.value->is_array() && !token.empty() && token.size() < 10 &&
        token.find_first_not_of("0123456789") == std::string::npos) {
      node = node.Child(static_cast<size_t>(std::stoul(token)));
    } else {
      node = node.Child(token);
    }
    if (node && node.value->is_object() && node.value->contains("$ref")) {
      ApiNode target = side.Deref(node);
      if (target) node = target;
    }
  }
  return node;
}

// The node's region and, transitively, the regions its $refs reach.
void Reach(ApiSide& side, const ApiNode& node, std::set<std::pair<std::string, std::string>>* out,
           std::set<const nlohmann::json*>* seen, int depth) {
  if (!node || depth > 64 || !seen->insert(node.value).second) return;
  out->emplace(node.doc->path, node.pointer);
  std::function<void(const ApiNode&, int)> walk = [&](const ApiNode& at, int level) {
    if (!at || level > 64) return;
    if (at.value->is_object()) {
      if (at.value->contains("$ref")) {
        ApiNode target = side.Deref(at);
        if (target && target.value != at.value) Reach(side, target, out, seen, depth + 1);
      }
      for (auto it = at.value->begin(); it != at.value->end(); ++it)
        walk(at.Child(it.key()), level + 1);
    } else if (at.value->is_array()) {
      for (size_t i = 0; i < at.value->size(); ++i) walk(at.Child(i), level + 1);
    }
  };
  walk(node, 0);
}

// A selector that is a JSON pointer to any other node: found when the node
// exists; on the current side it covers every region the node reaches.
void SelectPointer(ApiSide& side, const ApiDocument& doc, const std::string& pointer, bool current,
                   ApiSelection* sel) {
  ApiNode node = NodeAt(side, doc, pointer);
  if (!node) return;
  sel->found = true;
  if (!current) return;
  std::set<const nlohmann::json*> seen;
  Reach(side, node, &sel->regions, &seen, 0);
}

// One side's view of an OpenAPI document: "METHOD /normalised" -> written label, operationIds.
void ResolveOpenApi(ApiSide& side, const ApiDocument& doc, const std::string& rest, bool current,
                    ApiSelection* sel) {
  ApiNode paths = side.Root(doc).Child("paths");
  std::map<std::string, std::string> operations;  // normalised -> "METHOD /written"
  std::map<std::string, std::string> ids;         // operationId -> normalised
  std::set<std::string> path_items;               // normalised paths
  if (paths && paths.value->is_object()) {
    for (auto it = paths.value->begin(); it != paths.value->end(); ++it) {
      ApiNode item = side.Deref(paths.Child(it.key()));
      if (!item || !item.value->is_object()) continue;
      path_items.insert(NormalisePathTemplate(it.key()));
      for (const char* method : kHttpMethods) {
        ApiNode op = side.Deref(item.Child(method));
        if (!op) continue;
        std::string key = Upper(method) + " " + NormalisePathTemplate(it.key());
        operations[key] = Upper(method) + " " + it.key();
        sel->candidates.push_back(Upper(method) + " " + it.key());
        if (op.value->is_object() && op.value->contains("operationId") &&
            (*op.value)["operationId"].is_string()) {
          std::string id = (*op.value)["operationId"].get<std::string>();
          ids[id] = key;
          sel->candidates.push_back(id);
        }
      }
    }
  }
  if (rest.starts_with("/")) {
    auto tokens = PointerTokens(rest);
    if (tokens.size() == 2 && tokens[0] == "paths" &&
        path_items.count(NormalisePathTemplate(tokens[1]))) {
      sel->operations.insert("* " + NormalisePathTemplate(tokens[1]));
      sel->found = true;
      return;
    }
    if (tokens.size() == 3 && tokens[0] == "paths" && IsMethod(tokens[2]) &&
        operations.count(Upper(tokens[2]) + " " + NormalisePathTemplate(tokens[1]))) {
      sel->operations.insert(Upper(tokens[2]) + " " + NormalisePathTemplate(tokens[1]));
      sel->found = true;
      return;
    }
    SelectPointer(side, doc, rest, current, sel);
    return;
  }
  size_t space = rest.find(' ');
  if (space != std::string::npos && IsMethod(rest.substr(0, space))) {
    std::string key =
        Upper(rest.substr(0, space)) + " " + NormalisePathTemplate(rest.substr(space + 1));
    if (operations.count(key)) {
      sel->operations.insert(key);
      sel->found = true;
    }
    return;
  }
  if (auto it = ids.find(rest); it != ids.end()) {
    sel->operations.insert(it->second);
    sel->found = true;
  }
}

// One side's view of an AsyncAPI document: channel keys, operation ids.
void ResolveAsyncApi(ApiSide& side, const ApiDocument& doc, const std::string& rest, bool current,
                     ApiSelection* sel) {
  ApiNode root = side.Root(doc);
  ApiNode format = root.Child("asyncapi");
  bool v2 =
      format && format.value->is_string() && format.value->get<std::string>().starts_with("2.");
  ApiNode channels = root.Child("channels");
  ApiNode operations = root.Child("operations");
  auto channel = [&](const std::string& key) {
    sel->labels.insert("channel " + key);
    if (v2) {
      sel->labels.insert("publish on channel " + key);
      sel->labels.insert("subscribe on channel " + key);
    } else if (operations && operations.value->is_object()) {
      for (auto it = operations.value->begin(); it != operations.value->end(); ++it) {
        ApiNode op = side.Deref(operations.Child(it.key()));
        ApiNode target = side.Deref(op.Child("channel"));
        if (target && target.doc == &doc &&
            target.pointer == "/channels/" + EscapePointerToken(key))
          sel->labels.insert("operation " + it.key());
      }
    }
    sel->found = true;
  };
  std::map<std::string, std::string> v2_ids;  // operationId -> "verb on channel KEY"
  if (channels && channels.value->is_object()) {
    for (auto it = channels.value->begin(); it != channels.value->end(); ++it) {
      sel->candidates.push_back(it.key());
      if (!v2) continue;
      ApiNode item = side.Deref(channels.Child(it.key()));
      for (const char* verb : {"publish", "subscribe"}) {
        ApiNode op = side.Deref(item.Child(verb));
        if (op && op.value->is_object() && op.value->contains("operationId") &&
            (*op.value)["operationId"].is_string()) {
          std::string id = (*op.value)["operationId"].get<std::string>();
          v2_ids[id] = std::string(verb) + " on channel " + it.key();
          sel->candidates.push_back(id);
        }
      }
    }
  }
  if (!v2 && operations && operations.value->is_object()) {
    for (auto it = operations.value->begin(); it != operations.value->end(); ++it)
      sel->candidates.push_back(it.key());
  }
  auto has = [](const ApiNode& map, const std::string& key) {
    return map && map.value->is_object() && map.value->contains(key);
  };
  if (rest.starts_with("/")) {
    auto tokens = PointerTokens(rest);
    if (tokens.size() == 2 && tokens[0] == "channels" && has(channels, tokens[1])) {
      channel(tokens[1]);
      return;
    }
    if (tokens.size() == 2 && tokens[0] == "operations" && !v2 && has(operations, tokens[1])) {
      sel->labels.insert("operation " + tokens[1]);
      sel->found = true;
      return;
    }
    if (tokens.size() == 3 && tokens[0] == "channels" && v2 && has(channels, tokens[1]) &&
        (tokens[2] == "publish" || tokens[2] == "subscribe")) {
      sel->labels.insert(tokens[2] + " on channel " + tokens[1]);
      sel->found = true;
      return;
    }
    SelectPointer(side, doc, rest, current, sel);
    return;
  }
  if (has(channels, rest)) channel(rest);
  if (!v2 && has(operations, rest)) {
    sel->labels.insert("operation " + rest);
    sel->found = true;
  }
  if (auto it = v2_ids.find(rest); it != v2_ids.end()) {
    sel->labels.insert(it->second);
    sel->found = true;
  }
}

// True when `text` starts with `label` as a whole word sequence.
bool StartsWithLabel(std::string_view text, std::string_view label) {
  return text.substr(0, label.size()) == label &&
         (text.size() == label.size() || text[label.size()] == ' ');
}

}  // namespace

void AddApiSelections(const Snapshot& against, const Snapshot& current, const Config& config,
                      const std::vector<std::string>& selectors, ImpactGraph* graph) {
  std::unique_ptr<ApiImpactDocuments> old_docs;
  for (const auto& selector : selectors) {
    if (graph->api.count(selector) || selector.empty() || selector.back() == '*') continue;
    size_t hash = selector.find('#');
    std::string file = selector.substr(0, hash);
    if (!IsApiFile(config, file) || (!against.Find(file) && !current.Find(file))) continue;
    if (!graph->api_documents) graph->api_documents = std::make_shared<ApiImpactDocuments>(current);
    if (!old_docs) old_docs = std::make_unique<ApiImpactDocuments>(against);
    ApiSelection sel;
    sel.file = file;
    if (hash == std::string::npos || hash + 1 == selector.size()) {
      sel.whole_file = true;
      sel.found = true;
      graph->api.emplace(selector, std::move(sel));
      continue;
    }
    std::string rest = selector.substr(hash + 1);
    for (ApiSide* side : {&graph->api_documents->current, &old_docs->current}) {
      const ApiDocument* doc = side->Load(file);
      if (doc == nullptr || !doc->root.is_object()) continue;
      bool current_side = side == &graph->api_documents->current;
      if (doc->root.contains("asyncapi")) {
        ResolveAsyncApi(*side, *doc, rest, current_side, &sel);
      } else if (doc->root.contains("openapi")) {
        ResolveOpenApi(*side, *doc, rest, current_side, &sel);
      } else if (rest.starts_with("/")) {
        ApiNode node = NodeAt(*side, *doc, rest);  // a file of shared schemas
        if (!node) continue;
        sel.found = true;
        std::set<const nlohmann::json*> seen;
        if (current_side) Reach(*side, node, &sel.regions, &seen, 0);
      }
    }
    std::sort(sel.candidates.begin(), sel.candidates.end());
    sel.candidates.erase(std::unique(sel.candidates.begin(), sel.candidates.end()),
                         sel.candidates.end());
    graph->api.emplace(selector, std::move(sel));
  }
}

std::string ApiSuggestion(const ApiSelection& sel, const std::string& rest) {
  // Operations compare with their parameter names normalised ({id} ≡ {orderId}).
  auto key = [](const std::string& text) {
    size_t space = text.find(' ');
    if (space == std::string::npos || !IsMethod(text.substr(0, space))) return text;
    return Upper(text.substr(0, space)) + " " + NormalisePathTemplate(text.substr(space + 1));
  };
  std::string wanted = key(rest);
  std::string best;
  NearestWord nearest(wanted, std::max<size_t>(3, wanted.size() / 4));
  for (const auto& candidate : sel.candidates) {
    if (nearest.Offer(key(candidate))) best = candidate;
  }
  return best.empty() ? "" : sel.file + "#" + best;
}

bool ApiSelectionCovers(const ImpactGraph& graph, const ApiSelection& sel, const Finding& finding) {
  size_t hash = finding.subject.find('#');
  std::string file = finding.subject.substr(0, hash);
  std::string rest = hash == std::string::npos ? "" : finding.subject.substr(hash + 1);
  if (sel.whole_file) return file == sel.file || finding.location.path == sel.file;
  if (file == sel.file && finding.kind == ContractKind::kOpenApi && !sel.operations.empty()) {
    size_t space = rest.find(' ');
    if (space != std::string::npos) {
      std::string method = rest.substr(0, space);
      size_t end = rest.find(' ', space + 1);
      std::string path = NormalisePathTemplate(
          rest.substr(space + 1, end == std::string::npos ? end : end - space - 1));
      if (sel.operations.count(method + " " + path) || sel.operations.count("* " + path))
        return true;
    }
  }
  if (file == sel.file && finding.kind == ContractKind::kAsyncApi) {
    for (const auto& label : sel.labels) {
      if (StartsWithLabel(rest, label)) return true;
      for (size_t at = rest.find("of " + label); at != std::string::npos;
           at = rest.find("of " + label, at + 1)) {
        if ((at == 0 || rest[at - 1] == ' ') &&
            StartsWithLabel(std::string_view(rest).substr(at + 3), label))
          return true;
      }
    }
  }
  if (!sel.regions.empty() && graph.api_documents && finding.location.side == Side::kCurrent) {
    for (const auto& [path, pointer] : sel.regions) {
      if (path != finding.location.path) continue;
      const ApiDocument* doc = graph.api_documents->current.Load(path);
      if (doc && ApiLocationInside(*doc, finding.location.line, finding.location.column, pointer))
        return true;
    }
  }
  return false;
}

}  // namespace contract_lint
