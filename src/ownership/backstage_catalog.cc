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

// Protobuf or JSON Schema, the formats contract-lint checks (see
// IsSchemaDefinition in ownership.cc for the JSON types).
bool IsCheckedDefinition(const std::string& path, const std::string& type) {
  if (path.ends_with(".proto")) return true;
  std::string t = Lower(type);
  return path.ends_with(".json") && t != "openapi" && t != "asyncapi" && t != "graphql" &&
         t != "trpc";
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
  struct Provided {
    std::string ref;  // as written
    std::string key;  // normalized
    std::string owner;
    std::string entity;
    std::string file;
    int line, column;
  };
  std::vector<Provided>* provided;
  const std::vector<std::string>* globs;

  void Warn(const YAML::Node& node, std::string message) {
    warnings->push_back(Diagnostic{file, LineOf(node), ColumnOf(node), std::move(message)});
  }

  std::string Definition(const YAML::Node& entity, const YAML::Node& definition,
                         const std::string& name, const std::string& type) {
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
      if (!IsCheckedDefinition(path, type)) {
        Warn(target, "Backstage API \"" + name + "\"" + (type.empty() ? "" : " (" + type + ")") +
                         ": " + path +
                         " is neither Protobuf (.proto) nor JSON Schema (.json); contract-lint "
                         "does not check it");
      }
      return path;
    }
    Warn(definition, "Backstage API \"" + name +
                         "\": spec.definition is neither text nor a $text/$json/$yaml reference");
    return "";
  }

  // A `kind: Location`'s targets: the catalog files it points at are read
  // only when they match `ownership.backstage`; say so for those that do not.
  void Location(const YAML::Node& spec, const std::string& name) {
    std::vector<YAML::Node> targets;
    if (YAML::Node one = spec["target"]; one) targets.push_back(one);
    if (YAML::Node many = spec["targets"]; many && many.IsSequence()) {
      for (const auto& item : many) targets.push_back(item);
    } else if (many) {
      Warn(many, "Backstage location \"" + name + "\": spec.targets must be a list; ignored");
    }
    for (const auto& target : targets) {
      std::string text = target.IsScalar() ? target.Scalar() : "";
      std::string path = text.find("://") == std::string::npos ? JoinPath(file, text) : "";
      if (text.find("://") != std::string::npos) {
        Warn(target, "Backstage location \"" + name + "\": " + text +
                         " is outside the repository and is not fetched; its entities are not "
                         "read");
      } else if (path.empty()) {
        Warn(target, "Backstage location \"" + name + "\": target \"" + text +
                         "\" does not name a file inside the repository");
      } else if (path.find_first_of("*?") != std::string::npos) {
        for (const auto& f : snapshot.Files()) {
          if (!GlobMatch(path, f.path) || GlobMatchAny(*globs, f.path)) continue;
          Warn(target, "Backstage location \"" + name + "\": target " + f.path +
                           " does not match ownership.backstage; its entities are not read");
        }
      } else if (!snapshot.Find(path)) {
        Warn(target, "Backstage location \"" + name + "\": target " + path + " does not exist");
      } else if (!GlobMatchAny(*globs, path)) {
        Warn(target, "Backstage location \"" + name + "\": target " + path +
                         " does not match ownership.backstage; its entities are not read");
      }
    }
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
    if (spec && !spec.IsMap() && !spec.IsNull()) {
      Warn(spec, "Backstage " + kind + " \"" + name + "\": spec must be a mapping; ignored");
      return;
    }
    std::string owner = ScalarAt(doc, "spec", "owner");
    if (spec && spec.IsMap() && spec["owner"] && !spec["owner"].IsScalar()) {
      Warn(spec["owner"], "Backstage " + kind + " \"" + name +
                              "\": spec.owner must be an entity reference; ignored");
    }
    if (kind == "api") {
      CatalogApi api;
      api.name = ns.empty() ? name : ns + "/" + name;
      api.ref = NormalizeEntityRef(name, "api", entity_ns);
      api.owner = owner;
      api.type = ScalarAt(doc, "spec", "type");
      api.file = file;
      api.line = LineOf(doc);
      api.definition = Definition(doc, spec && spec.IsMap() ? spec["definition"] : YAML::Node(),
                                  api.name, api.type);
      catalog->apis.push_back(std::move(api));
      return;
    }
    if (!spec || !spec.IsMap()) return;
    if (kind == "location") {
      Location(spec, name);
      return;
    }
    if (YAML::Node provides = spec["providesApis"]; provides && provides.IsSequence()) {
      for (const auto& item : provides) {
        if (!item.IsScalar() || item.Scalar().empty()) {
          Warn(item, "Backstage " + kind + " \"" + name +
                         "\": a providesApis entry must be an entity reference; ignored");
          continue;
        }
        provided->push_back({item.Scalar(), NormalizeEntityRef(item.Scalar(), "api", entity_ns),
                             owner, name, file, LineOf(item), ColumnOf(item)});
      }
    } else if (provides) {
      Warn(provides, "Backstage " + kind + " \"" + name +
                         "\": spec.providesApis must be a list of entity references; ignored");
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
  std::vector<Reader::Provided> provided;
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
    Reader reader{snapshot, file.path, warnings, &catalog, &pending, &provided, &globs};
    try {
      for (const auto& doc : docs) reader.Entity(doc);
    } catch (const YAML::Exception& e) {
      diagnostics->Add(file.path, e.mark.line + 1, e.mark.column + 1,
                       "cannot read the Backstage catalog: " + e.msg);
    }
  }
  // The same API twice: the first one counts.
  std::map<std::string, std::pair<std::string, int>> seen;  // ref -> file, line
  std::vector<CatalogApi> apis;
  for (auto& api : catalog.apis) {
    auto [it, inserted] = seen.emplace(api.ref, std::make_pair(api.file, api.line));
    if (!inserted) {
      warnings->push_back(Diagnostic{api.file, api.line, 1,
                                     "Backstage API \"" + api.name + "\" (" + api.ref +
                                         ") is defined at " + it->second.first + ":" +
                                         std::to_string(it->second.second) +
                                         " already; that entity is used and this one is ignored"});
      continue;
    }
    apis.push_back(std::move(api));
  }
  catalog.apis = std::move(apis);
  std::map<std::string, CatalogApi*> by_ref;
  for (auto& api : catalog.apis) by_ref.emplace(api.ref, &api);
  for (const auto& p : provided) {
    auto it = by_ref.find(p.key);
    if (it == by_ref.end()) {
      warnings->push_back(Diagnostic{p.file, p.line, p.column,
                                     "Backstage entity \"" + p.entity + "\" provides \"" + p.ref +
                                         "\", but no catalog file defines that API (looked for " +
                                         p.key + ")"});
      continue;
    }
    if (it->second->owner.empty()) it->second->owner = p.owner;
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
