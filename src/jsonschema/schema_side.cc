#include "jsonschema/schema_side.h"

#include "base/parallel.h"
#include "config/glob.h"
#include "jsonschema/schema_uri.h"

namespace contract_lint {
namespace {

using nlohmann::json;

// Keywords whose values are data, not schemas: never scanned for $id.
bool IsDataKeyword(std::string_view key) {
  return key == "enum" || key == "const" || key == "examples" || key == "default";
}

std::string_view IdKeyword(const SchemaDocument& doc) {
  return doc.draft == Draft::k04 ? "id" : "$id";
}

const json* Step(const json* node, const std::string& token) {
  if (node->is_object()) {
    auto it = node->find(token);
    return it == node->end() ? nullptr : &*it;
  }
  if (node->is_array() && !token.empty() && token.size() < 10 &&
      token.find_first_not_of("0123456789") == std::string::npos) {
    size_t index = std::stoul(token);
    return index < node->size() ? &(*node)[index] : nullptr;
  }
  return nullptr;
}

void AppendPointerToken(std::string_view token, std::string* out) {
  for (char c : token) {
    if (c == '~') {
      *out += "~0";
    } else if (c == '/') {
      *out += "~1";
    } else {
      *out += c;
    }
  }
}

template <typename Map, typename Anchor>
void AddAnchor(Map* map, const std::string& key, Anchor anchor) {
  auto& claims = (*map)[key];
  for (const auto& claim : claims) {
    if (claim.doc == anchor.doc) return;  // the first claim in a document wins
  }
  claims.push_back(std::move(anchor));
}

}  // namespace

const json& TrueSchema() {
  static const json kTrue = true;
  return kTrue;
}

const json& UnresolvedSchema() {
  static const json kUnresolved = true;
  return kUnresolved;
}

std::string BareRef(const SchemaNode& node, bool* dynamic) {
  *dynamic = false;
  if (node.absent || !node.value->is_object()) return "";
  std::string ref;
  if (const json* value = node.Get("$ref"); value && value->is_string()) {
    ref = value->get<std::string>();
  } else if (const json* value = node.Get("$dynamicRef"); value && value->is_string()) {
    ref = value->get<std::string>();
    *dynamic = true;
  } else if (node.Get("$recursiveRef")) {
    ref = "#";
  } else {
    return "";
  }
  // Before 2019-09 a $ref replaces its siblings; later they add up.
  if (node.doc->draft >= Draft::k201909) {
    for (const auto& [key, value] : node.value->items()) {
      if (key != "$ref" && key != "$dynamicRef" && key != "$recursiveRef" &&
          !IsAnnotationKeyword(key)) {
        return "";
      }
    }
  }
  return ref;
}

// Keywords a draft does not define yet are not active in it (a validator of
// that draft ignores them): a schema migrated to a later draft where they
// exist starts applying them. `const` counts as active in draft-04, as most
// validators (and ajv) apply it there.
bool KeywordDefinedIn(Draft draft, std::string_view keyword) {
  if (draft == Draft::k04 && (keyword == "propertyNames" || keyword == "contains")) return false;
  if ((draft == Draft::k04 || draft == Draft::k06) &&
      (keyword == "if" || keyword == "then" || keyword == "else"))
    return false;
  if (draft == Draft::k04 || draft == Draft::k06 || draft == Draft::k07) {
    return keyword != "dependentRequired" && keyword != "dependentSchemas" &&
           keyword != "unevaluatedProperties" && keyword != "unevaluatedItems" &&
           keyword != "prefixItems" && keyword != "minContains" && keyword != "maxContains";
  }
  return true;
}

const json* SchemaNode::Get(std::string_view keyword) const {
  if (!value->is_object()) return nullptr;
  auto it = value->find(keyword);
  if (it == value->end()) return nullptr;
  if (doc && !KeywordDefinedIn(doc->draft, keyword)) return nullptr;
  return &*it;
}

SchemaSide::SchemaSide(const Snapshot& snapshot, const JsonSchemaSettings& settings,
                       std::string side_note, Diagnostics* diagnostics)
    : snapshot_(snapshot),
      settings_(settings),
      side_note_(std::move(side_note)),
      diagnostics_(diagnostics) {}

bool SchemaSide::IsContract(std::string_view path) const {
  return GlobMatchAny(settings_.include, path) && !GlobMatchAny(settings_.exclude, path);
}

void SchemaSide::Preload(const std::vector<std::string>& paths, int jobs,
                         std::map<std::string, std::string>* texts) {
  std::vector<std::string> wanted;
  std::vector<std::string*> given;  // the text already read, or null
  for (const auto& path : paths) {
    if (docs_.count(path) || preloaded_.count(path)) continue;
    wanted.push_back(path);
    auto text = texts ? texts->find(path) : std::map<std::string, std::string>::iterator();
    given.push_back(texts && text != texts->end() ? &text->second : nullptr);
  }
  std::vector<Preloaded> out(wanted.size());
  ParallelFor(wanted.size(), jobs, [&](size_t i) {
    const std::string& path = wanted[i];
    Diagnostics local;
    std::string text, error;
    bool read = false;
    if (snapshot_.Find(path)) {
      if (given[i]) {
        text = std::move(*given[i]);
        read = true;
      } else {
        read = snapshot_.Read(path, &text, &error);
      }
    }
    if (read) {
      out[i].doc = std::make_unique<SchemaDocument>();
      if (!ParseSchemaDocument(path, text, side_note_, out[i].doc.get(), &local))
        out[i].doc.reset();
    } else if (!error.empty()) {
      local.Add(path, 0, 0, error);
    }
    out[i].diagnostics = local.Sorted();
  });
  for (size_t i = 0; i < wanted.size(); ++i) preloaded_[wanted[i]] = std::move(out[i]);
}

const SchemaDocument* SchemaSide::Load(const std::string& path) {
  auto it = docs_.find(path);
  if (it != docs_.end()) return it->second.get();
  std::unique_ptr<SchemaDocument> doc;
  if (auto pre = preloaded_.find(path); pre != preloaded_.end()) {
    doc = std::move(pre->second.doc);
    for (auto& diagnostic : pre->second.diagnostics) diagnostics_->Add(std::move(diagnostic));
    preloaded_.erase(pre);
  } else {
    std::string text, error;
    if (snapshot_.Find(path) && snapshot_.Read(path, &text, &error)) {
      doc = std::make_unique<SchemaDocument>();
      if (!ParseSchemaDocument(path, text, side_note_, doc.get(), diagnostics_)) doc.reset();
    } else if (!error.empty()) {
      diagnostics_->Add(path, 0, 0, error);
    }
  }
  const SchemaDocument* result = doc.get();
  docs_[path] = std::move(doc);
  if (result) {
    loaded_.push_back(result);
    Register(*result);
  }
  return result;
}

bool SchemaSide::LoadIndexed(const std::string& uri) {
  if (!has_id_index_ || limit_id_search_) return false;
  for (const auto& path : id_always_) {
    if (snapshot_.Find(path) && IsContract(path)) Load(path);
  }
  std::string name = uri.substr(uri.rfind('/') + 1);
  auto it = id_index_.find(name);
  if (it == id_index_.end()) return true;
  for (const auto& path : it->second) {
    if (IsContract(path)) Load(path);
  }
  return true;
}

void SchemaSide::LoadAllContracts() {
  if (loaded_all_) return;
  loaded_all_ = true;
  if (limit_id_search_) {
    for (const auto& path : id_search_) {
      if (snapshot_.Find(path) && IsContract(path)) Load(path);
    }
    return;
  }
  for (const auto& file : snapshot_.Files()) {
    if (IsContract(file.path)) Load(file.path);
  }
}

SchemaNode SchemaSide::Root(const SchemaDocument& doc) const {
  return SchemaNode{&doc, &doc.root, "",
                    doc.root_base.empty() ? RootBase(doc.path, doc.root, doc.draft) : doc.root_base,
                    false};
}

SchemaNode SchemaSide::Child(const SchemaNode& parent, std::string_view token) const {
  SchemaNode child{parent.doc, &TrueSchema(), parent.pointer + "/" + EscapePointerToken(token),
                   parent.base, true};
  if (parent.absent) return child;
  const json* value = Step(parent.value, std::string(token));
  if (!value) return child;
  child.value = value;
  child.absent = false;
  auto id = value->is_object() ? value->find(IdKeyword(*parent.doc)) : value->end();
  if (value->is_object() && id != value->end() && id->is_string() &&
      !id->get_ref<const std::string&>().empty() && id->get_ref<const std::string&>()[0] != '#') {
    bool escapes = false;
    std::string fragment;
    SplitFragment(ResolveUri(parent.base, id->get_ref<const std::string&>(), &escapes), &child.base,
                  &fragment);
  }
  return child;
}

SchemaNode SchemaSide::Child(const SchemaNode& parent, std::string_view keyword,
                             std::string_view token) const {
  return Child(Child(parent, keyword), token);
}

void SchemaSide::Register(const SchemaDocument& doc) {
  std::string base = RepoUri(doc.path);
  resources_[base].push_back(Anchor{&doc, ""});
  std::string pointer;
  RegisterNode(doc, doc.root, &pointer, base, 0);
}

// `pointer` is a buffer: each level appends its token and takes it off again.
void SchemaSide::RegisterNode(const SchemaDocument& doc, const json& node, std::string* pointer,
                              const std::string& base, int depth) {
  if (depth > kMaxJsonDepth) return;
  size_t length = pointer->size();
  if (node.is_object()) {
    const std::string* scope = &base;
    std::string resource;
    auto id = node.find(IdKeyword(doc));
    if (id != node.end() && id->is_string()) {
      const std::string& text = id->get_ref<const std::string&>();
      bool escapes = false;
      if (!text.empty() && text[0] == '#') {
        AddAnchor(&anchors_, ResolveUri(base, "", &escapes) + text, Anchor{&doc, *pointer});
      } else {
        std::string fragment;
        SplitFragment(ResolveUri(base, text, &escapes), &resource, &fragment);
        scope = &resource;
        auto& claims = resources_[resource];
        for (const Anchor& other : claims) {
          if (other.doc != &doc) {
            duplicate_ids_.push_back(DuplicateId{resource, other.doc, &doc, *pointer});
            break;
          }
        }
        AddAnchor(&resources_, resource, Anchor{&doc, *pointer});
        if (!fragment.empty())
          AddAnchor(&anchors_, resource + "#" + fragment, Anchor{&doc, *pointer});
      }
    }
    for (const char* keyword : {"$anchor", "$dynamicAnchor"}) {
      auto anchor = node.find(keyword);
      if (anchor != node.end() && anchor->is_string()) {
        AddAnchor(&anchors_, *scope + "#" + anchor->get<std::string>(), Anchor{&doc, *pointer});
      }
    }
    for (const auto& [key, value] : node.items()) {
      if (IsDataKeyword(key) || !value.is_structured()) continue;
      *pointer += '/';
      AppendPointerToken(key, pointer);
      RegisterNode(doc, value, pointer, *scope, depth + 1);
      pointer->resize(length);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      if (node[i].is_structured()) {
        *pointer += '/';
        *pointer += std::to_string(i);
        RegisterNode(doc, node[i], pointer, base, depth + 1);
        pointer->resize(length);
      }
    }
  }
}

std::string SchemaSide::BaseAt(const SchemaDocument& doc, const std::string& pointer) const {
  // The root's own $id applies like any other: enter it from a virtual parent.
  // Then Child() down the tokens, keeping only the base (no pointers built).
  std::string base = Root(doc).base;
  std::vector<std::string> tokens;
  if (!PointerTokens(pointer, &tokens)) return base;
  const json* value = &doc.root;
  std::string_view id_keyword = IdKeyword(doc);
  for (const auto& token : tokens) {
    value = Step(value, token);
    if (!value) break;
    if (!value->is_object()) continue;
    auto id = value->find(id_keyword);
    if (id == value->end() || !id->is_string()) continue;
    const std::string& text = id->get_ref<const std::string&>();
    if (text.empty() || text[0] == '#') continue;
    bool escapes = false;
    std::string resource, fragment;
    SplitFragment(ResolveUri(base, text, &escapes), &resource, &fragment);
    base = std::move(resource);
  }
  return base;
}

bool SchemaSide::LookupResource(const std::string& uri, const SchemaDocument* prefer,
                                Anchor* anchor, std::string* ambiguous) {
  auto it = resources_.find(uri);
  if (it != resources_.end() && prefer) {
    for (const Anchor& claim : it->second) {
      if (claim.doc == prefer) {
        *anchor = claim;
        return true;
      }
    }
  }
  if (it == resources_.end()) {
    std::string path = RepoPath(uri);
    if (!path.empty()) {
      if (snapshot_.Find(path)) Load(path);
    } else if (!LoadIndexed(uri)) {
      LoadAllContracts();
    }
    it = resources_.find(uri);
  }
  if (it == resources_.end()) return false;
  const std::vector<Anchor>& claims = it->second;
  for (const Anchor& claim : claims) {
    if (claim.doc == prefer) {
      *anchor = claim;
      return true;
    }
  }
  // Copies of an $id: the file the URI names by its file name wins
  // ("…/base-04.json" is base-04.json, not a file that copied its $id).
  std::string name = uri.substr(uri.rfind('/') + 1);
  const Anchor* named = nullptr;
  int named_count = 0;
  for (const Anchor& claim : claims) {
    const std::string& path = claim.doc->path;
    if (!name.empty() && path.size() >= name.size() &&
        path.compare(path.size() - name.size(), name.size(), name) == 0 &&
        (path.size() == name.size() || path[path.size() - name.size() - 1] == '/') &&
        (!named || named->doc != claim.doc)) {
      named = &claim;
      ++named_count;
    }
  }
  if (named_count == 1) {
    *anchor = *named;
    return true;
  }
  for (const Anchor& claim : claims) {
    if (claim.doc != claims.front().doc) {
      *ambiguous = "is ambiguous: " + uri + " is the $id of both " + claims.front().doc->path +
                   " and " + claim.doc->path;
      return false;
    }
  }
  *anchor = claims.front();
  return true;
}

RefTarget SchemaSide::Locate(const Anchor& resource, const std::string& resource_uri,
                             const std::string& raw_fragment, std::string_view) {
  RefTarget target;
  std::string fragment = PercentDecode(raw_fragment);
  std::string pointer = resource.pointer;
  if (!fragment.empty() && fragment[0] != '/') {
    auto it = anchors_.find(resource_uri + "#" + fragment);
    const Anchor* found = nullptr;
    if (it != anchors_.end()) {
      for (const Anchor& claim : it->second) {
        if (claim.doc == resource.doc) {
          found = &claim;
          break;
        }
      }
    }
    if (!found) {
      target.message =
          "names an anchor \"" + fragment + "\" that " + resource.doc->path + " does not define";
      return target;
    }
    pointer = found->pointer;
    fragment.clear();
  }
  std::vector<std::string> tokens;
  if (!PointerTokens(fragment, &tokens)) {
    target.message = "has a malformed JSON pointer";
    return target;
  }
  std::vector<std::string> start;
  PointerTokens(pointer, &start);
  const json* value = &resource.doc->root;
  for (const auto& token : start) value = value ? Step(value, token) : nullptr;
  for (const auto& token : tokens) {
    value = value ? Step(value, token) : nullptr;
    if (value) pointer += "/" + EscapePointerToken(token);
  }
  if (!value) {
    target.message =
        "points at \"#" + raw_fragment + "\", which does not exist in " + resource.doc->path;
    return target;
  }
  target.status = RefTarget::kFound;
  target.node = SchemaNode{resource.doc, value, pointer, BaseAt(*resource.doc, pointer), false};
  return target;
}

RefTarget SchemaSide::Resolve(const SchemaNode& at, std::string_view ref) {
  // What a reference resolves to depends only on the document it is written
  // in, the base URI there, its text and the documents loaded (a lookup may
  // load more: then every earlier answer is forgotten, as a later document
  // can claim an $id or anchor).
  if (resolved_generation_ != loaded_.size()) {
    resolved_.clear();
    resolved_generation_ = loaded_.size();
  }
  std::string key(reinterpret_cast<const char*>(&at.doc), sizeof(at.doc));
  key += at.base;
  key += '\0';
  key += ref;
  if (auto it = resolved_.find(key); it != resolved_.end()) return it->second;
  RefTarget target = ResolveUncached(at, ref);
  if (resolved_generation_ == loaded_.size()) {
    resolved_.emplace(std::move(key), target);
  } else {
    resolved_.clear();
    resolved_generation_ = loaded_.size();
  }
  return target;
}

RefTarget SchemaSide::ResolveUncached(const SchemaNode& at, std::string_view ref) {
  RefTarget error;
  bool relative = !HasScheme(ref);
  if (!relative && ref.substr(0, 5) == "file:") {
    error.message = "leaves the repository";
    return error;
  }
  if (relative && !ref.empty() && ref[0] == '/' && !RepoPath(at.base).empty()) {
    error.message = "is an absolute path, which leaves the repository";
    return error;
  }
  bool escapes = false;
  std::string resource, fragment;
  SplitFragment(ResolveUri(at.base, ref, &escapes), &resource, &fragment);
  if (escapes && !RepoPath(resource).empty()) {
    error.message = "leaves the repository";
    return error;
  }
  Anchor found;
  std::string ambiguous;
  if (!escapes && LookupResource(resource, at.doc, &found, &ambiguous))
    return Locate(found, resource, fragment, ref);
  if (!ambiguous.empty()) {
    error.message = ambiguous;
    return error;
  }
  if (relative && RepoPath(resource).empty()) {
    // A relative file reference under a remote $id base: try the file's own path.
    bool out = false;
    SplitFragment(ResolveUri(RepoUri(at.doc->path), ref, &out), &resource, &fragment);
    if (out || (!ref.empty() && ref[0] == '/')) {
      error.message = "leaves the repository";
      return error;
    }
    if (LookupResource(resource, at.doc, &found, &ambiguous))
      return Locate(found, resource, fragment, ref);
    if (!ambiguous.empty()) {
      error.message = ambiguous;
      return error;
    }
  }
  if (!relative && IsRemoteUri(resource)) {
    RefTarget remote;
    remote.status = RefTarget::kRemote;
    return remote;
  }
  std::string path = RepoPath(resource);
  if (!path.empty()) {
    error.message =
        "points at " + path +
        (snapshot_.Find(path) ? ", which is not a valid schema" : ", which does not exist");
  } else {
    error.message = "names no schema of the repository";
  }
  return error;
}

}  // namespace contract_lint
