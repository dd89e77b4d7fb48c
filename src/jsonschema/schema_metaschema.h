// Is a file a JSON Schema at all? Validated with valijson against its
// draft's metaschema, embedded (nothing is fetched): draft-04 for draft-04
// documents, draft-07 for drafts 06, 07, 2019-09 and 2020-12 (valijson knows
// no later metaschema; the keywords those drafts add are not shape-checked).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "jsonschema/schema_document.h"

namespace contract_lint {

struct MetaschemaProblem {
  std::string pointer;  // where in the document ("" = the root)
  std::string message;  // e.g. "\"type\" names no type \"strin\"; did you mean \"string\"?"
};

// The problems of `doc` against its draft's metaschema (empty when valid),
// the deepest failing location each. Thread-safe.
std::vector<MetaschemaProblem> CheckMetaschema(const SchemaDocument& doc);

// Whether valijson may compile `schema` (a subschema value): its draft's
// metaschema accepts it. valijson aborts on a schema it cannot read.
bool IsSchemaValue(const nlohmann::json& schema, Draft draft);

// Removes every "format" keyword (valijson aborts on a non-string value
// under one, and the metaschemas put them on $id, $ref, pattern).
void StripFormats(nlohmann::json* schema);

// The metaschema a draft is checked against, by name ("draft-07").
std::string_view MetaschemaName(Draft draft);

std::string_view Draft04Metaschema();
std::string_view Draft07Metaschema();

}  // namespace contract_lint
