// A containment check for the verdict on compositions: does every document
// one subschema accepts pass the other? Sound in one direction only: "yes"
// is proved, "no" comes with a counterexample that valijson accepts on one
// side and rejects on the other, anything else is "unknown" (the keyword
// diff's conservative verdict stands).
//
// Scope: subschemas without $refs (a shared definition is judged where it is
// compared, never hidden by one composition that happens to contain it).
// `anyOf` is a union, `oneOf` a union when its branches are provably
// disjoint (over-approximated as a union on the accepted side), `allOf` an
// intersection of branches whose keywords do not interact, `type` arrays are
// split into one branch per type. Branches compare by per-type keywords:
// types (integer within number), enum/const as sets, required as a set,
// numeric/length/count bounds, and keywords that do not apply to a branch's
// types are vacuous; everything else must be equal.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "jsonschema/schema_document.h"

namespace contract_lint {

struct Containment {
  enum Answer { kUnknown, kYes, kNo } answer = kUnknown;
  std::string counterexample;  // kNo: a compact JSON document
};

// Whether every document `inner` accepts is accepted by `outer` (both
// ref-free subschemas of documents in `draft`).
Containment Contains(const nlohmann::json& inner, const nlohmann::json& outer, Draft draft);

// True when `schema` (or anything under it) has a $ref, $dynamicRef or
// $recursiveRef.
bool HasRefs(const nlohmann::json& schema);

// True when `schema` combines subschemas (allOf / anyOf / oneOf) or lists
// several types: where spelling and accepted set most often disagree.
bool IsComposition(const nlohmann::json& schema);

// Whether valijson accepts `document` against the ref-free `schema`.
bool AcceptsDocument(const nlohmann::json& schema, const nlohmann::json& document, Draft draft);

}  // namespace contract_lint
