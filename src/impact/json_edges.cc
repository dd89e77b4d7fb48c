// $ref edges of JSON Schema files for consumer reachability. Each `$ref`,
// `$dynamicRef` and `$recursiveRef` is resolved as the comparison resolves
// it (SchemaSide: relative files, `$id` bases and absolute `$id`s, `$anchor`s,
// pointers), so a selector reaches what the compared subschema reaches.
#include <nlohmann/json.hpp>

#include "impact/impact.h"
#include "jsonschema/schema_side.h"

namespace contract_lint {
namespace {

void Walk(SchemaSide& side, const SchemaNode& node, int depth, ImpactGraph* graph) {
  if (depth > kMaxJsonDepth) return;
  const nlohmann::json& value = *node.value;
  if (value.is_object()) {
    for (std::string_view keyword : {"$ref", "$dynamicRef", "$recursiveRef"}) {
      const nlohmann::json* ref = node.Get(keyword);
      if (!ref) continue;
      std::string text = keyword == "$recursiveRef" ? "#"
                         : ref->is_string()         ? ref->get<std::string>()
                                                    : "";
      if (text.empty()) continue;
      RefTarget target = side.Resolve(node, text);
      if (target.status != RefTarget::kFound)
        continue;  // remote or an input error the check reports
      graph->Add(node.doc->path + "#" + node.pointer,
                 target.node.doc->path + "#" + target.node.pointer);
    }
    for (const auto& [key, unused] : value.items())
      Walk(side, side.Child(node, key), depth + 1, graph);
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      Walk(side, side.Child(node, std::to_string(i)), depth + 1, graph);
  }
}

}  // namespace

void AddJsonSchemaEdges(const Snapshot& snapshot, const JsonSchemaSettings& settings,
                        ImpactGraph* graph) {
  Diagnostics ignored;  // unreadable files and bad references are the JSON Schema check's to report
  SchemaSide side(snapshot, settings, "", &ignored);
  for (const auto& file : snapshot.Files()) {
    if (!side.IsContract(file.path)) continue;
    if (const SchemaDocument* doc = side.Load(file.path)) Walk(side, side.Root(*doc), 0, graph);
  }
}

}  // namespace contract_lint
