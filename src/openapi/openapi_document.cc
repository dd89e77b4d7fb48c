// YAML/JSON -> JSON model with positions, and $ref resolution for OpenAPI.
#include "openapi/openapi_document.h"

#include <charconv>
#include <vector>

#include "base/exit_pool.h"
#include "base/parallel.h"
#include "base/utf8.h"
#include "jsonschema/schema_compare.h"
#include "jsonschema/schema_side.h"
#include "openapi/yaml_events.h"

namespace contract_lint {
namespace {

// Joins a relative reference to the folder of `from`; false when it leaves
// the repository.
bool JoinPath(const std::string& from, const std::string& relative, std::string* out) {
  std::vector<std::string> parts;
  std::string base = relative.starts_with("/") ? "" : from.substr(0, from.rfind('/') + 1);
  std::string all = base + relative;
  size_t start = 0;
  while (start <= all.size()) {
    size_t slash = all.find('/', start);
    std::string part = all.substr(start, slash == std::string::npos ? slash : slash - start);
    if (part == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  out->clear();
  for (const auto& part : parts) *out += (out->empty() ? "" : "/") + part;
  return !out->empty();
}

}  // namespace

std::string NormalisePathTemplate(const std::string& path, std::vector<std::string>* names) {
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

bool CompareInlinedSchemas(const nlohmann::json& before, const nlohmann::json& after, bool lenient,
                           std::vector<Change>* changes) {
  const std::string path = "inlined-schema.json";
  MemorySnapshot old_snap(std::map<std::string, std::string>{{path, before.dump()}});
  MemorySnapshot new_snap(std::map<std::string, std::string>{{path, after.dump()}});
  JsonSchemaSettings settings;
  settings.include = {path};
  settings.lenient = lenient;
  Diagnostics quiet;
  SchemaSide old_side(old_snap, settings, "", &quiet);
  SchemaSide new_side(new_snap, settings, "", &quiet);
  const SchemaDocument* old_doc = old_side.Load(path);
  const SchemaDocument* new_doc = new_side.Load(path);
  if (old_doc == nullptr || new_doc == nullptr) return false;
  SchemaComparer comparer(&old_side, &new_side, lenient);
  comparer.Compare(old_side.Root(*old_doc), new_side.Root(*new_doc), changes);
  return quiet.empty() && comparer.too_deep().empty();
}

TextSpan ApiDocument::Find(std::string pointer) const {
  while (true) {
    if (auto it = positions.find(pointer); it != positions.end()) return it->second;
    if (pointer.empty()) return TextSpan{1, 1, 1, 1};
    pointer.resize(pointer.rfind('/'));
  }
}

ApiNode ApiNode::Child(const std::string& key) const {
  if (value == nullptr || !value->is_object()) return ApiNode{doc, nullptr, pointer};
  auto it = value->find(key);
  // The comparers call this for every key they look at: one allocation.
  std::string child;
  child.reserve(pointer.size() + 1 + key.size());
  child += pointer;
  child += '/';
  AppendPointerToken(&child, key);
  return ApiNode{doc, it == value->end() ? nullptr : &*it, std::move(child)};
}

ApiNode ApiNode::Child(size_t index) const {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, index);
  (void)ec;
  std::string child;
  child.reserve(pointer.size() + 1 + static_cast<size_t>(end - digits));
  child += pointer;
  child += '/';
  child.append(digits, end);
  if (value == nullptr || !value->is_array() || index >= value->size())
    return ApiNode{doc, nullptr, std::move(child)};
  return ApiNode{doc, &(*value)[index], std::move(child)};
}

bool ParseApiDocument(const std::string& path, const std::string& text,
                      const std::string& side_note, ApiDocument* doc, Diagnostics* diagnostics) {
  doc->path = path;
  if (text.find('\0') != std::string::npos) {
    diagnostics->Add(path, 0, 0, "the document contains a NUL byte" + side_note);
    return false;
  }
  if (InvalidUtf8 bad = FirstInvalidUtf8(text); bad.line > 0) {
    diagnostics->Add(path, bad.line, bad.column,
                     DescribeInvalidUtf8(bad) + "; OpenAPI documents must be UTF-8" + side_note);
    return false;
  }
  YamlLoadError error;
  if (!LoadYamlDocument(text, YamlLoadLimits{}, &doc->root, &doc->positions, &error)) {
    diagnostics->Add(path, error.line, error.column, error.message + side_note);
    return false;
  }
  doc->positions.emplace("", TextSpan{1, 1, 1, 1});
  return true;
}

void ApiSide::Prefetch(const std::vector<std::string>& paths) {
  if (prefetching_.valid() || ResolveJobs(jobs_) < 2) return;
  for (const auto& path : paths) {
    if (docs_.count(path) > 0) continue;
    const SnapshotFile* file = snapshot_.Find(path);
    std::string text, error;
    if (file == nullptr || !snapshot_.Read(path, &text, &error)) continue;  // Load reports it
    Prefetched& entry = prefetched_[path];
    entry.text = std::move(text);
    entry.doc = std::make_unique<ApiDocument>();
    entry.doc->blob_id = file->blob_id;
  }
  if (prefetched_.empty()) return;
  prefetching_ = std::async(std::launch::async, [this] {
    for (auto it = prefetched_.begin(); it != prefetched_.end(); ++it) {
      Prefetched& entry = it->second;
      if (!ParseApiDocument(it->first, entry.text, side_note_, entry.doc.get(),
                            &entry.diagnostics)) {
        entry.doc.reset();
      }
      std::string().swap(entry.text);
    }
  });
}

ApiSide::~ApiSide() {
  if (prefetching_.valid()) prefetching_.wait();
  for (auto& [path, doc] : docs_) Discard(doc);
  for (auto& [path, prefetched] : prefetched_) Discard(prefetched.doc);
}

const ApiDocument* ApiSide::Load(const std::string& path) {
  if (auto it = docs_.find(path); it != docs_.end()) return it->second.get();
  if (prefetching_.valid()) prefetching_.get();  // rethrows what the parse threw
  if (auto it = prefetched_.find(path); it != prefetched_.end()) {
    for (auto& diagnostic : it->second.diagnostics.Sorted()) diagnostics_->Add(diagnostic);
    std::unique_ptr<ApiDocument> doc = std::move(it->second.doc);
    prefetched_.erase(it);
    return docs_.emplace(path, std::move(doc)).first->second.get();
  }
  std::unique_ptr<ApiDocument> doc;
  const SnapshotFile* file = snapshot_.Find(path);
  std::string text, error;
  if (file != nullptr && snapshot_.Read(path, &text, &error)) {
    doc = std::make_unique<ApiDocument>();
    doc->blob_id = file->blob_id;
    if (!ParseApiDocument(path, text, side_note_, doc.get(), diagnostics_)) doc.reset();
  } else if (file != nullptr) {
    diagnostics_->Add(path, 0, 0, error + side_note_);
  }
  return docs_.emplace(path, std::move(doc)).first->second.get();
}

void ApiSide::Report(const ApiNode& at, const std::string& message) {
  if (!reported_.emplace(at.doc, at.pointer).second) return;
  TextSpan span = at.doc->Find(at.pointer + "/$ref");
  diagnostics_->Add(at.doc->path, span.line, span.column, message + side_note_);
}

ApiNode ApiSide::Resolve(const ApiNode& at, const std::string& ref) {
  ApiNode none{at.doc, nullptr, at.pointer};
  if (ref.find("://") != std::string::npos || ref.starts_with("//")) {
    Report(at, "$ref \"" + ref + "\": remote references are not fetched");
    return none;
  }
  size_t hash = ref.find('#');
  std::string file = ref.substr(0, hash);
  std::string fragment = hash == std::string::npos ? "" : ref.substr(hash + 1);
  const ApiDocument* target = at.doc;
  if (!file.empty()) {
    std::string joined;
    if (!JoinPath(at.doc->path, file, &joined)) {
      Report(at, "$ref \"" + ref + "\" leaves the repository");
      return none;
    }
    if (snapshot_.Find(joined) == nullptr) {
      Report(at, "$ref \"" + ref + "\": no file " + joined + " in the repository");
      return none;
    }
    target = Load(joined);
    if (target == nullptr) return none;  // diagnosed by Load
  }
  if (!fragment.empty() && fragment[0] != '/') {
    Report(at, "$ref \"" + ref + "\": only JSON pointer fragments are supported");
    return none;
  }
  ApiNode node{target, &target->root, ""};
  size_t start = 1;
  while (!fragment.empty() && start <= fragment.size()) {
    size_t slash = fragment.find('/', start);
    std::string token = UnescapePointerToken(
        fragment.substr(start, slash == std::string::npos ? slash : slash - start));
    if (node.value->is_array()) {
      size_t index = 0;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      node =
          ec == std::errc() && end == token.data() + token.size() ? node.Child(index) : ApiNode{};
    } else {
      node = node.Child(token);
    }
    if (!node) {
      Report(at, "$ref \"" + ref + "\": " + (file.empty() ? "the document" : file) +
                     " has nothing at #" + fragment);
      return none;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return node;
}

ApiNode ApiSide::Deref(ApiNode node) {
  for (int hops = 0; node && node.value->is_object(); ++hops) {
    auto ref = node.value->find("$ref");
    if (ref == node.value->end() || !ref->is_string()) return node;
    if (hops == kMaxRefHops) {
      Report(node, "$ref chain longer than " + std::to_string(kMaxRefHops) + " hops (a cycle?)");
      return ApiNode{node.doc, nullptr, node.pointer};
    }
    node = Resolve(node, ref->get<std::string>());
  }
  return node;
}

void ApiSide::CheckRefs(const ApiDocument& doc, std::set<std::string>* files) {
  std::set<const ApiDocument*> seen;
  std::vector<const ApiDocument*> queue = {&doc};
  while (!queue.empty()) {
    const ApiDocument* next = queue.back();
    queue.pop_back();
    if (!seen.insert(next).second) continue;
    files->insert(next->path);
    // Iterative walk: every object with a string $ref is resolved once.
    std::vector<ApiNode> stack = {Root(*next)};
    while (!stack.empty()) {
      ApiNode node = stack.back();
      stack.pop_back();
      if (node.value->is_object()) {
        auto ref = node.value->find("$ref");
        if (ref != node.value->end() && ref->is_string()) {
          ApiNode target = Resolve(node, ref->get<std::string>());
          if (target && target.doc != next) queue.push_back(target.doc);
        }
        for (auto it = node.value->begin(); it != node.value->end(); ++it) {
          if (it.value().is_structured()) stack.push_back(node.Child(it.key()));
        }
      } else if (node.value->is_array()) {
        for (size_t i = 0; i < node.value->size(); ++i) {
          if ((*node.value)[i].is_structured()) stack.push_back(node.Child(i));
        }
      }
    }
  }
}

ApiDocumentCounts CompareChangedDocuments(
    const Snapshot& against, const Snapshot& current, ApiSide& old_side, ApiSide& new_side,
    const std::function<bool(const std::string& path)>& selected,
    const std::function<int(const ApiDocument& doc, const std::string& side_note)>& version,
    const std::function<void(const ApiDocument& old_doc, int old_version,
                             const ApiDocument* new_doc, int new_version)>& compare,
    const Diagnostics& diagnostics) {
  ApiDocumentCounts counts;
  struct Loaded {
    const ApiDocument* doc = nullptr;
    int version = 0;
    std::set<std::string> files;  // what its $refs reach, itself included
  };
  std::map<std::string, Loaded> current_docs;
  // The baseline documents that changed are parsed on another thread while
  // the current side loads (most of a check of a large document is parsing).
  std::vector<std::string> changed_before;
  for (const auto& file : against.Files()) {
    const SnapshotFile* after = current.Find(file.path);
    if ((after == nullptr || after->blob_id != file.blob_id) && selected(file.path)) {
      changed_before.push_back(file.path);
    }
  }
  old_side.Prefetch(changed_before);
  for (const auto& file : current.Files()) {
    if (!selected(file.path)) continue;
    ++counts.files;
    Loaded& loaded = current_docs[file.path];
    loaded.doc = new_side.Load(file.path);
    if (loaded.doc != nullptr) loaded.version = version(*loaded.doc, "");
    if (loaded.version == 0) {
      loaded.doc = nullptr;
      continue;
    }
    new_side.CheckRefs(*loaded.doc, &loaded.files);
  }
  if (!diagnostics.empty()) return counts;

  auto changed = [&](const std::string& path) {
    const SnapshotFile* before = against.Find(path);
    const SnapshotFile* after = current.Find(path);
    return before == nullptr || after == nullptr || before->blob_id != after->blob_id;
  };
  for (const auto& file : against.Files()) {
    if (!selected(file.path)) continue;
    auto it = current_docs.find(file.path);
    bool deleted = current.Find(file.path) == nullptr;
    if (!deleted) {
      if (it == current_docs.end() || it->second.doc == nullptr) continue;
      bool any = false;
      for (const auto& reached : it->second.files) any |= changed(reached);
      if (!any) continue;
    }
    const ApiDocument* old_doc = old_side.Load(file.path);
    if (old_doc == nullptr) continue;
    int old_version = version(*old_doc, " (in the baseline)");
    if (old_version == 0) continue;
    ++counts.changed;
    if (deleted) {
      compare(*old_doc, old_version, nullptr, 0);
    } else {
      compare(*old_doc, old_version, it->second.doc, it->second.version);
    }
  }
  return counts;
}

Finding ApiFinding(ContractKind kind, std::string_view rule, const ApiNode& at, Side side,
                   const std::string& file, const std::string& subject, std::string message,
                   std::string before, std::string after) {
  Finding f;
  f.rule = std::string(rule);
  f.kind = kind;
  TextSpan span = at.doc->Find(at.pointer);
  f.location = Location{at.doc->path, span.line, span.column, span.end_line, span.end_column, side};
  f.subject = file + "#" + subject;
  f.message = std::move(message);
  f.before = std::move(before);
  f.after = std::move(after);
  return f;
}

}  // namespace contract_lint
