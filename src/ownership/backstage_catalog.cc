// Backstage entities are read with yaml-cpp directly (not the config's
// YAML → JSON converter) to keep each node's line for warnings and for the
// consumer's `source`. Entity references follow Backstage's
// `[kind:][namespace/]name` form and compare case-insensitively.
#include "ownership/backstage_catalog.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>

#include "config/glob.h"

namespace contract_lint {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// (YAML::Node's operator= writes through to the document: never reassign one.)
std::string ScalarAt(const YAML::Node& node, const char* a, const char* b = nullptr) {
  if (!node.IsMap() || !node[a]) return "";
  const YAML::Node value = node[a];
  if (!b) return value.IsScalar() ? value.Scalar() : "";
  if (!value.IsMap() || !value[b]) return "";
  const YAML::Node inner = value[b];
  return inner.IsScalar() ? inner.Scalar() : "";
}

int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }
int ColumnOf(const YAML::Node& node) { return node.Mark().column + 1; }

// `dir/relative` with `.` and `..` resolved; "" when it leaves the repository.
std::string JoinPath(const std::string& file, const std::string& relative) {
  std::vector<std::string> parts;
  std::string base = relative.starts_with("/") ? "" : file.substr(0, file.rfind('/') + 1);
  std::string all = base + relative;
  size_t start = 0;
  while (start <= all.size()) {
    size_t end = all.find('/', start);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return "";
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "/") + part;
  return out;
}

struct Reader {
  const Snapshot& snapshot;
  std::string file;
  std::vector<Diagnostic>* warnings;
  Catalog* catalog;
  // Consumers with their raw references, resolved once every file is read.
  struct PendingRef {
    std::string ref;
    int line, column;
  };
  struct Pending {
    CatalogConsumer consumer;
    std::string ns;  // references without a namespace default to the entity's own
    std::vector<PendingRef> refs;
  };
  std::vector<Pending>* pending;
  std::vector<std::pair<std::string, std::string>>* provided;  // api ref -> owner

  void Warn(const YAML::Node& node, std::string message) {
    warnings->push_back(Diagnostic{file, LineOf(node), ColumnOf(node), std::move(message)});
  }

  std::string Definition(const YAML::Node& entity, const YAML::Node& definition,
                         const std::string& name) {
    if (!definition) {
      Warn(entity, "Backstage API \"" + name + "\" has no spec.definition; it is not checked");
      return "";
    }
    if (definition.IsScalar()) {
      Warn(definition, "Backstage API \"" + name +
                           "\" has an inline spec.definition; only a $text/$json/$yaml "
                           "reference to a file of the repository is checked");
      return "";
    }
    for (const char* key : {"$text", "$json", "$yaml"}) {
      if (!definition.IsMap() || !definition[key]) continue;
      YAML::Node target = definition[key];
      std::string text = target.IsScalar() ? target.Scalar() : "";
      if (text.find("://") != std::string::npos || text.starts_with("url:")) {
        Warn(target, "Backstage API \"" + name + "\": " + key + " " + text +
                         " is outside the repository and is not fetched; the API is not checked");
        return "";
      }
      std::string path = JoinPath(file, text);
      if (text.empty() || path.empty()) {
        Warn(target, "Backstage API \"" + name + "\": " + key + " \"" + text +
                         "\" does not name a file inside the repository");
        return "";
      }
      if (!snapshot.Find(path)) {
        Warn(target, "Backstage API \"" + name + "\": the definition " + path + " does not exist");
        return "";
      }
      return path;
    }
    Warn(definition, "Backstage API \"" + name +
                         "\": spec.definition is neither text nor a $text/$json/$yaml reference");
    return "";
  }

  void Entity(const YAML::Node& doc) {
    if (!doc.IsMap()) {
      if (!doc.IsNull()) Warn(doc, "a Backstage catalog document must be a mapping; ignored");
      return;
    }
    std::string kind = Lower(ScalarAt(doc, "kind"));
    std::string name = ScalarAt(doc, "metadata", "name");
    std::string ns = ScalarAt(doc, "metadata", "namespace");
    if (kind.empty() || name.empty()) {
      Warn(doc, "a Backstage entity needs kind and metadata.name; ignored");
      return;
    }
    std::string entity_ns = ns.empty() ? "default" : ns;
    const YAML::Node spec = doc["spec"];
    std::string owner = ScalarAt(doc, "spec", "owner");
    if (kind == "api") {
      CatalogApi api;
      api.name = ns.empty() ? name : ns + "/" + name;
      api.ref = NormalizeEntityRef(name, "api", entity_ns);
      api.owner = owner;
      api.type = ScalarAt(doc, "spec", "type");
      api.file = file;
      api.line = LineOf(doc);
      api.definition =
          Definition(doc, spec && spec.IsMap() ? spec["definition"] : YAML::Node(), api.name);
      catalog->apis.push_back(std::move(api));
      return;
    }
    if (!spec || !spec.IsMap()) return;
    if (YAML::Node provides = spec["providesApis"]; provides && provides.IsSequence()) {
      for (const auto& item : provides) {
        if (item.IsScalar())
          provided->emplace_back(NormalizeEntityRef(item.Scalar(), "api", entity_ns), owner);
      }
    }
    YAML::Node consumes = spec["consumesApis"];
    if (!consumes) return;
    if (!consumes.IsSequence()) {
      Warn(consumes, "Backstage " + kind + " \"" + name +
                         "\": spec.consumesApis must be a list of entity references; ignored");
      return;
    }
    Pending entry;
    entry.consumer.name = name;
    entry.consumer.owner = owner;
    entry.consumer.file = file;
    entry.consumer.line = LineOf(doc);
    entry.ns = entity_ns;
    for (const auto& item : consumes) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        Warn(item, "Backstage " + kind + " \"" + name +
                       "\": a consumesApis entry must be an entity reference; ignored");
        continue;
      }
      entry.refs.push_back({item.Scalar(), LineOf(item), ColumnOf(item)});
    }
    pending->push_back(std::move(entry));
  }
};

}  // namespace

std::string NormalizeEntityRef(const std::string& ref, const std::string& default_kind,
                               const std::string& default_namespace) {
  std::string kind = default_kind;
  std::string rest = ref;
  size_t colon = rest.find(':');
  if (colon != std::string::npos) {
    kind = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
  }
  std::string ns = default_namespace;
  size_t slash = rest.find('/');
  if (slash != std::string::npos) {
    ns = rest.substr(0, slash);
    rest = rest.substr(slash + 1);
  }
  return Lower(kind + ":" + ns + "/" + rest);
}

Catalog ReadCatalog(const Snapshot& snapshot, const std::vector<std::string>& globs,
                    Diagnostics* diagnostics, std::vector<Diagnostic>* warnings) {
  Catalog catalog;
  std::vector<Reader::Pending> pending;
  std::vector<std::pair<std::string, std::string>> provided;
  for (const auto& file : snapshot.Files()) {
    if (!GlobMatchAny(globs, file.path)) continue;
    std::string text, error;
    if (!snapshot.Read(file.path, &text, &error)) {
      diagnostics->Add(file.path, 0, 0, error);
      continue;
    }
    std::vector<YAML::Node> docs;
    try {
      docs = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
      diagnostics->Add(file.path, e.mark.line + 1, e.mark.column + 1,
                       "invalid YAML in the Backstage catalog: " + e.msg);
      continue;
    }
    Reader reader{snapshot, file.path, warnings, &catalog, &pending, &provided};
    try {
      for (const auto& doc : docs) reader.Entity(doc);
    } catch (const YAML::Exception& e) {
      diagnostics->Add(file.path, e.mark.line + 1, e.mark.column + 1,
                       "cannot read the Backstage catalog: " + e.msg);
    }
  }
  std::map<std::string, CatalogApi*> by_ref;
  for (auto& api : catalog.apis) by_ref.emplace(api.ref, &api);
  for (const auto& [ref, owner] : provided) {
    auto it = by_ref.find(ref);
    if (it != by_ref.end() && it->second->owner.empty()) it->second->owner = owner;
  }
  for (auto& entry : pending) {
    for (const auto& ref : entry.refs) {
      std::string key = NormalizeEntityRef(ref.ref, "api", entry.ns);
      auto it = by_ref.find(key);
      if (it == by_ref.end()) {
        warnings->push_back(
            Diagnostic{entry.consumer.file, ref.line, ref.column,
                       "Backstage component \"" + entry.consumer.name + "\" consumes \"" + ref.ref +
                           "\", but no catalog file defines that API (looked for " + key + ")"});
        continue;
      }
      const std::string& definition = it->second->definition;
      if (definition.empty()) continue;  // warned where the API is defined
      auto& defs = entry.consumer.definitions;
      if (std::find(defs.begin(), defs.end(), definition) == defs.end()) defs.push_back(definition);
    }
    catalog.consumers.push_back(std::move(entry.consumer));
  }
  return catalog;
}

}  // namespace contract_lint
