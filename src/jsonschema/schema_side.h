// One side of a comparison: its schema documents, loaded on demand, and the
// $ref resolver over them ($id bases, anchors, relative files, pointers).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"
#include "jsonschema/jsonschema_check.h"
#include "jsonschema/schema_document.h"

namespace contract_lint {

// A subschema where it lives. `value` is never null: a keyword that is
// absent points at a shared `true` and has absent = true, with `pointer`
// naming where it would be.
// False for a keyword `draft` does not define yet (propertyNames in
// draft-04, if in draft-06, prefixItems in draft-07, …): not active there.
bool KeywordDefinedIn(Draft draft, std::string_view keyword);

struct SchemaNode {
  const SchemaDocument* doc = nullptr;
  const nlohmann::json* value = nullptr;
  std::string pointer;
  std::string base;  // base URI in scope ($id)
  bool absent = false;

  bool is_object() const { return value->is_object(); }
  const nlohmann::json* Get(std::string_view keyword) const;
};

const nlohmann::json& TrueSchema();
// Stands for a $ref that could not be followed (remote, or an input error
// reported elsewhere): such a subschema is never compared.
const nlohmann::json& UnresolvedSchema();

// The reference a subschema stands for when it is a bare reference (a
// `$ref`, `$dynamicRef` or `$recursiveRef` whose siblings, if any, the draft
// ignores or are only annotations); "" otherwise. `$recursiveRef` gives "#".
std::string BareRef(const SchemaNode& node, bool* dynamic);

// How many bare references in a row are followed. The check diagnoses longer
// chains (and cycles), so comparing never gives up silently.
inline constexpr int kMaxRefHops = 64;

struct RefTarget {
  enum Status { kFound, kRemote, kError } status = kError;
  SchemaNode node;      // kFound
  std::string message;  // kError: what is wrong, e.g. "leaves the repository"
};

class SchemaSide {
 public:
  // `side_note` is appended to parse diagnostics (" (in the baseline)").
  SchemaSide(const Snapshot& snapshot, const JsonSchemaSettings& settings, std::string side_note,
             Diagnostics* diagnostics);

  const Snapshot& snapshot() const { return snapshot_; }
  bool IsContract(std::string_view path) const;

  // The parsed document, or null when missing or invalid (diagnosed once).
  const SchemaDocument* Load(const std::string& path);
  // Reads and parses `paths` on `jobs` threads, for Load() to take: their
  // diagnostics wait for Load(), as if they were parsed then.
  // `texts`: contents already read from this side's snapshot, by path
  // (taken, not copied).
  void Preload(const std::vector<std::string>& paths, int jobs,
               std::map<std::string, std::string>* texts = nullptr);
  SchemaNode Root(const SchemaDocument& doc) const;

  // The child subschema at `token` below `parent` (absent when missing),
  // with its base URI.
  SchemaNode Child(const SchemaNode& parent, std::string_view token) const;
  SchemaNode Child(const SchemaNode& parent, std::string_view keyword,
                   std::string_view token) const;

  // Resolves the reference `ref` written in `at`.
  RefTarget Resolve(const SchemaNode& at, std::string_view ref);

  // Limits the documents searched for an $id that no loaded document
  // claims to `paths` (by default every contract of the snapshot).
  void LimitIdSearch(std::set<std::string> paths) {
    id_search_ = std::move(paths);
    limit_id_search_ = true;
    resolved_.clear();
  }

  // Where an $id no loaded document claims may be: the contracts whose name
  // or lexical $id strings end in the URI's last segment (see
  // jsonschema_check.cc). Without it, every contract is loaded then.
  // `always`: documents searched for every such $id (the baseline's side
  // uses the current side's index, plus its own versions of changed files).
  void SetIdIndex(std::map<std::string, std::set<std::string>> by_last_segment,
                  std::set<std::string> always = {}) {
    id_index_ = std::move(by_last_segment);
    id_always_ = std::move(always);
    has_id_index_ = true;
    resolved_.clear();
  }

  // Every document loaded so far, in load order.
  const std::vector<const SchemaDocument*>& loaded() const { return loaded_; }

  // A resource URI ($id) that two loaded documents both claim: `first`
  // registered it first, `second` is where the copy's $id sits.
  struct DuplicateId {
    std::string uri;
    const SchemaDocument* first;
    const SchemaDocument* second;
    std::string pointer;  // in `second`
  };
  const std::vector<DuplicateId>& duplicate_ids() const { return duplicate_ids_; }

 private:
  struct Anchor {
    const SchemaDocument* doc;
    std::string pointer;
  };
  void Register(const SchemaDocument& doc);
  void RegisterNode(const SchemaDocument& doc, const nlohmann::json& node, std::string* pointer,
                    const std::string& base, int depth);
  // The resource `uri` names; a document's own resource wins over a copy of
  // its $id elsewhere (`prefer`, the document the reference is written in).
  // False with *ambiguous set when two other documents claim it.
  bool LookupResource(const std::string& uri, const SchemaDocument* prefer, Anchor* anchor,
                      std::string* ambiguous);
  RefTarget ResolveUncached(const SchemaNode& at, std::string_view ref);
  // Resolve()'s answers by (document, base URI, reference), valid while no
  // document is loaded (resolved_generation_ = loaded_.size()).
  std::unordered_map<std::string, RefTarget> resolved_;
  size_t resolved_generation_ = 0;
  RefTarget Locate(const Anchor& resource, const std::string& resource_uri,
                   const std::string& fragment, std::string_view ref);
  std::string BaseAt(const SchemaDocument& doc, const std::string& pointer) const;
  void LoadAllContracts();

  const Snapshot& snapshot_;
  const JsonSchemaSettings& settings_;
  std::string side_note_;
  Diagnostics* diagnostics_;
  std::map<std::string, std::unique_ptr<SchemaDocument>> docs_;  // null = failed to load
  // $id and repo: URIs without fragment, and "uri#name" anchors: every
  // document that claims one, in load order ($id is per document first).
  std::map<std::string, std::vector<Anchor>> resources_;
  std::map<std::string, std::vector<Anchor>> anchors_;
  std::vector<DuplicateId> duplicate_ids_;
  std::vector<const SchemaDocument*> loaded_;
  bool loaded_all_ = false;
  bool limit_id_search_ = false;
  bool has_id_index_ = false;
  std::map<std::string, std::set<std::string>> id_index_;
  std::set<std::string> id_always_;
  bool LoadIndexed(const std::string& uri);
  std::set<std::string> id_search_;
  struct Preloaded {
    std::unique_ptr<SchemaDocument> doc;  // null: could not be read or parsed
    std::vector<Diagnostic> diagnostics;
  };
  std::map<std::string, Preloaded> preloaded_;
};

}  // namespace contract_lint
