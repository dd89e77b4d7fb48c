// Suppression: inline markers in the current files and baseline files of
// accepted fingerprints. Suppressed findings stay in the report, marked, so
// they are counted and shown with --show-suppressed.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"
#include "openapi/openapi_document.h"

namespace contract_lint {

// `// contract-lint:ignore RULE_ID[,RULE_ID…] reason` on the finding's line or
// in the comment block right above it (.proto), and
// `"x-contract-lint-ignore": ["RULE_ID"]` in the subschema or an enclosing one
// (JSON Schema), and `x-contract-lint-ignore: [RULE_ID]` in any object of an
// OpenAPI or AsyncAPI document enclosing the finding's location.
void ApplyInlineSuppressions(const Snapshot& current, std::vector<Finding>* findings);

// OpenAPI/AsyncAPI: the JSON pointers of `doc` whose recorded position starts
// at line:column (a finding's location), deepest first.
std::vector<std::string> ApiPointersAt(const ApiDocument& doc, int line, int column);

// True when a finding located at line:column of `doc` lies inside the object
// at `object_pointer` (the object itself or anything below it).
bool ApiLocationInside(const ApiDocument& doc, int line, int column,
                       const std::string& object_pointer);

// The lines of `text`, split at '\n' (a last line without one included; a
// text ending in '\n' ends with an empty line), views into `text`.
std::vector<std::string_view> SplitLines(std::string_view text);

// Reads a baseline file (written by `contract-lint baseline`). Returns false
// after adding a diagnostic when it cannot be read or parsed.
bool LoadBaseline(const std::string& path, const std::string& cwd,
                  std::set<std::string>* fingerprints, Diagnostics* diagnostics);

// Marks findings whose fingerprint is in the baseline.
void ApplyBaseline(const std::set<std::string>& fingerprints, std::vector<Finding>* findings);

// The baseline document for the unsuppressed findings of a run.
std::string RenderBaseline(const std::vector<Finding>& findings);

}  // namespace contract_lint
