// The JSON Schema check: pick the contract files of both sides, decide which
// need comparing (changed, or referencing something changed), validate every
// $ref of the current side, compare, and turn changes into findings.
#include "jsonschema/jsonschema_check.h"

#include <algorithm>
#include <deque>
#include <future>
#include <initializer_list>
#include <map>
#include <set>

#include "base/parallel.h"
#include "base/version_component.h"
#include "jsonschema/schema_compare.h"
#include "jsonschema/schema_metaschema.h"
#include "jsonschema/schema_side.h"
#include "jsonschema/schema_uri.h"

namespace contract_lint {
namespace {

// The major versions a path names, one per segment such as `v2` in
// `schemas/v2/order.json`, `order.v2.json` or `orders-v2/…` (`v1beta1` is 1).
std::vector<int> PathMajors(const std::string& path) {
  std::vector<int> majors;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find_first_of("/.-_", start);
    std::string_view part = std::string_view(path).substr(
        start, end == std::string::npos ? std::string::npos : end - start);
    if (auto major = VersionComponentMajor(part)) majors.push_back(*major);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return majors;
}

// A file renamed to another major version (`order.v1.json` -> `order.v2.json`,
// or an unversioned `order.json`, taken as v1, -> `order.v2.json`) is a new
// contract, whatever its $id says.
bool NewMajorPath(const std::string& before, const std::string& after) {
  std::vector<int> old_majors = PathMajors(before);
  std::vector<int> new_majors = PathMajors(after);
  if (new_majors.empty()) return false;
  if (old_majors.empty()) {
    return std::any_of(new_majors.begin(), new_majors.end(), [](int major) { return major > 1; });
  }
  return old_majors != new_majors;
}

using nlohmann::json;

struct RemoteRef {
  const SchemaDocument* doc;
  std::string pointer;  // of the subschema holding the $ref
  std::string ref;
};

// A $ref of the current side that cannot be followed.
struct UnresolvedRef {
  const SchemaDocument* doc;
  std::string pointer;  // of the subschema holding the $ref
  std::string keyword;  // $ref, $dynamicRef, $recursiveRef
  std::string ref;
  std::string reason;  // "points at x.json, which does not exist"
};

std::string_view Consequence(Direction direction) {
  switch (direction) {
    case Direction::kNarrowing:
      return ": documents valid before are now rejected";
    case Direction::kWidening:
      return ": readers on the old schema reject new documents";
    case Direction::kBoth:
      return ": documents valid before are now rejected, and readers on the old schema reject new "
             "documents";
    default:
      return "";
  }
}

std::string Quoted(const std::string& pointer) { return "\"#" + pointer + "\""; }

// Walks every subschema of the current side's documents: diagnoses $refs
// that cannot be resolved or that form a cycle of bare references, records
// remote ones and which file references which.
class RefScanner {
 public:
  RefScanner(SchemaSide* side, Diagnostics* diagnostics) : side_(side), diagnostics_(diagnostics) {}

  void Scan(const SchemaDocument& doc) { Walk(side_->Root(doc), 0); }

  std::map<std::string, std::set<std::string>> edges;  // path -> referenced paths
  std::vector<RemoteRef> remote;
  std::vector<UnresolvedRef> unresolved;

 private:
  void Walk(const SchemaNode& node, int depth) {
    if (depth > kMaxJsonDepth || node.absent) return;
    if (node.value->is_object()) {
      for (const char* keyword : {"$ref", "$dynamicRef", "$recursiveRef"}) {
        const json* ref = node.Get(keyword);
        if (ref && ref->is_string()) Check(node, keyword, ref->get<std::string>());
      }
      for (const auto& [key, value] : node.value->items()) {
        if (key == "enum" || key == "const" || key == "examples" || key == "default") continue;
        if (value.is_structured()) Walk(side_->Child(node, key), depth + 1);
      }
    } else if (node.value->is_array()) {
      for (size_t i = 0; i < node.value->size(); ++i) {
        if ((*node.value)[i].is_structured())
          Walk(side_->Child(node, std::to_string(i)), depth + 1);
      }
    }
  }

  void Report(const SchemaNode& at, std::string_view keyword, const std::string& ref,
              const std::string& reason) {
    const TextSpan* span = at.doc->positions.Find(at.pointer + "/" + std::string(keyword));
    diagnostics_->Add(
        at.doc->path, span ? span->line : 0, span ? span->column : 0,
        std::string(keyword) + " \"" + ref + "\" at " + Quoted(at.pointer) + " " + reason);
  }

  void Check(const SchemaNode& at, std::string_view keyword, const std::string& ref) {
    std::string target_ref = keyword == "$recursiveRef" ? "#" : ref;
    RefTarget target = side_->Resolve(at, target_ref);
    if (target.status != RefTarget::kFound && keyword == "$dynamicRef")
      target = side_->Resolve(at, "#");
    if (target.status == RefTarget::kRemote) {
      remote.push_back(RemoteRef{at.doc, at.pointer, ref});
      return;
    }
    if (target.status == RefTarget::kError) {
      unresolved.push_back(
          UnresolvedRef{at.doc, at.pointer, std::string(keyword), ref, target.message});
      return;
    }
    edges[at.doc->path].insert(target.node.doc->path);
    // Bare references that lead back to themselves define nothing.
    std::set<std::pair<std::string, std::string>> seen{{at.doc->path, at.pointer}};
    SchemaNode current = target.node;
    for (int hops = 0; hops < kMaxRefHops; ++hops) {
      bool dynamic = false;
      std::string next = BareRef(current, &dynamic);
      if (next.empty()) return;
      if (!seen.insert({current.doc->path, current.pointer}).second) {
        Report(at, keyword, ref, "is part of a cycle of $refs that never reaches a schema");
        return;
      }
      RefTarget step = side_->Resolve(current, next);
      if (step.status != RefTarget::kFound) return;
      current = std::move(step.node);
    }
    bool dynamic = false;
    if (!BareRef(current, &dynamic).empty()) {
      Report(at, keyword, ref,
             "starts a chain of more than " + std::to_string(kMaxRefHops) +
                 " $refs that each stand for the next; point it closer to the schema");
    }
  }

  SchemaSide* side_;
  Diagnostics* diagnostics_;
};

Finding ToFinding(const Change& change) {
  Finding finding;
  finding.rule = change.rule;
  finding.severity = change.severity;
  finding.kind = ContractKind::kJsonSchema;
  finding.direction = change.direction;
  const TextSpan* span = change.doc->positions.Find(change.location);
  finding.location.path = change.doc->path;
  if (span) {
    finding.location.line = span->line;
    finding.location.column = span->column;
    finding.location.end_line = span->end_line;
    finding.location.end_column = span->end_column;
  }
  finding.subject = change.doc->path + "#" + change.subject;
  finding.message = Quoted(change.subject) + " " + change.text +
                    std::string(Consequence(change.direction)) + change.note;
  finding.before = change.before;
  finding.after = change.after;
  return finding;
}

// Named definitions ($defs / definitions) of a root, by name.
std::map<std::string, SchemaNode> Definitions(const SchemaSide& side, const SchemaNode& root) {
  std::map<std::string, SchemaNode> out;
  for (const char* keyword : {"definitions", "$defs"}) {
    const json* map = root.Get(keyword);
    if (!map || !map->is_object()) continue;
    for (const auto& [name, value] : map->items())
      out.insert_or_assign(name, side.Child(root, keyword, name));
  }
  return out;
}

}  // namespace

// The current side's $refs, as RefScanner found them.
struct SchemaSides::Refs {
  std::map<std::string, std::set<std::string>> edges;
  std::vector<RemoteRef> remote;
  std::vector<UnresolvedRef> unresolved;  // that the baseline could not follow either
};

SchemaSides::SchemaSides() = default;
SchemaSides::~SchemaSides() = default;

const SchemaDocument* SchemaSides::Against(const std::string& path) {
  return against_ ? against_->Load(path) : nullptr;
}
const SchemaDocument* SchemaSides::Current(const std::string& path) {
  return current_ ? current_->Load(path) : nullptr;
}

namespace {

std::set<std::string> ContractPaths(const SchemaSide& side) {
  std::set<std::string> paths;
  for (const auto& file : side.snapshot().Files()) {
    if (side.IsContract(file.path)) paths.insert(file.path);
  }
  return paths;
}

std::string RefMessage(const UnresolvedRef& ref) {
  return ref.keyword + " \"" + ref.ref + "\" at " + Quoted(ref.pointer) + " " + ref.reason;
}

// Splits the current side's unresolvable $refs: one the change breaks (the
// file or the $ref is new or edited, or its target was there in the
// baseline) is an input error; one the baseline could not follow either is
// returned, to be reported as a warning.
std::vector<UnresolvedRef> ClassifyUnresolved(const Snapshot& against, const Snapshot& current,
                                              const JsonSchemaSettings& settings,
                                              std::vector<UnresolvedRef> unresolved,
                                              Diagnostics* diagnostics) {
  std::vector<UnresolvedRef> kept;
  if (unresolved.empty()) return kept;
  // A probe of the baseline: its parse errors belong to the comparison, and
  // an $id only a changed file can have claimed differently (the current
  // side searched every other one already).
  Diagnostics ignored;
  SchemaSide probe(against, settings, " (in the baseline)", &ignored);
  std::set<std::string> changed, changed_paths;
  for (const auto& file : against.Files()) {
    const SnapshotFile* now = current.Find(file.path);
    if (!now || now->blob_id != file.blob_id) changed.insert(file.path);
  }
  for (const auto& file : current.Files()) {
    const SnapshotFile* before = against.Find(file.path);
    if (!before || before->blob_id != file.blob_id) changed_paths.insert(file.path);
  }
  probe.LimitIdSearch(std::move(changed));
  for (auto& ref : unresolved) {
    bool introduced = true;
    if (ref.reason.rfind("is ambiguous", 0) == 0) {
      // Broken by the change if it added or edited a copy of the $id, or
      // edited the referring file (then: if the baseline followed this $ref).
      introduced = false;
      for (const auto& path : changed_paths) {
        if (ref.reason.find(" " + path) != std::string::npos) introduced = true;
      }
      if (!introduced && !changed_paths.count(ref.doc->path)) {
        kept.push_back(std::move(ref));
        continue;
      }
      introduced = true;
    }
    const SchemaDocument* old_doc =
        against.Find(ref.doc->path) ? probe.Load(ref.doc->path) : nullptr;
    std::vector<std::string> tokens;
    if (old_doc && PointerTokens(ref.pointer, &tokens)) {
      SchemaNode node = probe.Root(*old_doc);
      for (const auto& token : tokens) node = probe.Child(node, token);
      const json* value = node.absent ? nullptr : node.Get(ref.keyword);
      if (value && value->is_string() && value->get_ref<const std::string&>() == ref.ref) {
        RefTarget target = probe.Resolve(node, ref.keyword == "$recursiveRef" ? "#" : ref.ref);
        if (target.status != RefTarget::kFound && ref.keyword == "$dynamicRef")
          target = probe.Resolve(node, "#");
        introduced = target.status == RefTarget::kFound;
      }
    }
    if (introduced) {
      const TextSpan* span = ref.doc->positions.Find(ref.pointer + "/" + ref.keyword);
      diagnostics->Add(ref.doc->path, span ? span->line : 0, span ? span->column : 0,
                       RefMessage(ref));
    } else {
      kept.push_back(std::move(ref));
    }
  }
  return kept;
}

// The last path segment of a URI reference, without fragment or query:
// "../a/b.json#/x" -> "b.json".
std::string LastSegment(std::string_view ref) {
  ref = ref.substr(0, ref.find('#'));
  ref = ref.substr(0, ref.find('?'));
  size_t slash = ref.rfind('/');
  return std::string(slash == std::string_view::npos ? ref : ref.substr(slash + 1));
}

// JsonStringsByKey, all keys' values in one list.
void StringsOf(std::string_view text, std::initializer_list<std::string_view> keys,
               std::vector<std::string>* out) {
  for (auto& values : JsonStringsByKey(text, keys)) {
    for (auto& value : values) out->push_back(std::move(value));
  }
}

struct LexicalScan {
  std::vector<std::string> ref_targets;  // last segments of non-fragment $refs
  std::vector<std::string> ids;          // last segments of $id / id strings
  std::vector<std::string> full_ids;     // the $id / id strings without fragment
};

// What follows the size of the change and what follows the collection. A
// file's findings can change only if the file changed, if a file it $refs
// (directly or through a chain, by path or by $id) changed or disappeared,
// or if another file now claims one of its $ids: an unchanged file all of
// whose $refs reach unchanged files resolves every reference to the same
// bytes on both sides, so its comparison finds nothing. Only the files in
// that closure are parsed, $ref-checked and compared (on SchemaStore
// `HEAD~10`: 13 of 814 parsed, 9 compared, which is the cost of the change
// itself, vector.json's 36,000 lines). What is still proportional to the
// collection is this scan: to know which unchanged files reference a
// changed one (and which claim an $id), each current contract's bytes must
// be read once (from git: inflating its blob) and searched for "$ref"/"$id"
// strings; there is no index of the unchanged files' references to read
// instead. It is parallel and lexical; about a fifth of the CPU of a
// PR-sized range.
//
// Which contracts the comparison needs, from a lexical scan of every
// current contract (no parse): the new and edited ones, and the unchanged
// ones whose $refs may reach one of them (by file name or by $id, over-
// approximated by the last path segment). Fills `id_index` (last segment ->
// contracts with that name or $id) for the side's $id lookups.
// The texts of the changed contracts (always in the scope) go to `*texts`,
// so that they are not read from the snapshot twice.
std::vector<std::string> ChangeScope(const Snapshot& against, const Snapshot& current,
                                     const std::set<std::string>& paths, int jobs,
                                     std::map<std::string, std::set<std::string>>* id_index,
                                     std::map<std::string, std::string>* texts) {
  std::vector<std::string> all(paths.begin(), paths.end());
  std::vector<LexicalScan> scans(all.size());
  std::vector<char> changed(all.size(), 0);
  std::vector<std::string> changed_texts(all.size());
  ParallelFor(all.size(), jobs, [&](size_t i) {
    const SnapshotFile* before = against.Find(all[i]);
    const SnapshotFile* after = current.Find(all[i]);
    changed[i] = !before || !after || before->blob_id != after->blob_id;
    std::string text, error;
    if (!current.Read(all[i], &text, &error)) {
      changed[i] = 1;  // parsed, so that the read error is reported
      return;
    }
    auto strings = JsonStringsByKey(text, {"$ref", "$dynamicRef", "$id", "id"});
    std::vector<std::string> refs = std::move(strings[0]), ids = std::move(strings[2]);
    for (auto& ref : strings[1]) refs.push_back(std::move(ref));
    for (auto& id : strings[3]) ids.push_back(std::move(id));
    for (const auto& ref : refs) {
      if (!ref.empty() && ref[0] != '#') scans[i].ref_targets.push_back(LastSegment(ref));
    }
    for (const auto& id : ids) {
      scans[i].ids.push_back(LastSegment(id));
      std::string full = id.substr(0, id.find('#'));
      if (!full.empty()) scans[i].full_ids.push_back(full);
    }
    if (changed[i]) changed_texts[i] = std::move(text);
  });
  for (size_t i = 0; i < all.size(); ++i) {
    if (changed[i] && !changed_texts[i].empty()) (*texts)[all[i]] = std::move(changed_texts[i]);
  }
  std::map<std::string, std::vector<size_t>> by_name;
  for (size_t i = 0; i < all.size(); ++i) {
    std::string name = LastSegment(all[i]);
    by_name[name].push_back(i);
    (*id_index)[name].insert(all[i]);
    for (const auto& id : scans[i].ids) {
      by_name[id].push_back(i);
      (*id_index)[id].insert(all[i]);
    }
  }
  // Reverse edges: who may reference whom.
  std::vector<std::vector<size_t>> referrers(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    for (const auto& target : scans[i].ref_targets) {
      auto it = by_name.find(target);
      if (it == by_name.end()) continue;
      for (size_t j : it->second) {
        if (j != i) referrers[j].push_back(i);
      }
    }
  }
  std::vector<char> needed(all.size(), 0);
  std::deque<size_t> queue;
  for (size_t i = 0; i < all.size(); ++i) {
    if (changed[i]) {
      needed[i] = 1;
      queue.push_back(i);
    }
  }
  // A file deleted by the change, or a file that is not a contract and
  // changed (a $ref may name any file): whoever may reference it is checked.
  std::set<std::string> deleted;
  for (const auto& file : against.Files()) {
    if (!current.Find(file.path)) deleted.insert(LastSegment(file.path));
  }
  for (const auto& file : current.Files()) {
    if (paths.count(file.path)) continue;
    const SnapshotFile* before = against.Find(file.path);
    if (!before || before->blob_id != file.blob_id) deleted.insert(LastSegment(file.path));
  }
  // $ref chains through unchanged files that are not contracts: one that
  // may reference a changed name counts as changed (a fix-point over the
  // names contracts reference, each such file scanned once).
  if (!deleted.empty()) {
    std::map<std::string, std::vector<std::string>> others;  // last segment -> paths
    for (const auto& file : current.Files()) {
      if (!paths.count(file.path)) others[LastSegment(file.path)].push_back(file.path);
    }
    std::deque<std::string> names;
    std::set<std::string> queued;
    for (const auto& scan : scans) {
      for (const auto& target : scan.ref_targets) {
        if (queued.insert(target).second) names.push_back(target);
      }
    }
    std::map<std::string, std::vector<std::string>> refs_of;  // name -> names it references
    while (!names.empty()) {
      std::string name = names.front();
      names.pop_front();
      auto it = others.find(name);
      if (it == others.end()) continue;
      for (const auto& path : it->second) {
        std::string text, error;
        if (!current.Read(path, &text, &error)) continue;
        std::vector<std::string> refs;
        StringsOf(text, {"$ref", "$dynamicRef"}, &refs);
        for (const auto& ref : refs) {
          if (ref.empty() || ref[0] == '#') continue;
          std::string target = LastSegment(ref);
          refs_of[name].push_back(target);
          if (queued.insert(target).second) names.push_back(target);
        }
      }
    }
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& [name, targets] : refs_of) {
        if (deleted.count(name)) continue;
        for (const auto& target : targets) {
          if (deleted.count(target)) {
            deleted.insert(name);
            grew = true;
            break;
          }
        }
      }
    }
  }
  for (size_t i = 0; i < all.size() && !deleted.empty(); ++i) {
    for (const auto& target : scans[i].ref_targets) {
      if (deleted.count(target) && !needed[i]) {
        needed[i] = 1;
        queue.push_back(i);
      }
    }
  }
  while (!queue.empty()) {
    size_t next = queue.front();
    queue.pop_front();
    for (size_t from : referrers[next]) {
      if (!needed[from]) {
        needed[from] = 1;
        queue.push_back(from);
      }
    }
  }
  // Files that copy the $id of a needed one: loaded too, so that the copy
  // is reported and each file's own $refs stay its own.
  std::map<std::string, std::vector<size_t>> by_id;
  for (size_t i = 0; i < all.size(); ++i) {
    for (const auto& id : scans[i].full_ids) by_id[id].push_back(i);
  }
  std::vector<char> copies = needed;
  for (size_t i = 0; i < all.size(); ++i) {
    if (!needed[i]) continue;
    for (const auto& id : scans[i].full_ids) {
      for (size_t j : by_id[id]) copies[j] = 1;
    }
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < all.size(); ++i) {
    if (copies[i]) out.push_back(all[i]);
  }
  return out;
}

// Every new or edited current contract is validated against its draft's
// metaschema: invalid where the baseline was valid (or absent) is an input
// error at each failing location; invalid in the baseline too is a warning.
// The new and edited current contracts (loaded: every one is in the scope).
std::vector<const SchemaDocument*> ChangedDocuments(SchemaSide& old_side, SchemaSide& new_side,
                                                    const std::set<std::string>& new_paths) {
  std::vector<const SchemaDocument*> docs;
  for (const auto& path : new_paths) {
    const SnapshotFile* before = old_side.snapshot().Find(path);
    const SnapshotFile* after = new_side.snapshot().Find(path);
    if (before && after && before->blob_id == after->blob_id) continue;
    if (const SchemaDocument* doc = new_side.Load(path)) docs.push_back(doc);
  }
  return docs;
}

void CheckChangedAreSchemas(SchemaSide& old_side, const std::vector<const SchemaDocument*>& docs,
                            const std::vector<std::vector<MetaschemaProblem>>& problems,
                            std::vector<Finding>* findings, Diagnostics* diagnostics) {
  for (size_t i = 0; i < docs.size(); ++i) {
    if (problems[i].empty()) continue;
    const SchemaDocument& doc = *docs[i];
    const SchemaDocument* old_doc =
        old_side.snapshot().Find(doc.path) ? old_side.Load(doc.path) : nullptr;
    std::string intro = "not a valid JSON Schema (its " + std::string(MetaschemaName(doc.draft)) +
                        " metaschema rejects it): ";
    if (old_doc && !CheckMetaschema(*old_doc).empty()) {
      const MetaschemaProblem& first = problems[i].front();
      Change change = MakeChange(
          "SCHEMA_INVALID", Direction::kNone,
          SchemaNode{&doc, &TrueSchema(), first.pointer, "", false}, "",
          intro + first.message +
              (problems[i].size() > 1 ? " (and " + std::to_string(problems[i].size() - 1) + " more)"
                                      : std::string()) +
              "; the baseline was not valid either",
          "", "");
      change.severity = Severity::kWarning;
      findings->push_back(ToFinding(change));
      continue;
    }
    for (const auto& problem : problems[i]) {
      const TextSpan* span = doc.positions.Find(problem.pointer);
      diagnostics->Add(doc.path, span ? span->line : 1, span ? span->column : 1,
                       intro + problem.message + " at " + Quoted(problem.pointer));
    }
  }
}

// Compares the loaded, $ref-checked current side with `old_side`, which
// loads only what is compared: contracts that changed or reach a change.
JsonSchemaStats CompareSides(SchemaSide& old_side, SchemaSide& new_side,
                             const std::set<std::string>& new_paths, const SchemaSides::Refs& refs,
                             bool lenient, std::vector<Finding>* findings, Diagnostics* diagnostics,
                             int jobs, std::set<std::string>* compared_out = nullptr) {
  const Snapshot& against = old_side.snapshot();
  const Snapshot& current = new_side.snapshot();
  JsonSchemaStats stats;
  std::set<std::string> old_paths = ContractPaths(old_side);
  std::set<std::string> all_paths = old_paths;
  all_paths.insert(new_paths.begin(), new_paths.end());
  stats.files = static_cast<int>(all_paths.size());
  auto changed = [&](const std::string& path) {
    const SnapshotFile* before = against.Find(path);
    const SnapshotFile* after = current.Find(path);
    return !before || !after || before->blob_id != after->blob_id;
  };
  for (const auto& path : all_paths) stats.changed += changed(path) ? 1 : 0;

  auto needs_compare = [&](const std::string& path) {
    std::set<std::string> seen{path};
    std::deque<std::string> queue{path};
    while (!queue.empty()) {
      std::string next = queue.front();
      queue.pop_front();
      if (changed(next)) return true;
      auto edges = refs.edges.find(next);
      if (edges == refs.edges.end()) continue;
      for (const auto& target : edges->second) {
        if (seen.insert(target).second) queue.push_back(target);
      }
    }
    return false;
  };

  std::vector<std::string> to_compare;
  for (const auto& path : new_paths) {
    if (old_paths.count(path) && needs_compare(path)) to_compare.push_back(path);
  }
  old_side.Preload(to_compare, jobs);
  SchemaComparer comparer(&old_side, &new_side, lenient);
  comparer.ReportEachUse();
  std::vector<Change> changes;
  std::set<std::string> compared;
  std::set<std::string> moved;  // baseline paths compared with a new file of the same $id
  for (const auto& path : to_compare) {
    const SchemaDocument* old_doc = old_side.Load(path);
    const SchemaDocument* new_doc = new_side.Load(path);
    if (!old_doc || !new_doc) continue;
    compared.insert(path);
    SchemaNode old_root = old_side.Root(*old_doc);
    SchemaNode new_root = new_side.Root(*new_doc);
    comparer.Compare(old_root, new_root, &changes);
    // Definitions are compared by name too: other files may use them directly.
    auto old_defs = Definitions(old_side, old_root);
    for (const auto& [name, node] : Definitions(new_side, new_root)) {
      auto it = old_defs.find(name);
      if (it != old_defs.end()) comparer.Compare(it->second, node, &changes);
    }
  }
  // A schema moved or renamed with the same $id is the same contract: its
  // baseline is compared with the new file, not reported as deleted; unless
  // the new path names another major version (a new contract).
  auto root_id = [](const SchemaDocument& doc) {
    if (!doc.root.is_object()) return std::string();
    auto id = doc.root.find(doc.draft == Draft::k04 ? "id" : "$id");
    if (id == doc.root.end() || !id->is_string()) return std::string();
    std::string text = id->get<std::string>();
    text = text.substr(0, text.find('#'));
    return text;
  };
  std::vector<std::string> added;
  for (const auto& path : new_paths) {
    if (!old_paths.count(path)) added.push_back(path);
  }
  for (const auto& path : old_paths) {
    if (new_paths.count(path) || added.empty()) continue;
    const SchemaDocument* old_doc = old_side.Load(path);
    std::string id = old_doc ? root_id(*old_doc) : "";
    if (id.empty()) continue;
    for (const auto& candidate : added) {
      const SchemaDocument* new_doc = new_side.Load(candidate);
      if (!new_doc || root_id(*new_doc) != id || compared.count(candidate) ||
          NewMajorPath(path, candidate)) {
        continue;
      }
      moved.insert(path);
      compared.insert(candidate);
      comparer.Compare(old_side.Root(*old_doc), new_side.Root(*new_doc), &changes);
      break;
    }
  }
  comparer.Finish(&changes);
  for (const SchemaNode& node : comparer.too_deep()) {
    const TextSpan* span = node.doc->positions.Find(node.pointer);
    diagnostics->Add(node.doc->path, span->line, span->column,
                     "the comparison nests deeper than 300 subschemas (through $refs) at #" +
                         node.pointer + ": not compared; flatten the schema or split it");
  }
  for (const auto& remote : refs.remote) {
    if (!compared.count(remote.doc->path)) continue;
    Change change =
        MakeChange("REF_UNRESOLVED_REMOTE", Direction::kNone,
                   SchemaNode{remote.doc, &TrueSchema(), remote.pointer, "", false}, "$ref",
                   "$ref \"" + remote.ref +
                       "\" is remote and was not checked: remote "
                       "references are never fetched",
                   "", remote.ref);
    change.severity = Severity::kWarning;
    changes.push_back(std::move(change));
  }
  for (const auto& ref : refs.unresolved) {
    if (!compared.count(ref.doc->path)) continue;
    Change change =
        MakeChange("REF_UNRESOLVED", Direction::kNone,
                   SchemaNode{ref.doc, &TrueSchema(), ref.pointer, "", false}, ref.keyword,
                   ref.keyword + " \"" + ref.ref + "\" " + ref.reason +
                       ": not followed (the baseline could not follow it either)",
                   "", ref.ref);
    change.severity = Severity::kWarning;
    changes.push_back(std::move(change));
  }

  if (compared_out) *compared_out = compared;
  std::set<std::tuple<std::string, std::string, int, int, std::string>> seen;
  for (const auto& change : changes) {
    Finding finding = ToFinding(change);
    auto key = std::make_tuple(finding.rule, finding.location.path, finding.location.line,
                               finding.location.column, finding.message);
    if (seen.insert(key).second) findings->push_back(std::move(finding));
  }
  for (const auto& path : old_paths) {
    if (new_paths.count(path) || moved.count(path)) continue;
    Finding finding;
    finding.rule = "SCHEMA_NO_DELETE";
    finding.kind = ContractKind::kJsonSchema;
    finding.direction = Direction::kNarrowing;
    finding.location = Location{path, 1, 1, 1, 1, Side::kAgainst};
    finding.subject = path + "#";
    finding.message =
        "schema file " + path + " deleted" + std::string(Consequence(Direction::kNarrowing));
    findings->push_back(std::move(finding));
  }
  return stats;
}

}  // namespace

JsonSchemaStats CheckJsonSchemas(const Snapshot& against, const Snapshot& current,
                                 const JsonSchemaSettings& settings, std::vector<Finding>* findings,
                                 Diagnostics* diagnostics, const SchemaLoadOptions& load,
                                 SchemaSides* keep) {
  auto old_side =
      std::make_unique<SchemaSide>(against, settings, " (in the baseline)", diagnostics);
  auto new_side = std::make_unique<SchemaSide>(current, settings, "", diagnostics);
  // Every current contract is parsed (on every thread) and its $refs
  // validated: an input error anywhere is reported, whether or not the file
  // changed.
  int jobs = ResolveJobs(load.jobs);
  std::set<std::string> new_paths = ContractPaths(*new_side);
  std::vector<std::string> scope;
  std::map<std::string, std::string> scope_texts;  // read by ChangeScope already
  if (load.full) {
    scope.assign(new_paths.begin(), new_paths.end());
  } else {
    std::map<std::string, std::set<std::string>> id_index;
    scope = ChangeScope(against, current, new_paths, jobs, &id_index, &scope_texts);
    // The baseline's $ids: those of unchanged files are the current ones;
    // its versions of changed and deleted files are searched every time.
    std::set<std::string> changed_before;
    for (const auto& file : against.Files()) {
      const SnapshotFile* now = current.Find(file.path);
      if (!now || now->blob_id != file.blob_id) changed_before.insert(file.path);
    }
    old_side->SetIdIndex(id_index, std::move(changed_before));
    new_side->SetIdIndex(std::move(id_index));
  }
  new_side->Preload(scope, jobs, &scope_texts);
  scope_texts.clear();
  for (const auto& path : scope) new_side->Load(path);
  // The metaschema checks of the changed documents (read-only on parsed
  // documents) run beside the $ref scan, which only one thread can do: on
  // two cores the slower of the two is the wall time, not their sum.
  std::vector<const SchemaDocument*> changed_docs =
      ChangedDocuments(*old_side, *new_side, new_paths);
  std::vector<std::vector<MetaschemaProblem>> problems(changed_docs.size());
  // So are the baseline versions of the edited contracts, which the
  // comparison loads (the scan does not touch the baseline side; parse
  // diagnostics wait for the comparison's Load, as before).
  std::vector<std::string> edited;
  for (const auto& path : new_paths) {
    const SnapshotFile* before = against.Find(path);
    const SnapshotFile* after = current.Find(path);
    if (before && after && before->blob_id != after->blob_id && old_side->IsContract(path))
      edited.push_back(path);
  }
  SchemaSide* baseline = old_side.get();
  auto check_metaschemas = [&problems, &changed_docs, &edited, baseline](int threads) {
    ParallelFor(changed_docs.size(), threads,
                [&](size_t i) { problems[i] = CheckMetaschema(*changed_docs[i]); });
    baseline->Preload(edited, threads);
  };
  std::future<void> metaschemas;
  if (jobs > 1) {
    metaschemas = std::async(std::launch::async, check_metaschemas, jobs - 1);
  } else {
    check_metaschemas(1);
  }
  RefScanner scanner(new_side.get(), diagnostics);
  for (size_t i = 0; i < new_side->loaded().size(); ++i) scanner.Scan(*new_side->loaded()[i]);
  auto refs = std::make_unique<SchemaSides::Refs>(SchemaSides::Refs{
      std::move(scanner.edges), std::move(scanner.remote),
      ClassifyUnresolved(against, current, settings, std::move(scanner.unresolved), diagnostics)});
  if (metaschemas.valid()) metaschemas.get();
  CheckChangedAreSchemas(*old_side, changed_docs, problems, findings, diagnostics);
  std::set<std::string> compared;
  JsonSchemaStats stats = CompareSides(*old_side, *new_side, new_paths, *refs, settings.lenient,
                                       findings, diagnostics, jobs, &compared);
  // $id is per document first: a copy of another file's $id is a warning,
  // reported where either file is new, edited or compared, so that
  // --full reports the same.
  for (const auto& dup : new_side->duplicate_ids()) {
    auto reported = [&](const std::string& path) {
      const SnapshotFile* before = against.Find(path);
      const SnapshotFile* after = current.Find(path);
      return compared.count(path) || !before || !after || before->blob_id != after->blob_id;
    };
    if (!reported(dup.first->path) && !reported(dup.second->path)) continue;
    const char* keyword = dup.second->draft == Draft::k04 ? "id" : "$id";
    Change change = MakeChange(
        "SCHEMA_ID_DUPLICATE", Direction::kNone,
        SchemaNode{dup.second, &TrueSchema(), dup.pointer, "", false}, keyword,
        "$id \"" + dup.uri + "\" of " + dup.second->path + " is also the $id of " +
            dup.first->path +
            ": each file's fragment-only $refs resolve in the file itself; a $ref to this $id "
            "from another file is ambiguous",
        "", dup.uri);
    change.severity = Severity::kWarning;
    findings->push_back(ToFinding(change));
  }

  if (keep) {
    keep->settings_ = &settings;
    keep->current_paths_ = std::move(new_paths);
    keep->refs_ = std::move(refs);
    keep->against_ = std::move(old_side);
    keep->current_ = std::move(new_side);
  }
  return stats;
}

void CompareJsonSchemasWith(const Snapshot& against, SchemaSides& loaded,
                            std::vector<Finding>* findings, Diagnostics* diagnostics,
                            const SchemaLoadOptions& load) {
  if (!loaded.current_) return;
  SchemaSide old_side(against, *loaded.settings_, " (in the release)", diagnostics);
  CompareSides(old_side, *loaded.current_, loaded.current_paths_, *loaded.refs_,
               loaded.settings_->lenient, findings, diagnostics, ResolveJobs(load.jobs));
}

}  // namespace contract_lint
