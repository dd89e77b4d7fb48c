// Pairing of two OpenAPI documents, the one place where it happens:
// operations by method + normalised path template, parameters by in + name
// (path parameters by position), responses by status code, media types by
// name, body schema properties by name; body schemas are also judged by the
// JSON Schema engine in the exchange's direction (`lenient`: its content model). Each difference is
// one finding with oasdiff's check id; the policy sets its severity from the rule table.
#pragma once

#include <vector>

#include "contract_lint/finding.h"
#include "openapi/openapi_check.h"
#include "openapi/openapi_document.h"

namespace contract_lint {

// Compares `old_doc` (null: the file is new) with `new_doc` (null: deleted);
// `settings`: the content model and the deprecation policy.
void CompareApiDocuments(ApiSide& old_side, const ApiDocument* old_doc, ApiSide& new_side,
                         const ApiDocument* new_doc, std::vector<Finding>* findings,
                         const OpenApiSettings& settings = {});

}  // namespace contract_lint
