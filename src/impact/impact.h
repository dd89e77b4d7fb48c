// Consumer impact: which consumers each finding affects, from the ownership
// map's selectors (SPEC "Selectors") and the reachability graph.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "contract_lint/report.h"
#include "impact/impact_graph.h"

namespace contract_lint {

// A compiled `uses` selector: everything it covers.
class ConsumerSelector {
 public:
  ConsumerSelector(const std::string& selector, const ImpactGraph& graph);
  // True when a finding's subject lies inside what the selector covers.
  bool Covers(const Finding& finding) const;

 private:
  std::string glob_;               // trailing-* selectors
  std::set<std::string> covered_;  // canonical names/prefixes reached
  const ImpactGraph* graph_;
  const ApiSelection* api_ = nullptr;  // an OpenAPI/AsyncAPI selector
};

// Sets `affected` on every finding and returns one ConsumerImpact per
// consumer with at least one unsuppressed finding, in config order.
std::vector<ConsumerImpact> ApplyImpact(const Config& config, const ImpactGraph& graph,
                                        std::vector<Finding>* findings);

// Warns about each `uses:` selector that names nothing on either side (a
// typo, a moved schema), with a did-you-mean over the names that exist.
void CheckSelectors(const Config& config, const ImpactGraph& graph, const Snapshot& against,
                    const Snapshot& current, std::vector<Diagnostic>* warnings);

// Adds the $ref edges of the JSON Schema files of `snapshot` that match the
// settings (relative file refs and in-document pointers).
void AddJsonSchemaEdges(const Snapshot& snapshot, const JsonSchemaSettings& settings,
                        ImpactGraph* graph);

// Adds the Protobuf edges (field → type, method → request and response) of
// the files of `snapshot` that can declare one of `selectors` (by package, or
// by path) and of everything they import.
void AddProtoEdges(const Snapshot& snapshot, const ProtoSettings& settings,
                   const std::vector<std::string>& selectors, ImpactGraph* graph);

// Resolves each `uses` selector that names an OpenAPI or AsyncAPI document
// (a file matched by openapi/asyncapi.include on either side): an operation
// ("METHOD /path/{param}", parameter names normalised), an operationId, a JSON
// pointer, an AsyncAPI channel key or operation id, or the whole file.
void AddApiSelections(const Snapshot& against, const Snapshot& current, const Config& config,
                      const std::vector<std::string>& selectors, ImpactGraph* graph);

// The nearest name the selector's document has for a selector that names
// nothing ("file#GET /orders/{orderId}"), or "".
std::string ApiSuggestion(const ApiSelection& selection, const std::string& rest);

// True when `finding` lies inside what the OpenAPI/AsyncAPI `selection` covers.
bool ApiSelectionCovers(const ImpactGraph& graph, const ApiSelection& selection,
                        const Finding& finding);

}  // namespace contract_lint
