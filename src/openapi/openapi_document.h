// One side's OpenAPI files: YAML (or JSON) parsed by libyaml into the JSON
// model, with the line:column of every node by JSON pointer, and the $ref
// resolver over them (same document, or a relative file of the repository;
// nothing is fetched).
#pragma once

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"
#include "jsonschema/json_positions.h"

namespace contract_lint {

struct ApiDocument {
  std::string path;  // repository path
  std::string blob_id;
  nlohmann::json root;
  std::unordered_map<std::string, TextSpan> positions;  // JSON pointer -> key (or value) span

  // The span of `pointer`, or of its nearest enclosing node.
  TextSpan Find(std::string pointer) const;
};

// The operation keys of an OpenAPI path item, in the specification's order.
inline constexpr const char* kHttpMethods[] = {"get",     "put",  "post",  "delete",
                                               "options", "head", "patch", "trace"};

// "/orders/{orderId}/items" -> "/orders/{}/items": how operations are paired
// (a path parameter's name is no part of the path); `names` gets the
// parameter names in order.
std::string NormalisePathTemplate(const std::string& path,
                                  std::vector<std::string>* names = nullptr);

// A node where it lives; `value` is null when absent.
struct ApiNode {
  const ApiDocument* doc = nullptr;
  const nlohmann::json* value = nullptr;
  std::string pointer;

  explicit operator bool() const { return value != nullptr; }
  // The child at `key` (object) or index (array); absent when missing.
  ApiNode Child(const std::string& key) const;
  ApiNode Child(size_t index) const;
};

// Parses YAML or JSON text. Duplicate keys, anchors beyond a node budget and
// nesting beyond a depth are errors; on failure adds a diagnostic at the
// 1-based position and returns false.
bool ParseApiDocument(const std::string& path, const std::string& text,
                      const std::string& side_note, ApiDocument* doc, Diagnostics* diagnostics);

class ApiSide {
 public:
  // `jobs` (-j, 0 = all cores): with 1, Prefetch parses nothing ahead.
  ApiSide(const Snapshot& snapshot, std::string side_note, Diagnostics* diagnostics, int jobs = 0)
      : snapshot_(snapshot),
        side_note_(std::move(side_note)),
        diagnostics_(diagnostics),
        jobs_(jobs) {}
  // A command-line run keeps the parsed documents until it exits
  // (exit_pool.h): freeing their JSON trees piece by piece was 6 % of the
  // 2 MB bench.
  ~ApiSide();

  // The parsed file, or null when missing or invalid (diagnosed once).
  const ApiDocument* Load(const std::string& path);
  // Reads `paths` now and parses them on another thread while the caller goes
  // on; Load takes those results (and reports their errors only then, so
  // the outcome is the same as without).
  void Prefetch(const std::vector<std::string>& paths);
  ApiNode Root(const ApiDocument& doc) const { return ApiNode{&doc, &doc.root, ""}; }

  // Follows `$ref`s from `node` until a node without one; reports a $ref
  // that cannot be followed (once) and returns an absent node then.
  ApiNode Deref(ApiNode node);

  // Resolves every $ref reachable from `doc` (other files included), so
  // that a broken reference is an input error even where nothing changed.
  // Fills `files` with the repository files it reaches.
  void CheckRefs(const ApiDocument& doc, std::set<std::string>* files);

  const std::string& side_note() const { return side_note_; }

 private:
  ApiNode Resolve(const ApiNode& at, const std::string& ref);
  void Report(const ApiNode& at, const std::string& message);

  const Snapshot& snapshot_;
  std::string side_note_;
  Diagnostics* diagnostics_;
  int jobs_;
  std::map<std::string, std::unique_ptr<ApiDocument>> docs_;  // null = failed to load
  std::set<std::pair<const ApiDocument*, std::string>> reported_;
  struct Prefetched {
    std::string text;
    std::unique_ptr<ApiDocument> doc;  // null when the text did not parse
    Diagnostics diagnostics;           // why
  };
  std::map<std::string, Prefetched> prefetched_;  // filled by `prefetching_`
  std::future<void> prefetching_;                 // declared last: joined first
};

// How OpenAPI and AsyncAPI pick the documents a change can affect. Every
// current document `selected` names is loaded, its format version checked
// (`version` returns 0 for a document that is not one, diagnosed, and is
// given the side's note) and its $refs followed; any input error stops there.
// Then each baseline document whose file, or a file its $refs reach, changed
// (or that is gone) is handed to `compare`, with its current version (null
// when deleted). Returns {current documents, documents compared}.
struct ApiDocumentCounts {
  int files = 0;
  int changed = 0;
};
ApiDocumentCounts CompareChangedDocuments(
    const Snapshot& against, const Snapshot& current, ApiSide& old_side, ApiSide& new_side,
    const std::function<bool(const std::string& path)>& selected,
    const std::function<int(const ApiDocument& doc, const std::string& side_note)>& version,
    const std::function<void(const ApiDocument& old_doc, int old_version,
                             const ApiDocument* new_doc, int new_version)>& compare,
    const Diagnostics& diagnostics);

struct Change;  // src/jsonschema/schema_change.h
// Compares two body schemas (already inlined: no $ref leaves them) with the
// JSON Schema engine, `lenient` choosing its content model. False when the
// engine cannot judge them (unparsable, too deep): no change is then claimed.
bool CompareInlinedSchemas(const nlohmann::json& before, const nlohmann::json& after, bool lenient,
                           std::vector<Change>* changes);

// A finding at `at` (its span in its document), subject `file#subject`: how
// the OpenAPI and AsyncAPI comparers word every change.
Finding ApiFinding(ContractKind kind, std::string_view rule, const ApiNode& at, Side side,
                   const std::string& file, const std::string& subject, std::string message,
                   std::string before = "", std::string after = "");

}  // namespace contract_lint
